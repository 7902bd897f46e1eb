import "server-only";
// Housekeeping of usage rows. The hour and day roll-ups (UsageRollup) are kept in step with the
// per-minute counters by database triggers (prisma/migrations/…_usage_rollups_in_step: every insert
// or increment of a UsageCounter row adds the same counts to its hour and day rows), so nothing needs
// summing here: minutes are dropped once older than 30 days and hours once older than 13 months;
// days are kept. Only whole buckets go (cut-offs aligned down to the hour / day). lib/metrics/queries.ts
// reads hours or days for the long ranges, so reports do not change when rows are dropped.
import { db } from "../db";

export const MINUTES_KEPT_DAYS = 30;
/** 13 months. */
export const HOURS_KEPT_DAYS = 396;
const HOUR = 60;
const DAY = 1440;

/** Drops minute counters older than 30 days and hour roll-ups older than 13 months. */
export async function rollUpUsage(now = new Date()) {
  const nowMinute = Math.floor(now.getTime() / 60_000);
  const minuteCutoff = Math.floor((nowMinute - MINUTES_KEPT_DAYS * DAY) / HOUR) * HOUR;
  const hourCutoff = Math.floor((nowMinute - HOURS_KEPT_DAYS * DAY) / DAY) * DAY;
  const [minutes, hours] = await db().$transaction([
    db().usageCounter.deleteMany({ where: { minute: { lt: minuteCutoff } } }),
    db().usageRollup.deleteMany({ where: { granularity: "hour", minute: { lt: hourCutoff } } }),
  ]);
  return { minutesDropped: minutes.count, hoursDropped: hours.count };
}
