import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { CreateCompanyForm } from "@/components/companies/admin-forms";
import { AdminSectionHeader, StatusBadge, tableClass, tdClass, thClass } from "@/components/companies/section-nav";
import { listCompanies } from "@/lib/companies/companies";
import { orNotFound, param } from "@/lib/pages";
import { actorOf, requirePlatformAdminPage } from "@/lib/session";
import { scrollRegion } from "@/components/ui/table";
import { RelativeTime } from "@/components/apps/relative-time";

export const metadata: Metadata = { title: "Companies" };

export default async function AdminCompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requirePlatformAdminPage("/admin/companies");
  const p = await searchParams;
  const q = (param(p.q) ?? "").slice(0, 100);
  const after = param(p.after);
  const { items, nextAfter } = await orNotFound(listCompanies(actorOf(viewer), { q, after }));
  const qs = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString()}`;
  return (
    <div className="space-y-8">
      <AdminSectionHeader title="Companies" />
      <Card>
        <h2 className="mb-1 text-lg font-semibold">Create a company</h2>
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Nominate its Delegated Administrator: they add the company&apos;s users and give them roles. They receive the Delegated Administrator and
          API Developer roles.
        </p>
        <CreateCompanyForm />
      </Card>

      <section aria-labelledby="companies-heading" className="space-y-3">
        <h2 id="companies-heading" className="text-lg font-semibold">
          All companies
        </h2>
        <form method="get" action="/admin/companies" className="flex flex-wrap items-end gap-2" role="search" aria-label="Search companies">
          <div className="space-y-1">
            <label htmlFor="company-search" className="block text-sm font-medium">
              Search by name
            </label>
            <input
              id="company-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={100}
              className="block w-64 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
            />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Search
          </button>
          {q ? (
            <Link href="/admin/companies" className={buttonClass("ghost")}>
              Clear
            </Link>
          ) : null}
        </form>
        {items.length === 0 ? (
          <p className="text-slate-600 dark:text-slate-400">{q ? `No company name contains “${q}”.` : "No companies yet."}</p>
        ) : (
          <div {...scrollRegion("Companies")}>
            <table className={tableClass} aria-label="Companies">
              <thead>
                <tr>
                  <th className={thClass}>Company</th>
                  <th className={thClass}>Status</th>
                  <th className={thClass}>Delegated Administrators</th>
                  <th className={thClass}>Members</th>
                  <th className={thClass}>Pending invitations</th>
                  <th className={thClass}>Created</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td className={tdClass}>
                      <Link className="font-medium text-brand-700 underline dark:text-brand-300" href={`/admin/companies/${c.id}`}>
                        {c.name}
                      </Link>
                    </td>
                    <td className={tdClass}>
                      <StatusBadge status={c.status} />
                    </td>
                    <td className={`${tdClass} text-xs`}>{c.delegatedAdmins.length ? c.delegatedAdmins.join(", ") : "—"}</td>
                    <td className={tdClass}>{c.memberCount}</td>
                    <td className={tdClass}>{c.pendingInvitations}</td>
                    <td className={`${tdClass} whitespace-nowrap`}><RelativeTime date={c.createdAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Company pages" className="flex gap-3">
          {after ? (
            <Link className={buttonClass("secondary")} href={`/admin/companies${q ? qs({}) : ""}`}>
              First page
            </Link>
          ) : null}
          {nextAfter ? (
            <Link className={buttonClass("secondary")} href={`/admin/companies${qs({ after: nextAfter })}`}>
              Next page
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
