import { describe, expect, it } from "vitest";
import { db } from "../db";
import { BUCKET_BOUNDS_MS, bucketIndex, percentile } from "./histogram";
import { type Range, RANGES, rangeWindow, usageCsv, usageReport, usageSourceFor } from "./queries";
import { flushUsage, pendingUsage, recordApiCall } from "./recorder";

const ids = () => {
  const r = Math.random().toString(36).slice(2, 10);
  return { companyId: `cmp_${r}`, appId: `app_${r}`, apiId: `api_${r}` };
};

describe("histogram", () => {
  it("puts latencies in the first bucket that holds them", () => {
    expect(bucketIndex(0.3)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.01)).toBe(1);
    expect(bucketIndex(99_999)).toBe(BUCKET_BOUNDS_MS.length - 1);
  });

  it("interpolates percentiles inside buckets", () => {
    const counts = new Array(BUCKET_BOUNDS_MS.length).fill(0);
    counts[3] = 100; // 100 calls between 5 and 10 ms
    expect(percentile(counts, 0.5)).toBeCloseTo(7.5);
    expect(percentile(counts, 0.95)).toBeCloseTo(9.75);
    expect(percentile(new Array(13).fill(0), 0.5)).toBeNull();
  });
});

describe("usage recorder and report", () => {
  it("buffers calls, writes them in one flush and reports them per minute", async () => {
    const s = ids();
    const now = Date.now();
    for (let i = 0; i < 40; i++) recordApiCall({ ...s, status: 200, latencyMs: 3, at: now });
    for (let i = 0; i < 10; i++) recordApiCall({ ...s, status: 401, latencyMs: 40, at: now - 120_000 });
    recordApiCall({ ...s, status: 503, latencyMs: 900, at: now });
    expect(pendingUsage()).toBeGreaterThanOrEqual(51);
    await flushUsage();
    expect(await db().usageCounter.count({ where: { appId: s.appId } })).toBe(3);

    const report = await usageReport({ appId: s.appId }, "hour", now);
    expect(report.points).toHaveLength(60); // the current minute and the 59 before it
    expect(report.totals.calls).toBe(51);
    expect(report.totals.errors).toBe(11);
    const last = report.points.at(-1)!;
    expect(last.calls).toBe(41);
    expect(last.errors).toBe(1);
    expect(last.p50).toBeGreaterThan(2);
    expect(last.p50).toBeLessThanOrEqual(5);
    expect(report.points.at(-3)!.calls).toBe(10);
    expect(usageCsv(report).split("\n")[0]).toBe("bucket_start_utc,calls,errors,p50_ms,p95_ms");
  });

  it("adds to existing rows on later flushes (increments, not overwrites)", async () => {
    const s = ids();
    const now = Date.now();
    recordApiCall({ ...s, status: 200, latencyMs: 1, at: now });
    await flushUsage();
    recordApiCall({ ...s, status: 200, latencyMs: 1, at: now });
    recordApiCall({ ...s, status: 200, latencyMs: 1, at: now });
    await flushUsage();
    const row = await db().usageCounter.findFirstOrThrow({ where: { appId: s.appId } });
    expect(row.calls).toBe(3);
    expect(row.le1).toBe(3);
  });

  it("scopes reports to a company and buckets a month in 6-hour steps", async () => {
    const a = ids();
    const b = { ...ids(), companyId: a.companyId };
    const now = Date.now();
    recordApiCall({ ...a, status: 200, latencyMs: 2, at: now - 10 * 24 * 3600_000 });
    recordApiCall({ ...b, status: 200, latencyMs: 2, at: now });
    await flushUsage();
    const month = await usageReport({ companyId: a.companyId }, "month", now);
    expect(month.stepMinutes).toBe(360);
    expect(month.totals.calls).toBe(2);
    const day = await usageReport({ companyId: a.companyId }, "day", now);
    expect(day.totals.calls).toBe(1);
    expect((await usageReport({ appId: a.appId }, "day", now)).totals.calls).toBe(0);
  });
});

