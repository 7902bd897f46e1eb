import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { CreateInitialTokenForm, RevokeInitialTokenForm } from "@/components/tokens/initial-token-forms";
import { PageSection } from "@/components/ui/page-section";
import { listEntitledApis } from "@/lib/apis/catalog";
import { issuer } from "@/lib/oauth/config";
import { registrationClientUri } from "@/lib/oauth/registration/client-registration";
import { listInitialAccessTokens } from "@/lib/oauth/registration/initial-tokens";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";
import { GRANT_TYPE_LABELS, GRANT_TYPES } from "@/lib/validation/app-registration";

export const metadata: Metadata = { title: "Registration tokens" };

export default async function RegistrationTokensPage() {
  const { viewer, company } = await requireCompanyPage("apps.registration_tokens.manage", "/company/registration-tokens");
  const [tokens, apis] = await Promise.all([
    orNotFound(listInitialAccessTokens(actorOf(viewer), company.companyId)),
    listEntitledApis(company.companyId),
  ]);
  const apiNames = new Map(apis.map((a) => [a.id, a.name]));
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title="Registration tokens" status={company.companyStatus} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Initial access tokens let a client register itself (OAuth 2.0 Dynamic Client Registration, RFC 7591) at{" "}
        <code className="break-all">{issuer()}/oauth2/register</code>, under the same rules as “Register an Application”, as you. Each
        allows a number of registrations until it expires, for the grant types and APIs you choose. The answer gives the client a
        registration access token to read, update and delete itself at{" "}
        <code className="break-all">{registrationClientUri("<client_id>")}</code> (RFC 7592).
      </p>
      <PageSection id="new-iat" title="New initial access token" className="max-w-xl space-y-3">
        <CreateInitialTokenForm
          grantTypes={GRANT_TYPES.map((g) => ({ value: g, label: GRANT_TYPE_LABELS[g] }))}
          apis={apis.map((a) => ({ id: a.id, name: a.name }))}
        />
      </PageSection>
      <PageSection id="iat-list" title={<>Tokens of {company.companyName}</>} className="space-y-3">
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="empty-state">
            No initial access tokens yet. Make one above to let a tool register apps through dynamic client registration.
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {tokens.map((t) => (
              <li key={t.id} aria-label={t.name} className="flex flex-wrap items-center justify-between gap-4 p-4">
                <div className="space-y-1 text-sm">
                  <p className="font-medium">
                    {t.name}{" "}
                    <span className="font-normal text-slate-600 dark:text-slate-400">
                      apci_…{t.lastFour} · {t.state}
                    </span>
                  </p>
                  <p className="text-slate-600 dark:text-slate-400">
                    {t.uses} of {t.maxUses} registrations used · {t.grantTypes.map((g) => GRANT_TYPE_LABELS[g]).join(", ")} ·{" "}
                    {t.apiIds.map((id) => apiNames.get(id) ?? id).join(", ")} · by {t.createdByEmail ?? "someone"}{" "}
                    <RelativeTime date={t.createdAt} /> · expires <RelativeTime date={t.expiresAt} />
                  </p>
                </div>
                {t.state === "active" ? <RevokeInitialTokenForm tokenId={t.id} name={t.name} /> : null}
              </li>
            ))}
          </ul>
        )}
      </PageSection>
    </div>
  );
}
