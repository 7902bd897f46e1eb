import type { Metadata } from "next";
import { RelativeTimeIn } from "@/components/apps/relative-time";
import { AddMemberForm } from "@/components/companies/member-forms";
import { CompanyPendingInvitations } from "@/components/companies/pending-invitations";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { GettingStarted } from "@/components/onboarding/getting-started";
import { Alert } from "@/components/ui/alert";
import { PageSection } from "@/components/ui/page-section";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { listPendingInvitations } from "@/lib/companies/invitations";
import { listMembers, removedMemberEmail } from "@/lib/companies/members";
import { can, grantableRoles, ROLE_LABELS } from "@/lib/permissions";
import { formatWhen, orNotFound, param } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";
import { viewerTimeZone } from "@/lib/server/time-zone";

export const metadata: Metadata = { title: "Company users" };

export default async function CompanyUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, company } = await requireCompanyPage("members.read", "/company/users");
  const tz = await viewerTimeZone();
  const params = await searchParams;
  const actor = actorOf(viewer);
  // Only what the audit log says was removed from this company is announced (never text from the address).
  const [members, invitations, removed] = await Promise.all([
    orNotFound(listMembers(actor, company.companyId)),
    orNotFound(listPendingInvitations(actor, company.companyId)),
    removedMemberEmail(actor, company.companyId, param(params.removed)),
  ]);
  const mayManage = can(company.roles, "members.manage");
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title={`Users of ${company.companyName}`} status={company.companyStatus} />
      <GettingStarted viewer={viewer} which="company" />
      {mayManage ? <AddMemberForm grantable={grantableRoles(company.roles)} companyName={company.companyName} /> : null}
      {removed ? (
        <Alert kind="success">
          {removed} was removed from {company.companyName}.
        </Alert>
      ) : null}

      <PageSection id="members-heading" title={<>Members ({members.length})</>} className="space-y-3">
        {members.length <= 1 && mayManage ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="empty-state">
            Only you so far. Add a developer with{" "}
            <TextLink anchor href="#member-email" className="font-medium">
              the form above
            </TextLink>
            .
          </p>
        ) : null}
        <DataTable
          label="Members"
          tableLabel="Members"
          columns={[
            "Member",
            "Roles (granted by, when)",
            "Member since",
            <span key="manage" className="sr-only">
              Manage
            </span>,
          ]}
        >
          {members.map((m) => (
            <tr key={m.membershipId} data-member={m.user.email}>
              <Td>
                <TextLink className="font-medium" href={`/company/users/${m.membershipId}`}>
                  {m.user.name}
                </TextLink>
                <span className="block text-slate-600 dark:text-slate-400">{m.user.email}</span>
                {m.user.id === viewer.user.id ? <span className="text-xs text-slate-600 dark:text-slate-400">(you)</span> : null}
              </Td>
              <Td label="Roles (granted by, when)">
                {m.roles.length ? (
                  <ul className="space-y-1">
                    {m.roles.map((r) => (
                      <li key={r.role}>
                        <span className="font-medium">{ROLE_LABELS[r.role]}</span>{" "}
                        <span className="text-xs text-slate-600 dark:text-slate-400">
                          granted by {r.grantedBy ? r.grantedBy.email : "the system"}, <RelativeTimeIn date={r.grantedAt} zone={tz} />
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-slate-600 dark:text-slate-400">No role</span>
                )}
              </Td>
              <Td label="Member since" className="whitespace-nowrap">
                <RelativeTimeIn date={m.addedAt} zone={tz} />
              </Td>
              <Td>
                <TextLink className="font-medium" href={`/company/users/${m.membershipId}`} aria-label={`Manage ${m.user.email}`}>
                  Manage
                </TextLink>
              </Td>
            </tr>
          ))}
        </DataTable>
      </PageSection>

      <PageSection id="pending-heading" title={<>Pending invitations ({invitations.length})</>} className="space-y-3">
        <CompanyPendingInvitations
          mayWithdraw={mayManage}
          rows={invitations.map((inv) => ({
            id: inv.id,
            email: inv.email,
            detail: `${inv.roles.map((r) => ROLE_LABELS[r]).join(", ")} · invited by ${inv.invitedBy?.email ?? "the system"} on ${formatWhen(inv.createdAt, tz)} · ${inv.expiresAt && inv.expiresAt <= new Date() ? "expired" : `takes effect when they sign up with this email and verify it${inv.expiresAt ? ` · expires ${formatWhen(inv.expiresAt, tz)}` : ""}`}`,
          }))}
        />
      </PageSection>
    </div>
  );
}
