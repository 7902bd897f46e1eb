import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseRange, UsagePanel } from "@/components/metrics/usage-panel";
import { can } from "@/lib/permissions";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Company usage" };

export default async function CompanyUsagePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requireViewer("/company/usage");
  const company = viewer.active;
  if (!company || !can(company.roles, "usage.read.company")) notFound();
  const range = parseRange((await searchParams).range);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Usage of {company.companyName}</h1>
      <p className="text-slate-600 dark:text-slate-400">Every API call made by the company&apos;s apps.</p>
      <UsagePanel
        scope={{ companyId: company.companyId }}
        range={range}
        basePath="/company/usage"
        exportQuery="company=current"
        title={company.companyName}
      />
    </div>
  );
}
