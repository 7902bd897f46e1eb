import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/apps/relative-time";
import { AddMemberForm } from "@/components/companies/member-forms";
import { CompanyPendingInvitations } from "@/components/companies/pending-invitations";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { Alert } from "@/components/ui/alert";
import { tableClass, tdClass, thClass } from "@/components/ui/table";
import { scrollRegion } from "@/components/ui/table";
import { listPendingInvitations } from "@/lib/companies/invitations";
import { listMembers, removedMemberEmail } from "@/lib/companies/members";
import { can, grantableRoles, ROLE_LABELS } from "@/lib/permissions";
import { formatWhen, orNotFound, param } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Company users" };

export default async function CompanyUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, company } = await requireCompanyPage("members.read", "/company/users");
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
      {mayManage ? <AddMemberForm grantable={grantableRoles(company.roles)} companyName={company.companyName} /> : null}
      {removed ? (
        <Alert kind="success">
          {removed} was removed from {company.companyName}.
        </Alert>
      ) : null}

      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members ({members.length})
        </h2>
        <div {...scrollRegion("Members")}>
          <table className={tableClass} aria-label="Members">
            <thead>
              <tr>
                <th className={thClass}>Member</th>
                <th className={thClass}>Roles (granted by, when)</th>
                <th className={thClass}>Member since</th>
                <th className={thClass}>
                  <span className="sr-only">Manage</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.membershipId} data-member={m.user.email}>
                  <td className={tdClass}>
                    <Link className="font-medium text-brand-700 underline dark:text-brand-300" href={`/company/users/${m.membershipId}`}>
                      {m.user.name}
                    </Link>
                    <span className="block text-slate-600 dark:text-slate-400">{m.user.email}</span>
                    {m.user.id === viewer.user.id ? <span className="text-xs text-slate-600 dark:text-slate-400">(you)</span> : null}
                  </td>
                  <td className={tdClass} data-label="Roles (granted by, when)">
                    {m.roles.length ? (
                      <ul className="space-y-1">
                        {m.roles.map((r) => (
                          <li key={r.role}>
                            <span className="font-medium">{ROLE_LABELS[r.role]}</span>{" "}
                            <span className="text-xs text-slate-600 dark:text-slate-400">
                              granted by {r.grantedBy ? r.grantedBy.email : "the system"}, <RelativeTime date={r.grantedAt} />
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="text-slate-600 dark:text-slate-400">No role</span>
                    )}
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`} data-label="Member since">
                    <RelativeTime date={m.addedAt} />
                  </td>
                  <td className={tdClass}>
                    <Link
                      className="font-medium text-brand-700 underline dark:text-brand-300"
                      href={`/company/users/${m.membershipId}`}
                      aria-label={`Manage ${m.user.email}`}
                    >
                      Manage
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="pending-heading" className="space-y-3">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Pending invitations ({invitations.length})
        </h2>
        <CompanyPendingInvitations
          mayWithdraw={mayManage}
          rows={invitations.map((inv) => ({
            id: inv.id,
            email: inv.email,
            detail: `${inv.roles.map((r) => ROLE_LABELS[r]).join(", ")} · invited by ${inv.invitedBy?.email ?? "the system"} on ${formatWhen(inv.createdAt)} · ${inv.expiresAt && inv.expiresAt <= new Date() ? "expired" : `takes effect when they sign up with this email and verify it${inv.expiresAt ? ` · expires ${formatWhen(inv.expiresAt)}` : ""}`}`,
          }))}
        />
      </section>
    </div>
  );
}
