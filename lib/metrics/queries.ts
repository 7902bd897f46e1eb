import "server-only";
// Usage over the last hour, day, week or month, bucketed in SQL with integer arithmetic on
// `minute` (the same statement on SQLite and PostgreSQL), one row per bucket and outcome, read from
// the coarsest rows that add up to the range's buckets (usageSourceFor: minutes, hours or days).
import { db } from "../db";
import { env } from "../env";
import { BUCKET_COLUMNS, percentile } from "./histogram";

/**
 * What a range means (one rule for every range, so a report has the same shape at any minute):
 * a range is exactly `minutes / step` buckets of `step` minutes, aligned to multiples of `step`
 * minutes since the Unix epoch (UTC), the LAST of them being the bucket that holds the current
 * minute (partial until it ends). So the hour is always 60 one-minute points, the day 96
 * quarter-hours, the week 168 hours and the 30 days 120 six-hour buckets; the first bucket is
 * always whole, and the window reaches back between `minutes - step` and `minutes` minutes.
 */
export const RANGES = {
  hour: { minutes: 60, step: 1, label: "Last hour" },
  day: { minutes: 24 * 60, step: 15, label: "Last day" },
  week: { minutes: 7 * 24 * 60, step: 60, label: "Last week" },
  month: { minutes: 30 * 24 * 60, step: 360, label: "Last 30 days" },
} as const;
export type Range = keyof typeof RANGES;

export interface RangeWindow {
  /** First minute (epoch minutes) of the first bucket. */
  firstBucket: number;
  /** Exclusive end (epoch minutes): the end of the bucket that holds the current minute. */
  end: number;
  step: number;
  /** Number of buckets: always `minutes / step`. */
  count: number;
}

/** The buckets of `range` at time `now` (see RANGES for the rule). */
export function rangeWindow(range: Range, now: number): RangeWindow {
  const { minutes, step } = RANGES[range];
  const count = minutes / step;
  const current = Math.floor(now / 60_000);
  const lastBucket = Math.floor(current / step) * step;
  return { firstBucket: lastBucket - (count - 1) * step, end: lastBucket + step, step, count };
}

export function parseRange(value: unknown): Range {
  return typeof value === "string" && Object.hasOwn(RANGES, value) ? (value as Range) : "day";
}

export type UsageScope = { appId: string } | { companyId: string } | { apiId: string } | { all: true };

export interface UsagePoint {
  start: string; // ISO time of the bucket's first minute
  calls: number;
  errors: number;
  p50: number | null;
  p95: number | null;
}

export interface UsageReport {
  range: Range;
  stepMinutes: number;
  points: UsagePoint[];
  totals: { calls: number; errors: number; p50: number | null; p95: number | null; meanMs: number | null };
}

interface Row {
  bucket: number | bigint;
  outcome: string;
  calls: number | bigint;
  total: number;
  [k: string]: unknown;
}

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));

function scopeFilter(scope: UsageScope): { column: string | null; value: string | null } {
  if ("appId" in scope) return { column: `"appId"`, value: scope.appId };
  if ("companyId" in scope) return { column: `"companyId"`, value: scope.companyId };
  if ("apiId" in scope) return { column: `"apiId"`, value: scope.apiId };
  return { column: null, value: null };
}

/** Where a report of `step`-minute buckets reads its rows (see usageTable). */
export type UsageSource = "minute" | "hour" | "day";

/**
 * The coarsest rows that add up exactly to buckets of `step` minutes: per-day roll-ups for whole days,
 * per-hour roll-ups for whole hours (the week and the 30 days), the per-minute counters otherwise (the
 * hour and the day). Roll-ups are kept in step with the minute counters by database triggers
 * (prisma/migrations/…_usage_rollups_in_step), so every source gives the same answer; the housekeeping
 * job only drops minutes after 30 days and hours after 13 months (lib/jobs/usage-rollup.ts).
 */
export function usageSourceFor(step: number): UsageSource {
  return step % 1440 === 0 ? "day" : step % 60 === 0 ? "hour" : "minute";
}

function usageTable(source: UsageSource, ph: (i: number) => string, next: number): { table: string; extra: string } {
  if (source === "minute") return { table: `"UsageCounter"`, extra: "" };
  return { table: `"UsageRollup"`, extra: ` AND "granularity" = ${ph(next)}` };
}

export async function usageReport(
  scope: UsageScope,
  range: Range,
  now = Date.now(),
  opts: { source?: UsageSource } = {},
): Promise<UsageReport> {
  const { firstBucket, end, step } = rangeWindow(range, now);
  const { column, value } = scopeFilter(scope);
  const sums = BUCKET_COLUMNS.map((c) => `SUM("${c}") AS "${c}"`).join(", ");
  // Column names come from constants above; values are bound parameters.
  const ph = (i: number) => (env().databaseKind === "postgresql" ? `$${i}` : "?");
  const source = opts.source ?? usageSourceFor(step);
  const where = column
    ? `${column} = ${ph(1)} AND "minute" >= ${ph(2)} AND "minute" < ${ph(3)}`
    : `"minute" >= ${ph(1)} AND "minute" < ${ph(2)}`;
  const bound: unknown[] = column ? [value, firstBucket, end] : [firstBucket, end];
  const { table, extra } = usageTable(source, ph, bound.length + 1);
  if (extra) bound.push(source);
  const sql = `SELECT ("minute" / ${step}) * ${step} AS "bucket", "outcome", SUM("calls") AS "calls", SUM("latencyTotalMs") AS "total", ${sums}
    FROM ${table} WHERE ${where}${extra} GROUP BY "bucket", "outcome" ORDER BY "bucket"`;
  const rows = await db().$queryRawUnsafe<Row[]>(sql, ...bound);

  const byBucket = new Map<number, { calls: number; errors: number; hist: number[] }>();
  const allHist = new Array(BUCKET_COLUMNS.length).fill(0) as number[];
  let calls = 0;
  let errors = 0;
  let totalMs = 0;
  for (const r of rows) {
    const b = num(r.bucket);
    const entry = byBucket.get(b) ?? { calls: 0, errors: 0, hist: new Array(BUCKET_COLUMNS.length).fill(0) };
    const c = num(r.calls);
    entry.calls += c;
    if (r.outcome !== "success") entry.errors += c;
    BUCKET_COLUMNS.forEach((col, i) => {
      const v = num(r[col]);
      entry.hist[i]! += v;
      allHist[i]! += v;
    });
    byBucket.set(b, entry);
    calls += c;
    if (r.outcome !== "success") errors += c;
    totalMs += num(r.total);
  }
  const points: UsagePoint[] = [];
  for (let b = firstBucket; b < end; b += step) {
    const e = byBucket.get(b);
    points.push({
      start: new Date(b * 60_000).toISOString(),
      calls: e?.calls ?? 0,
      errors: e?.errors ?? 0,
      p50: e ? percentile(e.hist, 0.5) : null,
      p95: e ? percentile(e.hist, 0.95) : null,
    });
  }
  return {
    range,
    stepMinutes: step,
    points,
    totals: { calls, errors, p50: percentile(allHist, 0.5), p95: percentile(allHist, 0.95), meanMs: calls ? totalMs / calls : null },
  };
}

/** CSV of a report (one line per bucket), for export. */
export function usageCsv(report: UsageReport): string {
  const lines = ["bucket_start_utc,calls,errors,p50_ms,p95_ms"];
  for (const p of report.points) {
    lines.push([p.start, p.calls, p.errors, p.p50?.toFixed(2) ?? "", p.p95?.toFixed(2) ?? ""].join(","));
  }
  return lines.join("\n") + "\n";
}
