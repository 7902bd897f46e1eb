import type { Metadata } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/apps/relative-time";
import { CreateCompanyForm } from "@/components/companies/admin-forms";
import { AdminSectionHeader } from "@/components/companies/section-nav";
import { GettingStarted } from "@/components/onboarding/getting-started";
import { StatusBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { controlClass } from "@/components/ui/field";
import { PageSection } from "@/components/ui/page-section";
import { DataTable, Td } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
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
      <GettingStarted viewer={viewer} which="platform" />
      <CreateCompanyForm />
      <PageSection id="companies-heading" title="All companies" className="space-y-3">
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
          <DataTable
            label="Companies"
            tableLabel="Companies"
            columns={["Company", "Status", "Delegated Administrators", "Members", "Pending invitations", "Created"]}
          >
            {items.map((c) => (
              <tr key={c.id}>
                <Td>
                  <TextLink className="font-medium" href={`/admin/companies/${c.id}`}>
                    {c.name}
                  </TextLink>
                </Td>
                <Td label="Status">
                  <StatusBadge status={c.status} testId="company-status" />
                </Td>
                <Td label="Delegated Administrators" className="text-xs">
                  {[...c.delegatedAdmins, ...c.pendingAdmins.map((e) => `${e} (pending)`)].join(", ") || "None"}
                </Td>
                <Td label="Members">{c.memberCount}</Td>
                <Td label="Pending invitations">{c.pendingInvitations}</Td>
                <Td label="Created" className="whitespace-nowrap">
                  <RelativeTime date={c.createdAt} />
                </Td>
              </tr>
            ))}
          </DataTable>
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
      </PageSection>
    </div>
  );
}
