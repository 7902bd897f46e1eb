import type { Metadata } from "next";
import { AuditView } from "@/components/companies/audit-view";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { auditPage, KNOWN_AUDIT_EVENTS } from "@/lib/audit/query";
import { orNotFound, param } from "@/lib/server/pages";
import { actorOf, requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePlatformAdminPage("/admin/audit", "audit.read.all");
  const p = await searchParams;
  const params = {
    event: param(p.event),
    actor: param(p.actor),
    from: param(p.from),
    to: param(p.to),
    company: param(p.company),
    cursor: param(p.cursor),
  };
  const page = await orNotFound(auditPage(actorOf(viewer), { allCompanies: true }, params));
  const companyLabel = page.filters.company
    ? (page.items.find((r) => r.companyId === page.filters.company)?.companyName ?? page.filters.company)
    : null;
  return (
    <div className="space-y-6">
      <AdminSectionHeader title="Audit log" />
      <p className="text-sm text-slate-600 dark:text-slate-400">Every company&apos;s changes, and the platform&apos;s own. Newest first.</p>
      <AuditView
        basePath="/admin/audit"
        items={page.items}
        filters={page.filters}
        nextCursor={page.nextCursor}
        onLaterPage={Boolean(params.cursor)}
        showCompany
        companyLabel={companyLabel}
        error={page.error}
        knownEvents={KNOWN_AUDIT_EVENTS}
      />
    </div>
  );
}
