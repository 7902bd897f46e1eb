// The housekeeping jobs on a database of their own (they move the clock and rotate the platform's
// signing key, which would disturb test files running beside them on the shared one): pruning, usage
// roll-ups read across by the usage report, signing-key rotation, the runner's records and its lead.
// Runs on SQLite and on PostgreSQL (TEST_DATABASE=postgresql).
import { describe, expect, it } from "vitest";
import { makeApi, makeApp } from "../../tests/factories/apps";
import { makeCompany } from "../../tests/factories/companies";
import { makeUser } from "../../tests/factories/people";
import { ownDatabase } from "../../tests/own-database";
import { db } from "../db";
import { newId } from "../ids";

ownDatabase("jobs");

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe("pruning", () => {
  it("deletes expired codes, refresh tokens, revoked grants and jti entries, old throttle rows; keeps live ones", async () => {
    const { pruneExpired } = await import("./prune");
    const company = await makeCompany(db());
    const user = await makeUser(db());
    const app = await makeApp(db(), company.id, user.id);
    const t0 = new Date();
    const grant = await db().tokenGrant.create({
      data: { id: newId("grant"), appId: app.id, userId: user.id, kind: "password", revokedAt: t0 },
    });
    const liveGrant = await db().tokenGrant.create({ data: { id: newId("grant"), appId: app.id, userId: user.id, kind: "password" } });
    const code = (expiresAt: Date) =>
      db().authorizationCode.create({
        data: {
          id: newId("code"),
          codeDigest: newId("code"),
          appId: app.id,
          userId: user.id,
          redirectUri: "https://c.example/cb",
          expiresAt,
        },
      });
    const refresh = (expiresAt: Date) =>
      db().refreshToken.create({
        data: { id: newId("refresh"), tokenDigest: newId("refresh"), appId: app.id, tokenGrantId: liveGrant.id, expiresAt },
      });
    const oldCode = await code(new Date(t0.getTime() + 60_000));
    const oldRefresh = await refresh(new Date(t0.getTime() + 30 * DAY));
    const laterRefresh = await refresh(new Date(t0.getTime() + 60 * DAY));
    await db().revokedAccessToken.create({ data: { jti: "jti-old", appId: app.id, expiresAt: new Date(t0.getTime() + HOUR) } });
    await db().throttleBucket.create({ data: { key: "signin:old", failures: 3, windowStart: t0, updatedAt: t0 } });
    await db().throttleBucket.create({
      data: { key: "signin:locked", failures: 9, windowStart: t0, updatedAt: t0, lockedUntil: new Date(t0.getTime() + 40 * DAY) },
    });

    // At the time they were written nothing is pruned.
    expect(Object.values(await pruneExpired(t0)).every((n) => n === 0)).toBe(true);
    // Two hours on: the revoked grant's access tokens have expired, the jti too; the code is kept a day.
    const later = await pruneExpired(new Date(t0.getTime() + 2 * HOUR));
    expect(later).toMatchObject({ authorizationCodes: 0, refreshTokens: 0, revokedGrants: 1, revokedAccessTokens: 1, throttleRows: 0 });
    expect(await db().tokenGrant.count({ where: { id: grant.id } })).toBe(0);
    // 31 days on: the code, the 30-day refresh token and the idle throttle row go; the rest stays.
    const month = await pruneExpired(new Date(t0.getTime() + 31 * DAY));
    expect(month).toMatchObject({ authorizationCodes: 1, refreshTokens: 1, throttleRows: 1 });
    expect(await db().authorizationCode.count({ where: { id: oldCode.id } })).toBe(0);
    expect(await db().refreshToken.count({ where: { id: { in: [oldRefresh.id, laterRefresh.id] } } })).toBe(1);
    expect(await db().throttleBucket.count({ where: { key: { in: ["signin:old", "signin:locked"] } } })).toBe(1);
    expect(await db().tokenGrant.count({ where: { id: liveGrant.id } })).toBe(1);
  });
});

