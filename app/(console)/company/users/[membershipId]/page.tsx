import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { MemberRolesForm, RemoveMemberForm } from "@/components/companies/member-forms";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { ResetSecondFactorForm } from "@/components/security/policy-forms";
import { StatusBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageSection } from "@/components/ui/page-section";
import { TextLink } from "@/components/ui/text-link";
import { resetSecondFactorAction } from "@/lib/actions/two-factor";
import { getMember, listMembers } from "@/lib/companies/members";
import { can, grantableRoles, ROLE_LABELS } from "@/lib/permissions";
import { companyMayResetSecondFactor, hasSecondFactor } from "@/lib/security/two-factor/factors";
import { orNotFound } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";

type Params = { params: Promise<{ membershipId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { membershipId } = await params;
  const { viewer, company } = await requireCompanyPage("members.read", `/company/users/${encodeURIComponent(membershipId)}`);
  const member = await getMember(actorOf(viewer), company.companyId, membershipId).catch(() => null);
  return { title: member ? `${member.user.name} · Users of ${company.companyName}` : "Company member" };
}

export default async function CompanyMemberPage({ params }: Params) {
  const { membershipId } = await params;
  const { viewer, company } = await requireCompanyPage("members.read", `/company/users/${encodeURIComponent(membershipId)}`);
  // Scoped to the active company: another company's member (or any unknown id) is the 404 page.
  const member = await orNotFound(getMember(actorOf(viewer), company.companyId, membershipId));
  const mayManage = can(company.roles, "members.manage");
  const isSelf = member.user.id === viewer.user.id;
  const mayReset =
    can(company.roles, "security.manage.company") && !isSelf && (await companyMayResetSecondFactor(company.companyId, member.user.email));
  const admins = mayManage
    ? (await listMembers(actorOf(viewer), company.companyId)).filter((m) => m.roles.some((r) => r.role === "DELEGATED_ADMIN")).length
    : 0;
  return (
    <div className="space-y-8">
      <CompanySectionHeader companyName={company.companyName} title={member.user.name} status={company.companyStatus} />
      <p>
        <TextLink href="/company/users" className="text-sm">
          ← All users of {company.companyName}
        </TextLink>
      </p>
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Email</dt>
            <dd className="font-medium">{member.user.email}</dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Member since</dt>
            <dd>
              <RelativeTime date={member.addedAt} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Roles</dt>
            <dd>
              {member.roles.length ? (
                <ul>
                  {member.roles.map((r) => (
                    <li key={r.role}>
                      {ROLE_LABELS[r.role]}{" "}
                      <span className="text-xs text-slate-600 dark:text-slate-400">
                        (granted by {r.grantedBy?.email ?? "the system"}, <RelativeTime date={r.grantedAt} />)
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                "No role"
              )}
            </dd>
          </div>
        </dl>
      </Card>

      <PageSection id="member-apps" title={<>Apps owned in {company.companyName}</>} className="space-y-2">
        {member.allApps.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None.</p>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="Apps owned">
            {member.allApps.map((a) => (
              <li key={a.id}>
                <TextLink href={`/apps/${a.id}`}>{a.name}</TextLink> <StatusBadge status={a.status} />
                {a.suspendedReason ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{a.suspendedReason}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {member.apps.length ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Removing this member, or taking away API Developer, suspends these apps, revokes their Client Secrets and tokens, until you
            reassign them (with a new Client Secret) on <TextLink href="/company/apps">Company apps</TextLink>.
          </p>
        ) : null}
      </PageSection>

      {mayManage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <h2 className="mb-4 text-lg font-semibold">Change roles</h2>
            <MemberRolesForm
              membershipId={member.membershipId}
              current={member.roles.map((r) => r.role)}
              grantable={grantableRoles(company.roles)}
              lastButOneAdmin={admins === 2}
              email={member.user.email}
            />
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-semibold">Remove from {company.companyName}</h2>
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
              {isSelf ? "You would lose access to this company's console pages. " : ""}
              The account stays; only the membership and its roles go. The company always keeps at least one Delegated Administrator.
            </p>
            <RemoveMemberForm membershipId={member.membershipId} email={member.user.email} />
          </Card>
        </div>
      ) : null}
      {/* Offered only when the company owns the member's verified email domain: otherwise a company's
          power ends at the membership, and the server refuses the reset too. */}
      {mayReset ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Second factor</h2>
          <ResetSecondFactorForm
            action={resetSecondFactorAction}
            userId={member.user.id}
            email={member.user.email}
            askPassword={!(await hasSecondFactor(viewer.user.id))}
            returnTo={`/company/users/${encodeURIComponent(member.membershipId)}`}
          />
        </Card>
      ) : null}
    </div>
  );
}
