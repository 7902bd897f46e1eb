import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/apps/relative-time";
import { AppStatusForm, ReassignAppForm } from "@/components/companies/app-forms";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { countLabel, ListPages, ListSearch } from "@/components/ui/keyset-list";
import { tableClass, tdClass, thClass } from "@/components/ui/table";
import { scrollRegion } from "@/components/ui/table";
import { apiDevelopersOf, companyAppsPage } from "@/lib/companies/app-ownership";
import { can } from "@/lib/permissions";
import { orNotFound, param } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Company apps" };

export default async function CompanyAppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, company } = await requireCompanyPage("apps.read.company", "/company/apps");
  const actor = actorOf(viewer);
  const p = await searchParams;
  const q = (param(p.q) ?? "").slice(0, 100);
  const [page, developers] = await Promise.all([
    orNotFound(companyAppsPage(actor, company.companyId, { q, after: param(p.after), before: param(p.before) })),
    orNotFound(apiDevelopersOf(actor, company.companyId)),
  ]);
  const { apps, suspended } = page;
  const mayManage = can(company.roles, "apps.manage.company");
  const empty = page.total === 0 && !q;
  return (
    <div className="space-y-6">
      <CompanySectionHeader companyName={company.companyName} title={`Apps of ${company.companyName}`} status={company.companyStatus} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        When a member is removed or loses the API Developer role, their apps here are suspended, their Client Secrets revoked and every
        token they were issued stops working. Reassigning such an app to another API Developer makes it active again with a new Client
        Secret for its new owner. Restore is for apps you suspended yourself.
      </p>
      {suspended ? (
        <Alert kind="info">
          {page.suspendedCapped ? `More than ${suspended.toLocaleString("en")}` : suspended.toLocaleString("en")} app
          {suspended === 1 && !page.suspendedCapped ? " is" : "s are"} suspended.
        </Alert>
      ) : null}
      {empty ? null : <ListSearch basePath="/company/apps" id="company-app-search" label="Search apps" q={q} />}
      {empty ? (
        <p className="text-slate-600 dark:text-slate-400">{company.companyName} has no apps yet.</p>
      ) : apps.length === 0 ? (
        <p>{q ? `No apps match “${q}”.` : "No apps on this page."}</p>
      ) : (
        <div {...scrollRegion("Company apps")}>
          <table className={tableClass} aria-label="Company apps">
            <thead>
              <tr>
                <th className={thClass}>App</th>
                <th className={thClass}>Owner</th>
                <th className={thClass}>Status</th>
                <th className={thClass}>Registered</th>
                {mayManage ? <th className={thClass}>Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <tr key={app.id} data-app={app.name}>
                  <td className={`${tdClass} font-medium`}>
                    <Link href={`/apps/${app.id}`} className="text-brand-700 underline dark:text-brand-300">
                      {app.name}
                    </Link>
                  </td>
                  <td className={tdClass} data-label="Owner">
                    {app.owner ? app.owner.email : <span className="text-slate-600 dark:text-slate-400">nobody</span>}
                  </td>
                  <td className={tdClass} data-label="Status">
                    <StatusBadge status={app.status} />
                    {app.suspendedReason ? (
                      <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{app.suspendedReason}</span>
                    ) : null}
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`} data-label="Registered">
                    <RelativeTime date={app.createdAt} />
                  </td>
                  {mayManage ? (
                    <td className={`${tdClass} space-y-2`} data-label="Actions">
                      <ReassignAppForm
                        appId={app.id}
                        appName={app.name}
                        developers={developers
                          .filter((d) => d.id !== app.owner?.id)
                          .map((d) => ({ id: d.id, label: `${d.name} (${d.email})` }))}
                      />
                      <AppStatusForm appId={app.id} appName={app.name} status={app.status} leaver={app.suspendedKind === "LEAVER"} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {empty ? null : (
        <ListPages
          basePath="/company/apps"
          q={q}
          summary={countLabel(page.total, page.totalCapped, "app", "apps") + (q ? ` matching “${q}”` : "")}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          newerLabel="Newer apps"
          olderLabel="Older apps"
        />
      )}
    </div>
  );
}
