import type { Metadata } from "next";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { RevokeCompanyTokenForm } from "@/components/tokens/company-token-forms";
import { TokenList } from "@/components/tokens/token-list";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";
import { listCompanyPersonalTokens } from "@/lib/users/personal-tokens";

export const metadata: Metadata = { title: "Personal access tokens of the company" };

export default async function CompanyTokensPage() {
  const { viewer, company } = await requireCompanyPage("members.tokens.manage", "/company/tokens");
  const tokens = await orNotFound(listCompanyPersonalTokens(actorOf(viewer), company.companyId));
  const active = tokens.filter((t) => t.state === "active").length;
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title="Personal access tokens" status={company.companyStatus} />
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        The tokens people made at <code>/account/tokens</code> to use the management API for {company.companyName}. A token never does more
        than its owner may do now, and a person who left the company holds no role here, so their tokens no longer work. Revoke a token you
        do not trust: it stops working at once, the audit log records it and its owner gets an email. The token values are never shown.
      </p>
      <section aria-labelledby="company-tokens" className="space-y-3">
        <h2 id="company-tokens" className="text-lg font-semibold">
          Tokens for {company.companyName} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({active} active)</span>
        </h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No one has made a personal access token for this company.</p>
        ) : (
          <TokenList
            tokens={tokens}
            label={(t) => `${t.name} of ${t.owner.email}`}
            tag={(t) => t.state}
            details={(t) => (
              <>
                Owner: {t.owner.name ? `${t.owner.name} (${t.owner.email})` : t.owner.email}
                {t.owner.member ? "" : " · no longer a member"}
              </>
            )}
            action={(t) => <RevokeCompanyTokenForm tokenId={t.id} name={t.name} ownerEmail={t.owner.email} />}
          />
        )}
      </section>
    </div>
  );
}
