import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { ApiAccessForm, CompanyStatusForm, NominateForm } from "@/components/companies/admin-forms";
import { AuditView } from "@/components/companies/audit-view";
import { AdminPendingInvitations } from "@/components/companies/pending-invitations";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageSection } from "@/components/ui/page-section";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { auditPage, KNOWN_AUDIT_EVENTS } from "@/lib/audit/query";
import { getCompanyForAdmin } from "@/lib/companies/companies";
import { ROLE_LABELS } from "@/lib/permissions";
import { formatWhen, orNotFound } from "@/lib/server/pages";
import { actorOf, requirePlatformAdminPage } from "@/lib/server/session";
import { viewerTimeZone } from "@/lib/server/time-zone";

export async function generateMetadata({ params }: { params: Promise<{ companyId: string }> }): Promise<Metadata> {
  const { companyId } = await params;
  const viewer = await requirePlatformAdminPage(`/admin/companies/${encodeURIComponent(companyId)}`, "companies.read");
  const company = await getCompanyForAdmin(actorOf(viewer), companyId).catch(() => null);
  return { title: company ? `${company.name} · Companies` : "Company" };
}

export default async function AdminCompanyPage({ params }: { params: Promise<{ companyId: string }> }) {
  const { companyId } = await params;
  const viewer = await requirePlatformAdminPage(`/admin/companies/${encodeURIComponent(companyId)}`, "companies.read");
  const tz = await viewerTimeZone();
  const actor = actorOf(viewer);
  const company = await orNotFound(getCompanyForAdmin(actor, companyId));
  const recent = await orNotFound(auditPage(actor, { allCompanies: true }, { company: company.id }));
  const das = company.members.filter((m) => m.roles.some((r) => r.role === "DELEGATED_ADMIN"));
  return (
    <div className="space-y-8">
      <AdminSectionHeader
        title={company.name}
        eyebrow={
          <>
            <TextLink href="/admin/companies">Companies</TextLink> · <StatusBadge status={company.status} /> · created{" "}
            <RelativeTime date={company.createdAt} />
          </>
        }
      />
      {company.status === "SUSPENDED" ? (
        <Alert kind="error">
          {company.name} is suspended{company.suspendedAt ? ` since ${formatWhen(company.suspendedAt, tz)}` : ""}: its apps get no tokens.
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Delegated Administrators</h2>
          {das.length ? (
            <ul className="mb-4 space-y-1 text-sm" aria-label="Delegated Administrators">
              {das.map((m) => (
                <li key={m.membershipId}>
                  <span className="font-medium">{m.user.name}</span> {m.user.email}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
              None yet{company.invitations.length ? ": see the pending nominations below" : ""}.
            </p>
          )}
          <NominateForm companyId={company.id} />
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Status</h2>
          <CompanyStatusForm companyId={company.id} status={company.status} name={company.name} />
        </Card>
      </div>

      <PageSection
        id="pending-nominations"
        title={<>Pending nominations and invitations ({company.invitations.length})</>}
        className="space-y-2"
      >
        <AdminPendingInvitations
          companyId={company.id}
          rows={company.invitations.map((inv) => ({
            id: inv.id,
            email: inv.email,
            detail: `${inv.roles.map((r) => ROLE_LABELS[r]).join(", ")} · by ${inv.invitedBy?.email ?? "the system"} on ${formatWhen(inv.createdAt, tz)}`,
          }))}
        />
      </PageSection>

      <PageSection id="company-members" title={<>Members ({company.members.length})</>} className="space-y-2">
        <DataTable label="Members" tableLabel="Members" columns={["Member", "Roles (granted by, when)"]}>
          {company.members.map((m) => (
            <tr key={m.membershipId}>
              <Td>
                {m.user.name} <span className="block text-slate-600 dark:text-slate-400">{m.user.email}</span>
              </Td>
              <Td label="Roles (granted by, when)">
                {m.roles.map((r) => (
                  <span key={r.role} className="block">
                    {ROLE_LABELS[r.role]}{" "}
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      by {r.grantedBy?.email ?? "the system"}, <RelativeTime date={r.grantedAt} />
                    </span>
                  </span>
                ))}
              </Td>
            </tr>
          ))}
        </DataTable>
      </PageSection>

      <PageSection id="api-access" title="API access" className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          APIs open to all are usable by every company unless you say otherwise here; other APIs only when you allow them.
        </p>
        <DataTable label="API access" tableLabel="API access" columns={["API", "May use now", `Setting for ${company.name}`]}>
          {company.apiAccess.map((api) => (
            <tr key={api.id} data-api={api.name}>
              <Td>
                <span className="font-medium">{api.name}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {api.status.toLowerCase()}
                  {api.openToAll ? " · open to all" : ""}
                </span>
              </Td>
              <Td label="May use now">{api.effective ? "Yes" : "No"}</Td>
              <Td label={`Setting for ${company.name}`}>
                <ApiAccessForm companyId={company.id} api={api} />
              </Td>
            </tr>
          ))}
        </DataTable>
      </PageSection>

      <PageSection id="company-apps" title={<>Apps ({company.apps.length})</>} className="space-y-2">
        {company.apps.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {company.apps.map((a) => (
              <li key={a.id}>
                {a.name} <StatusBadge status={a.status} />{" "}
                <span className="text-xs text-slate-600 dark:text-slate-400">owner {a.ownerEmail ?? "nobody"}</span>
              </li>
            ))}
          </ul>
        )}
      </PageSection>

      <PageSection id="company-audit" title="Recent changes" className="space-y-2">
        <AuditView
          basePath="/admin/audit"
          items={recent.items.slice(0, 20)}
          filters={{ company: company.id }}
          nextCursor={null}
          onLaterPage={false}
          showCompany={false}
          companyLabel={company.name}
          knownEvents={KNOWN_AUDIT_EVENTS}
          showFilters={false}
        />
        <p className="text-sm">
          <TextLink href={`/admin/audit?company=${company.id}`}>The whole audit log of {company.name}</TextLink>
        </p>
      </PageSection>
    </div>
  );
}