describe("usage roll-ups", () => {
  it("keeps hours and days in step with the minutes, drops minutes after 30 days and hours after 13 months; the report's totals do not change", async () => {
    const { rollUpUsage } = await import("./usage-rollup");
    const { usageReport } = await import("../metrics/queries");
    const company = await makeCompany(db());
    const user = await makeUser(db());
    const app = await makeApp(db(), company.id, user.id);
    const api = await makeApi(db());
    const t0 = Date.now();
    const minute0 = Math.floor(t0 / 60_000) - 3 * 24 * 60; // three days ago, in the "month" range
    const rows = [
      { minute: minute0, outcome: "success", calls: 3, le5: 3, latencyTotalMs: 9 },
      { minute: minute0 + 1, outcome: "success", calls: 2, le50: 2, latencyTotalMs: 60 },
      { minute: minute0 + 2, outcome: "client_error", calls: 1, le1: 1, latencyTotalMs: 1 },
    ];
    for (const r of rows) {
      await db().usageCounter.create({ data: { id: newId("usage"), companyId: company.id, appId: app.id, apiId: api.id, ...r } });
    }
    // Written in step: an hour row and a day row per outcome, holding the minutes' sums.
    const rollups = await db().usageRollup.findMany({ where: { appId: app.id } });
    for (const granularity of ["hour", "day"]) {
      const g = rollups.filter((r) => r.granularity === granularity);
      expect(g.reduce((n, r) => n + r.calls, 0)).toBe(6);
      expect(g.reduce((n, r) => n + r.le5 + r.le50 + r.le1, 0)).toBe(6);
      expect(g.reduce((n, r) => n + r.latencyTotalMs, 0)).toBe(70);
    }
    const before = await usageReport({ appId: app.id }, "month", t0);
    expect(before.totals).toMatchObject({ calls: 6, errors: 1 });
    expect(before).toEqual(await usageReport({ appId: app.id }, "month", t0, { source: "minute" }));

    // 32 days after t0 those minutes are older than 30 days: dropped; the month report from t0 agrees.
    const first = await rollUpUsage(new Date(t0 + 32 * DAY));
    expect(first.minutesDropped).toBeGreaterThanOrEqual(3);
    expect(await db().usageCounter.count({ where: { appId: app.id } })).toBe(0);
    expect(await usageReport({ appId: app.id }, "month", t0)).toEqual(before);

    // 14 months on, the hours go too; the days keep the totals.
    await rollUpUsage(new Date(t0 + 430 * DAY));
    const days = await db().usageRollup.findMany({ where: { appId: app.id } });
    expect(days.every((d) => d.granularity === "day")).toBe(true);
    expect(days.reduce((n, d) => n + d.calls, 0)).toBe(6);
    expect(days.reduce((n, d) => n + d.le5 + d.le50 + d.le1, 0)).toBe(6);
  });
});

describe("signing-key rotation", () => {
  it("publishes the next key a day before it signs, every 90 days, and keeps the old one until its tokens expire", async () => {
    const { publishedJwks, resetKeyCache, rotateSigningKeysIfDue, signingKey } = await import("../oauth/keys");
    resetKeyCache();
    const first = await signingKey();
    const created = (await db().signingKey.findUniqueOrThrow({ where: { kid: first.kid } })).createdAt.getTime();
    const kids = async () => (await publishedJwks()).keys.map((k) => k.kid).sort();

    expect(await rotateSigningKeysIfDue(new Date(created + 88 * DAY))).toMatchObject({ published: null, activated: null });
    const step1 = await rotateSigningKeysIfDue(new Date(created + 89 * DAY + HOUR));
    expect(step1.published).toBeTruthy();
    // Published (in the JWKS) but not signing yet.
    expect(await kids()).toEqual([first.kid, step1.published].sort());
    expect((await signingKey()).kid).toBe(first.kid);
    // Less than a day later: still waiting.
    expect(await rotateSigningKeysIfDue(new Date(created + 90 * DAY))).toMatchObject({ published: null, activated: null });
    const step2 = await rotateSigningKeysIfDue(new Date(created + 90 * DAY + 2 * HOUR));
    expect(step2).toMatchObject({ activated: step1.published, retiring: [first.kid] });
    expect((await signingKey()).kid).toBe(step1.published);
    // The old key is still published while tokens it signed may live (an hour), then retired.
    expect(await kids()).toEqual([first.kid, step1.published].sort());
    const step3 = await rotateSigningKeysIfDue(new Date(created + 90 * DAY + 4 * HOUR));
    expect(step3.retired).toBe(1);
    expect((await db().signingKey.findUniqueOrThrow({ where: { kid: first.kid } })).status).toBe("RETIRED");
    resetKeyCache();
    expect(await kids()).toEqual([step1.published]);
  });
});

