import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/apps/relative-time";
import { CreateCompanyForm } from "@/components/companies/admin-forms";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { controlClass } from "@/components/ui/field";
import { tableClass, tdClass, thClass } from "@/components/ui/table";
import { scrollRegion } from "@/components/ui/table";
import { listCompanies } from "@/lib/companies/companies";
import { orNotFound, param } from "@/lib/server/pages";
import { actorOf, requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Companies" };

export default async function AdminCompaniesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requirePlatformAdminPage("/admin/companies", "companies.read");
  const p = await searchParams;
  const q = (param(p.q) ?? "").slice(0, 100);
  const after = param(p.after);
  const { items, nextAfter } = await orNotFound(listCompanies(actorOf(viewer), { q, after }));
  const qs = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...extra }).toString()}`;
  return (
    <div className="space-y-8">
      <AdminSectionHeader title="Companies" />
      <CreateCompanyForm />
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
              className={`${controlClass} w-64 max-w-full`}
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
                    <td className={tdClass} data-label="Status">
                      <StatusBadge status={c.status} testId="company-status" />
                    </td>
                    <td className={`${tdClass} text-xs`} data-label="Delegated Administrators">
                      {[...c.delegatedAdmins, ...c.pendingAdmins.map((e) => `${e} (pending)`)].join(", ") || "None"}
                    </td>
                    <td className={tdClass} data-label="Members">
                      {c.memberCount}
                    </td>
                    <td className={tdClass} data-label="Pending invitations">
                      {c.pendingInvitations}
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`} data-label="Created">
                      <RelativeTime date={c.createdAt} />
                    </td>
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
