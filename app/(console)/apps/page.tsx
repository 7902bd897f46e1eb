import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/apps/relative-time";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { countLabel, ListPages, ListSearch } from "@/components/ui/keyset-list";
import { scrollRegion, tableClass, tdClass, thClass } from "@/components/ui/table";
import { appActorFor, mayListApps } from "@/lib/apps/access";
import { COUNT_UP_TO, listApps } from "@/lib/apps/queries";
import { can } from "@/lib/permissions";
import { requireViewer } from "@/lib/server/session";
import { GRANT_TYPE_LABELS } from "@/lib/validation/app-registration";

export const metadata: Metadata = { title: "My Applications" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function MyApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer("/apps");
  const params = await searchParams;
  const company = viewer.active;
  const actor = appActorFor(viewer);
  const mayRegister = company ? can(company.roles, "apps.register") : false;
  const seesCompany = company ? can(company.roles, "apps.read.company") : false;
  const q = (one(params.q) ?? "").slice(0, 100);
  const page =
    actor && mayListApps(actor)
      ? await listApps(actor, { q, after: one(params.after), before: one(params.before), countUpTo: COUNT_UP_TO })
      : null;
  const empty = page !== null && page.total === 0 && !q;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">My Applications</h1>
        {mayRegister && !empty ? (
          <Link href="/apps/register" className={buttonClass("primary")}>
            Register a New App
          </Link>
        ) : null}
      </div>
      {params.welcome ? <Alert kind="success">Welcome, {viewer.user.name}. Your account is ready.</Alert> : null}
      {params.deleted ? <Alert kind="success">The application was deleted and every token it was issued was revoked.</Alert> : null}
      {!company ? (
        <Alert kind="info">
          You are not a member of a company yet. Ask a Delegated Administrator of your company to add <strong>{viewer.user.email}</strong>{" "}
          with the API Developer role; then you can register apps here.
        </Alert>
      ) : !page ? (
        <Alert kind="info">
          You belong to {company.companyName} without the API Developer role. Ask a Delegated Administrator for it to register apps.
        </Alert>
      ) : empty ? (
        <Card>
          {mayRegister ? (
            <p className="text-lg">
              No applications yet —{" "}
              <Link href="/apps/register" className="font-medium text-brand-700 underline dark:text-brand-300">
                Register a New App
              </Link>
            </p>
          ) : (
            <p className="text-lg">No applications yet — the API Developers of {company.companyName} register them.</p>
          )}
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            Registering gives you a Client ID and a Client Secret to get access tokens for the APIs you choose.
          </p>
        </Card>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {seesCompany ? `Every application of ${company.companyName}.` : `The applications you registered for ${company.companyName}.`}
          </p>
          <ListSearch basePath="/apps" id="app-search" label="Search applications" q={q} />
          {page.apps.length === 0 ? (
            <p>No applications match “{q}”.</p>
          ) : (
            <div {...scrollRegion("Applications")}>
              <table className={tableClass}>
                <caption className="sr-only">Applications</caption>
                <thead>
                  <tr>
                    <th scope="col" className={thClass}>
                      Name
                    </th>
                    <th scope="col" className={thClass}>
                      Status
                    </th>
                    <th scope="col" className={thClass}>
                      Grant types
                    </th>
                    <th scope="col" className={thClass}>
                      APIs
                    </th>
                    <th scope="col" className={thClass}>
                      Registered
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.apps.map((app) => (
                    <tr key={app.id}>
                      <td className={tdClass}>
                        <Link href={`/apps/${app.id}`} className="font-medium text-brand-700 underline dark:text-brand-300">
                          {app.name}
                        </Link>
                      </td>
                      <td className={tdClass} data-label="Status">
                        <StatusBadge status={app.status} />
                      </td>
                      <td className={tdClass} data-label="Grant types">
                        {app.grantTypes.map((g) => GRANT_TYPE_LABELS[g]).join(", ")}
                      </td>
                      <td className={tdClass} data-label="APIs">
                        {app.apis.map((a) => a.name).join(", ")}
                      </td>
                      <td className={`${tdClass} whitespace-nowrap`} data-label="Registered">
                        <RelativeTime date={app.createdAt} />
                        {seesCompany && app.createdBy ? (
                          <span className="block text-xs text-slate-600 dark:text-slate-400">by {app.createdBy.name}</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ListPages
            basePath="/apps"
            q={q}
            summary={countLabel(page.total, page.totalCapped, "application", "applications") + (q ? ` matching “${q}”` : "")}
            prevCursor={page.prevCursor}
            nextCursor={page.nextCursor}
            newerLabel="Newer applications"
            olderLabel="Older applications"
          />
        </>
      )}
    </div>
  );
}
