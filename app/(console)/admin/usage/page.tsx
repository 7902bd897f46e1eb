import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseRange, UsagePanel } from "@/components/metrics/usage-panel";
import { Options } from "@/components/ui/field";
import { AppError } from "@/lib/errors";
import { resolveUsageScope, usageFilterOptions } from "@/lib/metrics/access";
import { requirePlatformAdminPage } from "@/lib/server/session";

export const metadata: Metadata = { title: "Platform usage" };

export default async function AdminUsagePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const viewer = await requirePlatformAdminPage("/admin/usage", "usage.read.all");
  const params = await searchParams;
  const company = params.company || undefined;
  const api = company ? undefined : params.api || undefined;
  const resolved = await resolveUsageScope(viewer, { company, api }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const options = await usageFilterOptions();
  const query = company ? `company=${encodeURIComponent(company)}` : api ? `api=${encodeURIComponent(api)}` : "all=1";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Platform usage</h1>
      <form action="/admin/usage" className="flex flex-wrap items-end gap-3">
        <FilterSelect
          id="usage-company"
          name="company"
          label="Company"
          value={company}
          allLabel="All companies"
          options={options.companies}
        />
        <FilterSelect id="usage-api" name="api" label="API (when all companies)" value={api} allLabel="All APIs" options={options.apis} />
        <input type="hidden" name="range" value={parseRange(params.range)} />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-600">
          Show
        </button>
      </form>
      <UsagePanel
        scope={resolved.scope}
        range={parseRange(params.range)}
        basePath={`/admin/usage?${query}`}
        exportQuery={query}
        title={resolved.title}
      />
    </div>
  );
}

/** One of the filter's choices: every company or API, or one of them. */
function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined | null;
  allLabel: string;
  options: { id: string; name: string }[];
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        <option value="">{allLabel}</option>
        <Options options={options.map((o) => [o.id, o.name] as const)} />
      </select>
    </div>
  );
}