describe("usage ranges have the same shape at any minute", () => {
  // Edge minutes: the top of an hour, one past, the last two of an hour, the last minute of a
  // day and the first of the next, the last minute of a 6-hour bucket.
  const edges = [
    "2026-03-10T14:00:00.000Z",
    "2026-03-10T14:01:30.000Z",
    "2026-03-10T14:58:00.000Z",
    "2026-03-10T14:59:59.999Z",
    "2026-03-10T23:59:10.000Z",
    "2026-03-11T00:00:00.000Z",
    "2026-03-11T05:59:00.000Z",
  ];
  const cases = edges.flatMap((at) => (Object.keys(RANGES) as Range[]).map((range) => ({ at, range })));

  it.each(cases)("$range at $at: always minutes/step buckets, the last one holding now", async ({ at, range }) => {
    const now = Date.parse(at);
    const { minutes, step } = RANGES[range];
    const w = rangeWindow(range, now);
    expect(w.count).toBe(minutes / step);
    expect(w.end - w.firstBucket).toBe(minutes);
    expect(w.firstBucket % step).toBe(0);

    // Calls at now, at the first minute of the first bucket, and one minute before the window.
    const s = ids();
    const nowMinute = Math.floor(now / 60_000);
    recordApiCall({ ...s, status: 200, latencyMs: 2, at: now });
    recordApiCall({ ...s, status: 500, latencyMs: 2, at: w.firstBucket * 60_000 });
    recordApiCall({ ...s, status: 200, latencyMs: 2, at: (w.firstBucket - 1) * 60_000 });
    await flushUsage();

    const report = await usageReport({ appId: s.appId }, range, now);
    expect(report.stepMinutes).toBe(step);
    expect(report.points).toHaveLength(minutes / step);
    const last = report.points.at(-1)!;
    const lastStart = Date.parse(last.start);
    expect(lastStart).toBeLessThanOrEqual(nowMinute * 60_000);
    expect(nowMinute * 60_000).toBeLessThan(lastStart + step * 60_000);
    expect(Date.parse(report.points[0]!.start)).toBe(w.firstBucket * 60_000);
    for (let i = 1; i < report.points.length; i++) {
      expect(Date.parse(report.points[i]!.start) - Date.parse(report.points[i - 1]!.start)).toBe(step * 60_000);
    }
    expect(last.calls).toBe(1);
    expect(report.points[0]!.calls).toBe(1);
    expect(report.points[0]!.errors).toBe(1);
    expect(report.totals.calls).toBe(2); // the call before the window is not counted
    expect(usageCsv(report).trim().split("\n")).toHaveLength(1 + minutes / step);
  });
});

describe("hour and day roll-ups give the same answers as the minute rows", () => {
  it("the week and the 30 days read hours, with the same points and totals as reading the minutes", async () => {
    expect(usageSourceFor(RANGES.hour.step)).toBe("minute");
    expect(usageSourceFor(RANGES.day.step)).toBe("minute");
    expect(usageSourceFor(RANGES.week.step)).toBe("hour");
    expect(usageSourceFor(RANGES.month.step)).toBe("hour");
    expect(usageSourceFor(1440)).toBe("day");

    const s = ids();
    const now = Date.parse("2026-03-10T14:37:00.000Z");
    // Calls spread over 29 days at irregular minutes, outcomes and latencies; several flushes, so rows
    // are both inserted and incremented (the triggers' two paths).
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 400; i++) {
        const minutesAgo = (i * 104_729 + round * 7_919) % (29 * 1440);
        const status = i % 11 === 0 ? 500 : i % 5 === 0 ? 404 : 200;
        recordApiCall({ ...s, status, latencyMs: (i * 37) % 700, at: now - minutesAgo * 60_000 });
      }
      await flushUsage();
    }
    const rollups = await db().usageRollup.findMany({ where: { appId: s.appId } });
    const minutes = await db().usageCounter.findMany({ where: { appId: s.appId } });
    const total = minutes.reduce((n, r) => n + r.calls, 0);
    expect(total).toBe(1200);
    for (const g of ["hour", "day"]) expect(rollups.filter((r) => r.granularity === g).reduce((n, r) => n + r.calls, 0)).toBe(total);

    for (const range of ["week", "month"] as const) {
      for (const at of [now, now + 17 * 60_000, now + 5 * 3600_000]) {
        const fromRollups = await usageReport({ appId: s.appId }, range, at);
        const fromMinutes = await usageReport({ appId: s.appId }, range, at, { source: "minute" });
        expect(fromRollups).toEqual(fromMinutes);
        expect((await usageReport({ companyId: s.companyId }, range, at)).totals).toEqual(fromMinutes.totals);
      }
    }
    // Whole-day buckets from the day rows agree with the minutes too.
    const { firstBucket } = rangeWindow("month", now);
    const dayRows = rollups.filter((r) => r.granularity === "day" && r.minute >= Math.ceil(firstBucket / 1440) * 1440);
    const dayCalls = dayRows.reduce((n, r) => n + r.calls, 0);
    const minuteCalls = minutes.filter((r) => r.minute >= Math.ceil(firstBucket / 1440) * 1440).reduce((n, r) => n + r.calls, 0);
    expect(dayCalls).toBe(minuteCalls);
  }, 120_000); // 1,200 calls and 18 reports: bounded work, slow only on a loaded machine

  it("a counter's key columns cannot be changed in place (the roll-ups would no longer match)", async () => {
    const s = ids();
    recordApiCall({ ...s, status: 200, latencyMs: 1 });
    await flushUsage();
    const row = await db().usageCounter.findFirstOrThrow({ where: { appId: s.appId } });
    await expect(db().usageCounter.update({ where: { id: row.id }, data: { minute: row.minute - 1 } })).rejects.toThrow();
    expect((await db().usageCounter.findUniqueOrThrow({ where: { id: row.id } })).minute).toBe(row.minute);
  });
});
