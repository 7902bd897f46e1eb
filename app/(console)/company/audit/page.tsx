import type { Metadata } from "next";
import { AuditView } from "@/components/companies/audit-view";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { auditPage, KNOWN_AUDIT_EVENTS } from "@/lib/audit/query";
import { orNotFound, param } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Company audit log" };

export default async function CompanyAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, company } = await requireCompanyPage("audit.read.company", "/company/audit");
  const p = await searchParams;
  const params = { event: param(p.event), actor: param(p.actor), from: param(p.from), to: param(p.to), cursor: param(p.cursor) };
  const page = await orNotFound(auditPage(actorOf(viewer), { companyId: company.companyId }, params));
  return (
    <div className="space-y-6">
      <CompanySectionHeader
        companyName={company.companyName}
        title={`Audit log of ${company.companyName}`}
        status={company.companyStatus}
      />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every change to the company&apos;s members, roles, invitations and apps: who, what, when and from where. Newest first.
      </p>
      <AuditView
        basePath="/company/audit"
        items={page.items}
        filters={page.filters}
        nextCursor={page.nextCursor}
        onLaterPage={Boolean(params.cursor)}
        showCompany={false}
        error={page.error}
        knownEvents={KNOWN_AUDIT_EVENTS}
      />
    </div>
  );
}
