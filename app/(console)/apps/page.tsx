import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTimeIn } from "@/components/apps/relative-time";
import { GettingStarted } from "@/components/onboarding/getting-started";
import { Alert } from "@/components/ui/alert";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { CountedListPages } from "@/components/ui/counted-list-pages";
import { ListSearch } from "@/components/ui/keyset-list";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { appActorFor, mayListApps } from "@/lib/apps/access";
import { COUNT_UP_TO, listApps } from "@/lib/apps/queries";
import { can } from "@/lib/permissions";
import { companySignUpMode } from "@/lib/plans/company-requests";
import { requireViewer } from "@/lib/server/session";
import { viewerTimeZone } from "@/lib/server/time-zone";
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
  const companySignUp = company ? "nomination" : await companySignUpMode();
  const actor = appActorFor(viewer);
  const mayRegister = company ? can(company.roles, "apps.register") : false;
  const seesCompany = company ? can(company.roles, "apps.read.company") : false;
  const q = (one(params.q) ?? "").slice(0, 100);
  const page =
    actor && mayListApps(actor)
      ? await listApps(actor, { q, after: one(params.after), before: one(params.before), countUpTo: COUNT_UP_TO })
      : null;
  const empty = page !== null && page.total === 0 && !q;
  const zone = await viewerTimeZone();

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
      {mayRegister ? <GettingStarted viewer={viewer} which="developer" /> : null}
      {!company ? (
        <Alert kind="info">
          You are not a member of a company yet. Ask a Delegated Administrator of your company to add <strong>{viewer.user.email}</strong>{" "}
          with the API Developer role; then you can register apps here.
          {companySignUp !== "nomination" ? (
            <>
              {" "}
              Or{" "}
              <Link href="/companies/request" className="font-medium underline">
                {companySignUp === "open" ? "create your company" : "request a company"}
              </Link>
              .
            </>
          ) : null}
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
              <TextLink href="/apps/register" className="font-medium">
                Register a New App
              </TextLink>
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
            <DataTable label="Applications" caption="Applications" columns={["Name", "Status", "Grant types", "APIs", "Registered"]}>
              {page.apps.map((app) => (
                <tr key={app.id}>
                  <Td>
                    <TextLink href={`/apps/${app.id}`} className="font-medium">
                      {app.name}
                    </TextLink>
                  </Td>
                  <Td label="Status">
                    <StatusBadge status={app.status} />
                  </Td>
                  <Td label="Grant types">{app.grantTypes.map((g) => GRANT_TYPE_LABELS[g]).join(", ")}</Td>
                  <Td label="APIs">{app.apis.map((a) => a.name).join(", ")}</Td>
                  <Td label="Registered" className="whitespace-nowrap">
                    <RelativeTimeIn date={app.createdAt} zone={zone} />
                    {seesCompany && app.createdBy ? (
                      <span className="block text-xs text-slate-600 dark:text-slate-400">by {app.createdBy.name}</span>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </DataTable>
          )}
          <CountedListPages basePath="/apps" q={q} page={page} one="application" many="applications" />
        </>
      )}
    </div>
  );
}
