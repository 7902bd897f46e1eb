import type { Metadata } from "next";
import { CreateTokenForm, RevokeTokenForm } from "@/components/tokens/token-forms";
import { TokenList } from "@/components/tokens/token-list";
import { PageSection } from "@/components/ui/page-section";
import { isRole, scopeHeldBy, TOKEN_SCOPES } from "@/lib/permissions";
import { isRecentProof, passwordProvenAt } from "@/lib/security/reauth";
import { stepUpOrRedirect } from "@/lib/security/two-factor/step-up";
import { requireViewer } from "@/lib/server/session";
import { listPersonalTokens, TOKEN_EXPIRY_CHOICES, tokenCompanyChoices } from "@/lib/users/personal-tokens";

export const metadata: Metadata = { title: "Personal access tokens" };

export default async function TokensPage() {
  const viewer = await requireViewer("/account/tokens");
  // Making a token needs a fresh second factor from a person who has one (contract): ask on arrival.
  await stepUpOrRedirect(viewer, "/account/tokens");
  const [tokens, companies, provenAt] = await Promise.all([
    listPersonalTokens(viewer.user.id),
    tokenCompanyChoices(viewer.user),
    passwordProvenAt(viewer),
  ]);
  const roles = (viewer.active?.roles ?? []).filter(isRole);
  const scopes = TOKEN_SCOPES.map((s) => ({ scope: s.scope, description: s.description, held: scopeHeldBy(s.scope, roles, viewer.user) }));
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Personal access tokens</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Tokens let scripts, CI jobs and the <code>api-console</code> command line use the management API (<code>/api/v1</code>) as you,
          for one company. A token never does more than you may: if you lose a role, your tokens lose it too. Reference:{" "}
          <a className="underline" href="/api/v1/openapi.json">
            OpenAPI document
          </a>
          .
        </p>
      </div>
      <PageSection id="create-token" title="New token" className="max-w-xl space-y-3">
        {companies.length === 0 ? (
          <p className="text-sm">You are not a member of any company yet, so there is nothing a token could act for.</p>
        ) : (
          <CreateTokenForm
            companies={
              viewer.active
                ? [...companies].sort((a, b) => Number(b.id === viewer.active!.companyId) - Number(a.id === viewer.active!.companyId))
                : companies
            }
            scopes={scopes}
            expiryChoices={[...TOKEN_EXPIRY_CHOICES]}
            askPassword={!isRecentProof(provenAt)}
          />
        )}
      </PageSection>
      <PageSection id="your-tokens" title="Your tokens" className="space-y-3">
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="empty-state">
            No tokens yet. Create one above to call the management API or use the CLI as yourself.
          </p>
        ) : (
          <TokenList
            tokens={tokens}
            label={(t) => t.name}
            tag={(t) => t.companyName}
            action={(t) => <RevokeTokenForm tokenId={t.id} name={t.name} />}
          />
        )}
      </PageSection>
    </div>
  );
}
