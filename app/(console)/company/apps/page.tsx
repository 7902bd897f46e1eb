import type { Metadata } from "next";
import { RelativeTime } from "@/components/apps/relative-time";
import { AppStatusForm, DeactivateStaleAppsForm, ReassignAppForm } from "@/components/companies/app-forms";
import { CompanySectionHeader } from "@/components/companies/section-nav";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { CountedListPages } from "@/components/ui/counted-list-pages";
import { ListSearch } from "@/components/ui/keyset-list";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { countStaleApps, isStaleApp } from "@/lib/apps/stale";
import { apiDevelopersOf, companyAppsPage } from "@/lib/companies/app-ownership";
import { env } from "@/lib/env";
import { can } from "@/lib/permissions";
import { orNotFound, param } from "@/lib/server/pages";
import { actorOf, requireCompanyPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Company apps" };

export default async function CompanyAppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { viewer, company } = await requireCompanyPage("apps.read.company", "/company/apps");
  const actor = actorOf(viewer);
  const p = await searchParams;
  const q = (param(p.q) ?? "").slice(0, 100);
  const now = new Date();
  const [page, developers, staleCount] = await Promise.all([
    orNotFound(companyAppsPage(actor, company.companyId, { q, after: param(p.after), before: param(p.before) })),
    orNotFound(apiDevelopersOf(actor, company.companyId)),
    orNotFound(countStaleApps(actor, company.companyId, now)),
  ]);
  const staleDays = env().staleAppDays;
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
      {staleCount || mayManage ? (
        <div className="flex flex-wrap items-center gap-3">
          {staleCount ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {staleCount.toLocaleString("en")} active app{staleCount === 1 ? " has" : "s have"} got no token for {staleDays} days (marked
              “Stale”).
            </p>
          ) : null}
          {mayManage ? <DeactivateStaleAppsForm count={staleCount} days={staleDays} /> : null}
        </div>
      ) : null}
      {empty ? null : <ListSearch basePath="/company/apps" id="company-app-search" label="Search apps" q={q} />}
      {empty ? (
        <p className="text-slate-600 dark:text-slate-400" data-testid="empty-state">
          {company.companyName} has no apps yet. Apps are registered by the company&apos;s API Developers:{" "}
          <TextLink href="/company/users" className="font-medium">
            add a developer
          </TextLink>{" "}
          or{" "}
          <TextLink href="/apps/register" className="font-medium">
            register one yourself
          </TextLink>{" "}
          if you hold the API Developer role.
        </p>
      ) : apps.length === 0 ? (
        <p>{q ? `No apps match “${q}”.` : "No apps on this page."}</p>
      ) : (
        <DataTable
          label="Company apps"
          tableLabel="Company apps"
          columns={["App", "Owner", "Status", "Registered", "Last used", ...(mayManage ? ["Actions"] : [])]}
        >
          {apps.map((app) => (
            <tr key={app.id} data-app={app.name}>
              <Td className="font-medium">
                <TextLink href={`/apps/${app.id}`}>{app.name}</TextLink>
              </Td>
              <Td label="Owner">{app.owner ? app.owner.email : <span className="text-slate-600 dark:text-slate-400">nobody</span>}</Td>
              <Td label="Status">
                <StatusBadge status={app.status} />
                {isStaleApp({ status: app.status, lastUsedAt: app.lastUsedAt ?? null, createdAt: app.createdAt }, now, staleDays) ? (
                  <span
                    className="ml-2 inline-block rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100"
                    title={`No token for ${staleDays} days`}
                  >
                    Stale
                  </span>
                ) : null}
                {app.suspendedReason ? (
                  <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">{app.suspendedReason}</span>
                ) : null}
              </Td>
              <Td label="Registered" className="whitespace-nowrap">
                <RelativeTime date={app.createdAt} />
              </Td>
              <Td label="Last used" className="whitespace-nowrap">
                {app.lastUsedAt ? (
                  <RelativeTime date={app.lastUsedAt} />
                ) : (
                  <span className="text-slate-600 dark:text-slate-400">never</span>
                )}
              </Td>
              {mayManage ? (
                <Td label="Actions" className="space-y-2">
                  <ReassignAppForm
                    appId={app.id}
                    appName={app.name}
                    developers={developers
                      .filter((d) => d.id !== app.owner?.id)
                      .map((d) => ({ id: d.id, label: `${d.name} (${d.email})` }))}
                  />
                  <AppStatusForm appId={app.id} appName={app.name} status={app.status} leaver={app.suspendedKind === "LEAVER"} />
                </Td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {empty ? null : <CountedListPages basePath="/company/apps" q={q} page={page} one="app" many="apps" />}
    </div>
  );
}
