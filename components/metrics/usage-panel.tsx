import Link from "next/link";
import { TextLink } from "@/components/ui/text-link";
import { type Range, RANGES, usageReport, type UsageScope } from "@/lib/metrics/queries";
import { viewerTimeZone } from "@/lib/server/time-zone";
import { UsageCharts } from "./usage-charts";
export { parseRange } from "@/lib/metrics/queries";

function fmt(ms: number | null): string {
  return ms === null ? "–" : ms < 10 ? ms.toFixed(1) : Math.round(ms).toString();
}

/**
 * Usage of one scope over a range: totals, charts with table view, range switcher and CSV export.
 * The caller has already checked that the viewer may see this scope; `exportQuery` names it for
 * the export route, which checks again.
 */
export async function UsagePanel({
  scope,
  range,
  basePath,
  exportQuery,
  title,
}: {
  scope: UsageScope;
  range: Range;
  basePath: string;
  exportQuery: string;
  title: string;
}) {
  const report = await usageReport(scope, range);
  const timeZone = await viewerTimeZone();
  const { totals } = report;
  const sep = basePath.includes("?") ? "&" : "?";
  return (
    <section aria-labelledby="usage-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="usage-heading" className="text-lg font-semibold">
          Usage and performance
        </h2>
        <nav aria-label="Period" className="flex flex-wrap gap-1 text-sm">
          {(Object.keys(RANGES) as Range[]).map((r) => (
            <Link
              key={r}
              href={`${basePath}${sep}range=${r}`}
              aria-current={r === range ? "page" : undefined}
              className="rounded-md px-2 py-1 hover:bg-slate-100 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold aria-[current=page]:text-brand-700 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-brand-300"
            >
              {RANGES[r].label}
            </Link>
          ))}
          <TextLink anchor href={`/usage/export?${exportQuery}&range=${range}`} className="rounded-md px-2 py-1 font-medium" download>
            Export CSV
          </TextLink>
        </nav>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Calls", totals.calls.toLocaleString("en")],
          [
            "Errors",
            `${totals.errors.toLocaleString("en")}${totals.calls ? ` (${((100 * totals.errors) / totals.calls).toFixed(1)}%)` : ""}`,
          ],
          ["p50 latency", `${fmt(totals.p50)} ms`],
          ["p95 latency", `${fmt(totals.p95)} ms`],
        ].map(([k, v]) => (
          <div key={k} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            <dt className="text-xs text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="text-lg font-semibold" data-testid={`usage-${k!.toLowerCase().replace(/\W+/g, "-")}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {totals.calls === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="empty-state">
          No calls in this period. Calls appear here a few seconds after an app makes them: get a token and call an API, as{" "}
          <TextLink href="/docs/getting-started" className="font-medium">
            Getting Started
          </TextLink>{" "}
          shows, or try the{" "}
          <TextLink href="/apis" className="font-medium">
            APIs
          </TextLink>{" "}
          from their pages.
        </p>
      ) : null}
      <UsageCharts
        points={report.points}
        stepMinutes={report.stepMinutes}
        title={`${title}, ${RANGES[range].label.toLowerCase()}`}
        timeZone={timeZone}
      />
    </section>
  );
}
