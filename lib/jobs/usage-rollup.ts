import "server-only";
// Housekeeping: usage counters are kept per minute for 30 days, then per hour (UsageRollup
// granularity "hour") for 13 months, then per day ("day"). Each roll-up sums whole buckets older than
// the cut-off (calls, latency total and histogram columns add up exactly), upserts them with
// increments (a bucket rolled twice, e.g. late rows, adds up) and deletes the source rows, in one
// transaction. lib/metrics/queries.ts reads UsageCounter and UsageRollup together, so totals do not
// change when rows are rolled up.
import { db, type Tx } from "../db";
import { env } from "../env";
import { newId } from "../ids";
import { BUCKET_COLUMNS } from "../metrics/histogram";

export const MINUTES_KEPT_DAYS = 30;
/** 13 months. */
export const HOURS_KEPT_DAYS = 396;
const HOUR = 60;
const DAY = 1440;

interface Summed {
  companyId: string;
  appId: string;
  apiId: string;
  outcome: string;
  bucket: number | bigint;
  calls: number | bigint;
  total: number;
  [k: string]: unknown;
}

const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : typeof v === "number" ? v : Number(v ?? 0));

async function roll(tx: Tx, from: { table: "UsageCounter" } | { table: "UsageRollup"; granularity: "hour" }, to: "hour" | "day", cutoff: number) {
  const step = to === "hour" ? HOUR : DAY;
  const ph = (i: number) => (env().databaseKind === "postgresql" ? `$${i}` : "?");
  const sums = BUCKET_COLUMNS.map((c) => `SUM("${c}") AS "${c}"`).join(", ");
  const where = from.table === "UsageRollup" ? `"minute" < ${ph(1)} AND "granularity" = ${ph(2)}` : `"minute" < ${ph(1)}`;
  const params: unknown[] = from.table === "UsageRollup" ? [cutoff, from.granularity] : [cutoff];
  const rows = await tx.$queryRawUnsafe<Summed[]>(
    `SELECT "companyId", "appId", "apiId", "outcome", ("minute" / ${step}) * ${step} AS "bucket", SUM("calls") AS "calls",
       SUM("latencyTotalMs") AS "total", ${sums}
     FROM "${from.table}" WHERE ${where} GROUP BY "companyId", "appId", "apiId", "outcome", "bucket"`,
    ...params,
  );
  for (const r of rows) {
    const minute = num(r.bucket);
    const hist = Object.fromEntries(BUCKET_COLUMNS.map((c) => [c, num(r[c])]));
    const inc = Object.fromEntries(BUCKET_COLUMNS.map((c) => [c, { increment: num(r[c]) }]));
    await tx.usageRollup.upsert({
      where: { appId_apiId_granularity_minute_outcome: { appId: r.appId, apiId: r.apiId, granularity: to, minute, outcome: r.outcome } },
      create: { id: newId("usage"), granularity: to, companyId: r.companyId, appId: r.appId, apiId: r.apiId, minute, outcome: r.outcome, calls: num(r.calls), latencyTotalMs: num(r.total), ...hist },
      update: { calls: { increment: num(r.calls) }, latencyTotalMs: { increment: num(r.total) }, ...inc },
    });
  }
  const deleted =
    from.table === "UsageCounter"
      ? await tx.usageCounter.deleteMany({ where: { minute: { lt: cutoff } } })
      : await tx.usageRollup.deleteMany({ where: { granularity: from.granularity, minute: { lt: cutoff } } });
  return { buckets: rows.length, sourceRows: deleted.count };
}

/** Rolls minutes older than 30 days into hours and hours older than 13 months into days. */
export async function rollUpUsage(now = new Date()) {
  const nowMinute = Math.floor(now.getTime() / 60_000);
  // Only whole buckets: the cut-off is aligned down to the bucket it rolls into.
  const hourCutoff = Math.floor((nowMinute - MINUTES_KEPT_DAYS * DAY) / HOUR) * HOUR;
  const dayCutoff = Math.floor((nowMinute - HOURS_KEPT_DAYS * DAY) / DAY) * DAY;
  return db().$transaction(
    async (tx) => {
      const hours = await roll(tx, { table: "UsageCounter" }, "hour", hourCutoff);
      const days = await roll(tx, { table: "UsageRollup", granularity: "hour" }, "day", dayCutoff);
      return { minutesIntoHours: hours, hoursIntoDays: days };
    },
    { timeout: 120_000 },
  );
}
