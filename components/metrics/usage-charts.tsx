"use client";
// Charts of one usage report: calls and errors, and p50/p95 latency. Each chart has a text summary
// for screen readers and a table view beside it; colours work in light and dark themes.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { scrollRegion } from "@/components/ui/table";
import type { UsagePoint } from "@/lib/metrics/queries";

function label(iso: string, stepMinutes: number): string {
  const d = new Date(iso);
  return stepMinutes >= 360
    ? d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit" })
    : d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

const axis = { stroke: "currentColor", fontSize: 11 };

/** Legend labels in the text colour (≥ 4.5:1 in both themes); the swatch keeps the series colour. */
const legendText = (value: string) => <span className="text-slate-800 dark:text-slate-100">{value}</span>;

export function UsageCharts({ points, stepMinutes, title }: { points: UsagePoint[]; stepMinutes: number; title: string }) {
  const data = points.map((p) => ({ ...p, t: label(p.start, stepMinutes), p50: p.p50 === null ? null : Number(p.p50.toFixed(1)), p95: p.p95 === null ? null : Number(p.p95.toFixed(1)) }));
  const calls = points.reduce((a, p) => a + p.calls, 0);
  const errors = points.reduce((a, p) => a + p.errors, 0);
  const busiest = points.reduce<UsagePoint | null>((m, p) => (!m || p.calls > m.calls ? p : m), null);
  const summary = `${title}: ${calls} calls, ${errors} errors${busiest && busiest.calls > 0 ? `; busiest at ${label(busiest.start, stepMinutes)} with ${busiest.calls} calls` : ""}.`;
  if (calls === 0) {
    // No axes without data: say so.
    return (
      <p className="rounded-md border border-dashed border-slate-400 px-4 py-8 text-center text-sm text-slate-700 dark:border-slate-500 dark:text-slate-200" data-testid="usage-empty">
        No calls yet
      </p>
    );
  }
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure className="space-y-2">
        <figcaption className="text-sm font-medium">Calls and errors</figcaption>
        <div role="img" aria-label={summary} className="h-56 text-slate-600 dark:text-slate-300">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="t" tick={axis} minTickGap={24} />
              <YAxis allowDecimals={false} tick={axis} />
              <Tooltip contentStyle={{ background: "var(--color-slate-900)", color: "white", border: "none" }} />
              <Legend formatter={legendText} />
              <Bar dataKey="calls" name="Calls" fill="#3b6df0" isAnimationActive={false} />
              <Bar dataKey="errors" name="Errors" fill="#dc4a3d" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="space-y-2">
        <figcaption className="text-sm font-medium">Latency (ms), p50 and p95</figcaption>
        <div role="img" aria-label={`Latency percentiles for ${title}`} className="h-56 text-slate-600 dark:text-slate-300">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeOpacity={0.15} vertical={false} />
              <XAxis dataKey="t" tick={axis} minTickGap={24} />
              <YAxis tick={axis} />
              <Tooltip contentStyle={{ background: "var(--color-slate-900)", color: "white", border: "none" }} />
              <Legend formatter={legendText} />
              <Line type="monotone" dataKey="p50" name="p50" stroke="#16a34a" dot={false} connectNulls isAnimationActive={false} />
              <Line type="monotone" dataKey="p95" name="p95" stroke="#d97706" dot={false} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <details className="lg:col-span-2">
        <summary className="cursor-pointer text-sm font-medium">Show as a table</summary>
        <div {...scrollRegion(summary)} className={`${scrollRegion("").className} mt-2 max-h-80 overflow-auto`}>
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{summary}</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">From</th>
                <th scope="col" className="py-1 pr-3">Calls</th>
                <th scope="col" className="py-1 pr-3">Errors</th>
                <th scope="col" className="py-1 pr-3">p50 ms</th>
                <th scope="col" className="py-1">p95 ms</th>
              </tr>
            </thead>
            <tbody>
              {data.filter((p) => p.calls > 0).map((p) => (
                <tr key={p.start} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="py-1 pr-3"><time dateTime={p.start}>{p.t}</time></td>
                  <td className="py-1 pr-3">{p.calls}</td>
                  <td className="py-1 pr-3">{p.errors}</td>
                  <td className="py-1 pr-3">{p.p50 ?? "–"}</td>
                  <td className="py-1">{p.p95 ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