describe("the runner", () => {
  it("runs due jobs once per interval, records each run, and lets one instance lead at a time", async () => {
    const { JOBS, dueJobs, takeLease, releaseLease, tick } = await import("./runner");
    const { jobOverview } = await import("./views");
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const now = new Date(Date.now() + 200 * DAY);
    // Jobs with an interval run once per interval; the every-tick job (webhook delivery) at every tick.
    const everyTick = JOBS.filter((j) => j.everyMs === 0).map((j) => j.name);
    const interval = JOBS.filter((j) => j.everyMs > 0);
    const ran = await tick("instance-a", now);
    expect(ran).toEqual(JOBS.map((j) => j.name));
    expect((await dueJobs(new Date(now.getTime() + 10 * 60_000))).map((j) => j.name)).toEqual(everyTick);
    expect((await tick("instance-a", new Date(now.getTime() + 10 * 60_000))) ?? []).toEqual(everyTick);
    // An hour later the hourly jobs are due again; the weekly one (stale-apps digest) only after its week.
    const hourly = JOBS.filter((j) => j.everyMs <= HOUR).map((j) => j.name);
    expect((await dueJobs(new Date(now.getTime() + HOUR))).map((j) => j.name)).toEqual(hourly);
    expect((await dueJobs(new Date(now.getTime() + 7 * 24 * HOUR))).map((j) => j.name)).toEqual(JOBS.map((j) => j.name));
    const overview = await jobOverview({ id: admin.id, email: admin.email });
    for (const j of overview.jobs) if (j.everyMinutes > 0) expect(j.last).toMatchObject({ outcome: "ok" });
    // With nothing to deliver, the every-tick job leaves no run behind.
    for (const name of everyTick) expect(await db().jobRun.count({ where: { name } })).toBe(0);
    expect(overview.recent.length).toBeGreaterThanOrEqual(interval.length);
    await expect(jobOverview({ id: (await makeUser(db())).id, email: "x@example.com" })).rejects.toThrow();

    // A failing job is recorded as failed, not thrown.
    const broken = [{ name: "broken", description: "fails", everyMs: HOUR, run: async () => Promise.reject(new Error("disk full")) }];
    await tick("instance-a", now, broken);
    expect(await db().jobRun.findFirstOrThrow({ where: { name: "broken" } })).toMatchObject({
      outcome: "failed",
      detail: "Error: disk full",
    });

    // The SQLite lease: one holder at a time until it expires (PostgreSQL uses an advisory lock instead).
    expect(await takeLease("instance-b", now, 60_000)).toBe(true);
    expect(await takeLease("instance-c", now, 60_000)).toBe(false);
    expect(await takeLease("instance-c", new Date(now.getTime() + 61_000), 60_000)).toBe(true);
    await releaseLease("instance-c");
    expect(await takeLease("instance-b", now, 60_000)).toBe(true);
    await releaseLease("instance-b");
  });

  it("a second instance's tick is skipped while the first one runs (advisory lock on PostgreSQL, lease on SQLite)", async () => {
    const { tick } = await import("./runner");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const slow = [{ name: "slow", description: "waits", everyMs: HOUR, run: async () => (started(), gate) }];
    const now = new Date(Date.now() + 300 * DAY);
    const a = tick("instance-a", now, slow);
    await running;
    expect(await tick("instance-b", now, slow)).toBeNull();
    release();
    expect(await a).toEqual(["slow"]);
  });
});
