// Charts of one usage report, drawn on the server as SVG (no chart library in the browser, to keep the page's JavaScript small):
// calls and errors as bars, p50/p95 latency as lines. Each chart is one image with a text summary for
// screen readers, a legend in text, a hover title per bucket, and a table view beside it; the axes'
// labels are HTML so they keep their size at any width. Colours work in light and dark themes.
import { compactCellClass, compactTableClass, scrollRegion, TableHead } from "@/components/ui/table";
import { axisLabel, bucketLabel, timesIn, UTC } from "@/lib/format";
import type { UsagePoint } from "@/lib/metrics/queries";

/** A bucket's start as the table and the hover titles show it, in the viewer's zone (lib/format.ts). */
function label(iso: string, stepMinutes: number, timeZone: string): string {
  return bucketLabel(new Date(iso), stepMinutes, timeZone);
}

const COLORS = { calls: "#3b6df0", errors: "#dc4a3d", p50: "#16a34a", p95: "#d97706" };

/** Ticks from 0 to a round top above `max` (at most about five); whole numbers when `integer`. */
export function axisTicks(max: number, integer: boolean): number[] {
  const raw = max > 0 ? max / 4 : 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  if (integer) step = Math.max(1, Math.ceil(step));
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

const tickText = (v: number) => (Number.isInteger(v) ? v.toLocaleString("en") : String(Number(v.toFixed(2))));

/**
 * The plot frame: y labels on the left, the SVG, and a few x labels below. Hidden from assistive
 * technology (the summary speaks). The SVG is laid out absolutely inside its cell, so its viewBox
 * never gives the grid an intrinsic height (which made the plot overflow its box); the y labels'
 * column is as wide as its longest label; the frame keeps half a label of room above the top tick;
 * on a narrow plot every other x label is left out, so they never run into each other.
 */
function Plot({
  ticks,
  xLabels,
  count,
  children,
}: {
  ticks: number[];
  xLabels: { index: number; text: string }[];
  count: number;
  children: React.ReactNode;
}) {
  const top = ticks[ticks.length - 1]!;
  const widest = Math.max(...ticks.map((t) => tickText(t).length));
  return (
    <div
      aria-hidden="true"
      className="grid h-full grid-cols-[auto_minmax(0,1fr)] grid-rows-[minmax(0,1fr)_auto] pt-2 text-[11px] tabular-nums"
    >
      <div className="relative pr-1.5" style={{ width: `calc(${widest}ch + 0.375rem)` }}>
        {ticks.map((t) => (
          <span key={t} className="absolute right-1.5 -translate-y-1/2 leading-none" style={{ top: `${(1 - t / top) * 100}%` }}>
            {tickText(t)}
          </span>
        ))}
      </div>
      <div className="relative min-h-0">
        <svg viewBox={`0 0 ${count} 100`} preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
          {ticks.map((t) => (
            <line
              key={t}
              x1={0}
              x2={count}
              y1={100 - (t / top) * 100}
              y2={100 - (t / top) * 100}
              stroke="currentColor"
              strokeOpacity={t === 0 ? 0.5 : 0.15}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {children}
        </svg>
      </div>
      <div />
      <div data-axis="time" className="@container relative h-6">
        {xLabels.map((l, k) => (
          <span
            key={l.index}
            className={`absolute top-2 -translate-x-1/2 whitespace-nowrap leading-none ${k % 2 === 1 ? "@max-xs:hidden" : ""}`}
            style={{ left: `${((l.index + 0.5) / count) * 100}%` }}
          >
            {l.text}
          </span>
        ))}
      </div>
    </div>
  );
}

function Legend({ items }: { items: { name: string; color: string; line?: boolean }[] }) {
  return (
    <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm text-slate-800 dark:text-slate-100">
      {items.map((i) => (
        <li key={i.name} className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className={i.line ? "h-0.5 w-4" : "h-3 w-3"} style={{ background: i.color }} />
          {i.name}
        </li>
      ))}
    </ul>
  );
}

/** An SVG path through the points that have a value (gaps are bridged, as the previous chart did). */
function linePath(values: (number | null)[], top: number): string {
  const pts = values.flatMap((v, i) => (v === null ? [] : [`${i + 0.5} ${100 - (v / top) * 100}`]));
  if (!pts.length) return "";
  // A single point is drawn as a dot (a round cap on a tiny segment).
  return `M${pts.join(" L")}${pts.length === 1 ? " l0.001 0" : ""}`;
}

/** One latency series as a line over the plot. */
function Line({ values, top, color }: { values: (number | null)[]; top: number; color: string }) {
  return (
    <path
      d={linePath(values, top)}
      fill="none"
      stroke={color}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      vectorEffect="non-scaling-stroke"
    />
  );
}

export function UsageCharts({
  points,
  stepMinutes,
  title,
  timeZone = UTC,
}: {
  points: UsagePoint[];
  stepMinutes: number;
  title: string;
  /** The IANA zone the times are shown in; the buckets stay aligned as the report computed them. */
  timeZone?: string;
}) {
  const data = points.map((p) => ({
    ...p,
    t: label(p.start, stepMinutes, timeZone),
    p50: p.p50 === null ? null : Number(p.p50.toFixed(1)),
    p95: p.p95 === null ? null : Number(p.p95.toFixed(1)),
  }));
  const calls = points.reduce((a, p) => a + p.calls, 0);
  const errors = points.reduce((a, p) => a + p.errors, 0);
  const busiest = points.reduce<UsagePoint | null>((m, p) => (!m || p.calls > m.calls ? p : m), null);
  const summary = `${title}: ${calls} calls, ${errors} errors${busiest && busiest.calls > 0 ? `; busiest at ${label(busiest.start, stepMinutes, timeZone)} with ${busiest.calls} calls` : ""}.`;
  if (calls === 0) {
    // No axes without data: say so.
    return (
      <p
        className="rounded-md border border-dashed border-slate-400 px-4 py-8 text-center text-sm text-slate-700 dark:border-slate-500 dark:text-slate-200"
        data-testid="usage-empty"
      >
        No calls yet
      </p>
    );
  }
  const n = data.length;
  // Five x labels, each in the middle of a fifth of the range.
  const xLabels = Array.from(new Set(Array.from({ length: Math.min(5, n) }, (_, k) => Math.floor(((k + 0.5) * n) / Math.min(5, n))))).map(
    (index) => ({ index, text: axisLabel(new Date(data[index]!.start), stepMinutes, timeZone) }),
  );
  const callTicks = axisTicks(Math.max(...data.map((p) => p.calls)), true);
  const callTop = callTicks[callTicks.length - 1]!;
  const latencies = data.flatMap((p) => [p.p50, p.p95]).filter((v): v is number => v !== null);
  const msTicks = axisTicks(latencies.length ? Math.max(...latencies) : 0, false);
  const msTop = msTicks[msTicks.length - 1]!;
  const bar = (v: number) => (v / callTop) * 100;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="space-y-2">
        <figcaption className="text-sm font-medium">Calls and errors</figcaption>
        <div role="img" aria-label={summary} className="h-56 text-slate-600 dark:text-slate-300">
          <Plot ticks={callTicks} xLabels={xLabels} count={n}>
            {data.map((p, i) =>
              p.calls > 0 ? (
                <g key={p.start}>
                  <title>{`${p.t}: ${p.calls} calls, ${p.errors} errors`}</title>
                  <rect x={i} y={0} width={1} height={100} fill="transparent" />
                  <rect x={i + 0.1} y={100 - bar(p.calls)} width={0.4} height={bar(p.calls)} fill={COLORS.calls} />
                  {p.errors > 0 ? (
                    <rect x={i + 0.5} y={100 - bar(p.errors)} width={0.4} height={bar(p.errors)} fill={COLORS.errors} />
                  ) : null}
                </g>
              ) : null,
            )}
          </Plot>
        </div>
        <Legend
          items={[
            { name: "Calls", color: COLORS.calls },
            { name: "Errors", color: COLORS.errors },
          ]}
        />
      </figure>
      <figure className="space-y-2">
        <figcaption className="text-sm font-medium">Latency (ms), p50 and p95</figcaption>
        <div role="img" aria-label={`Latency percentiles for ${title}`} className="h-56 text-slate-600 dark:text-slate-300">
          <Plot ticks={msTicks} xLabels={xLabels} count={n}>
            <Line values={data.map((p) => p.p50)} top={msTop} color={COLORS.p50} />
            <Line values={data.map((p) => p.p95)} top={msTop} color={COLORS.p95} />
            {data.map((p, i) =>
              p.p50 !== null || p.p95 !== null ? (
                <rect key={p.start} x={i} y={0} width={1} height={100} fill="transparent">
                  <title>{`${p.t}: p50 ${p.p50 ?? "–"} ms, p95 ${p.p95 ?? "–"} ms`}</title>
                </rect>
              ) : null,
            )}
          </Plot>
        </div>
        <Legend
          items={[
            { name: "p50", color: COLORS.p50, line: true },
            { name: "p95", color: COLORS.p95, line: true },
          ]}
        />
      </figure>
      <p className="text-xs text-slate-600 lg:col-span-2 dark:text-slate-400">{timesIn(timeZone)}</p>
      <details className="lg:col-span-2">
        <summary className="cursor-pointer text-sm font-medium">Show as a table</summary>
        <div {...scrollRegion(summary)} className={`${scrollRegion("").className} mt-2 max-h-80 overflow-auto`}>
          <table className={`${compactTableClass} text-xs`}>
            <caption className="sr-only">{summary}</caption>
            <TableHead columns={["From", "Calls", "Errors", "p50 ms", "p95 ms"]} cellClass={compactCellClass} />
            <tbody>
              {data
                .filter((p) => p.calls > 0)
                .map((p) => (
                  <tr key={p.start} className="border-t border-slate-100 dark:border-slate-800">
                    <td className={compactCellClass}>
                      <time dateTime={p.start}>{p.t}</time>
                    </td>
                    <td className={compactCellClass}>{p.calls}</td>
                    <td className={compactCellClass}>{p.errors}</td>
                    <td className={compactCellClass}>{p.p50 ?? "–"}</td>
                    <td className={compactCellClass}>{p.p95 ?? "–"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
