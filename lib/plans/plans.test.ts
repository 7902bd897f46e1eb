// Plans and their enforcement: the windows and headers (pure), the admin's plan rules, and checkPlan
// against the real database — and Redis as well where a Redis server is named (TEST_REDIS_URL).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { makeApi } from "../../tests/factories/apps";
import { ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { resetLimiter } from "../limiter";
import { forgetHotCache } from "../oauth/hot-cache";
import { flushQuotaCounters, quotaCount, resetPlanCounters } from "./counters";
import { checkPlan, planRefusalAnswer } from "./enforce";
import { createPlan, deletePlan, ensureDefaultPlan, listPlans, updatePlan } from "./plans";
import { settledQuotaNotices, thresholdOf } from "./quota-notices";
import { dayKey, monthKey, rateLimitHeaders, verdictOf, windowsOf } from "./windows";

const NOON = Date.UTC(2026, 11, 6, 12, 0, 30); // 2026-12-06 12:00:30 UTC

describe("windows and headers (pure)", () => {
  it("counts UTC minutes, days and months and says how long each has left", () => {
    const w = windowsOf({ ratePerMinute: 60, callsPerDay: 5, callsPerMonth: 100 }, NOON);
    expect(w.map((x) => [x.policy, x.key, x.secondsLeft])).toEqual([
      ["day", "d:2026-12-06", 12 * 3600 - 30],
      ["month", "m:2026-12", (26 * 24 - 12) * 3600 - 30],
      ["minute", `r:${Math.floor(NOON / 60_000)}`, 30],
    ]);
    expect(dayKey(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe("d:2026-12-31");
    expect(monthKey(Date.UTC(2027, 0, 1))).toBe("m:2027-01");
    expect(windowsOf({ ratePerMinute: null, callsPerDay: null, callsPerMonth: null }, NOON)).toEqual([]);
  });

  it("writes RateLimit-Policy and RateLimit as the IETF draft does", () => {
    const w = windowsOf({ ratePerMinute: 60, callsPerDay: 5, callsPerMonth: null }, NOON);
    expect(rateLimitHeaders(w, [5, 1])).toEqual({
      "ratelimit-policy": '"day";q=5;w=86400, "minute";q=60;w=60',
      ratelimit: `"day";r=0;t=${12 * 3600 - 30}, "minute";r=59;t=30`,
    });
  });

  it("refuses for the quota before the rate, and waits for the latest window", () => {
    const w = windowsOf({ ratePerMinute: 2, callsPerDay: 5, callsPerMonth: null }, NOON);
    expect(verdictOf(w, [4, 1])).toEqual({ ok: true });
    expect(verdictOf(w, [4, 2])).toEqual({ ok: false, error: "rate_limited", retryAfter: 30 });
    expect(verdictOf(w, [5, 2])).toEqual({ ok: false, error: "quota_exceeded", retryAfter: 12 * 3600 - 30 });
    expect([thresholdOf(3, 5), thresholdOf(4, 5), thresholdOf(5, 5)]).toEqual([0, 80, 100]);
  });
});

describe("an API's plans (catalog.manage)", () => {
  it("keeps exactly one default, moves subscriptions off a deleted plan, and refuses anyone else", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await makeApi(db(), { openToAll: true });
    const first = await ensureDefaultPlan(db(), api.id);
    const gold = await createPlan(
      api.id,
      { name: "Gold", ratePerMinute: "600", callsPerDay: "", callsPerMonth: "100000", isDefault: false },
      admin,
      ctx,
    );
    expect(gold).toMatchObject({ ratePerMinute: 600, callsPerDay: null, callsPerMonth: 100000, isDefault: false });
    await expect(createPlan(api.id, { name: "Gold" }, admin, ctx)).rejects.toMatchObject({ code: "conflict" });
    await expect(createPlan(api.id, { name: "Zero", callsPerDay: "0" }, admin, ctx)).rejects.toMatchObject({ code: "validation" });
    await expect(updatePlan(first, { name: "Default", isDefault: false }, admin, ctx)).rejects.toMatchObject({ code: "validation" });
    await updatePlan(gold.id, { ...gold, ratePerMinute: "", callsPerDay: "", callsPerMonth: "", isDefault: true }, admin, ctx);
    expect((await listPlans(api.id)).map((p) => [p.name, p.isDefault])).toEqual([
      ["Gold", true],
      ["Default", false],
    ]);
    const { actor } = await makeDeveloperCompany();
    const app = await registered(actor, api.id);
    const sub = await db().appApiSubscription.findUniqueOrThrow({ where: { appId_apiId: { appId: app.id, apiId: api.id } } });
    expect(sub).toMatchObject({ planId: gold.id, status: "ACTIVE" });
    await expect(deletePlan(gold.id, admin, ctx)).rejects.toMatchObject({ code: "conflict" });
    const developer = await makeUser(db());
    await expect(createPlan(api.id, { name: "Mine" }, developer, ctx)).rejects.toMatchObject({ code: "not_found" });
    const audit = await db().auditLog.findMany({ where: { targetId: api.id, event: { startsWith: "plan." } }, select: { event: true } });
    expect(audit.map((a) => a.event).sort()).toEqual(["plan.created", "plan.updated"]);
  });
});

const saved = process.env.REDIS_URL;
function useStore(redisUrl: string | undefined): void {
  if (redisUrl) process.env.REDIS_URL = redisUrl;
  else delete process.env.REDIS_URL;
  resetEnvCache();
  resetLimiter();
  resetPlanCounters();
  forgetHotCache();
}
afterEach(() => useStore(saved));
afterAll(() => useStore(saved));

const stores: [string, string | undefined][] = [["memory and the database", undefined]];
if (process.env.TEST_REDIS_URL) stores.push(["redis", process.env.TEST_REDIS_URL]);

async function appOnPlan(limits: { ratePerMinute?: string; callsPerDay?: string; callsPerMonth?: string }) {
  const admin = await makeUser(db(), { isPlatformAdmin: true });
  const api = await makeApi(db(), { openToAll: true });
  await ensureDefaultPlan(db(), api.id);
  await createPlan(api.id, { name: "Tight", ...limits, isDefault: true }, admin, ctx);
  const { actor } = await makeDeveloperCompany();
  const app = await registered(actor, api.id);
  return { appId: app.id, apiId: api.id };
}

describe.each(stores)("checkPlan with counts in %s", (_name, redisUrl) => {
  it("allows 5 calls a day, refuses the 6th with 429 quota_exceeded, Retry-After to UTC midnight and the headers", async () => {
    useStore(redisUrl);
    const call = await appOnPlan({ callsPerDay: "5" });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await checkPlan({ ...call, now: NOON }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true, false]);
    expect(results[0]!.headers).toEqual({ "ratelimit-policy": '"day";q=5;w=86400', ratelimit: `"day";r=4;t=${12 * 3600 - 30}` });
    const refused = results[5]!;
    if (refused.ok || refused.status !== 429) throw new Error("expected a 429");
    expect(refused.error).toBe("quota_exceeded");
    const answer = planRefusalAnswer(refused);
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "quota_exceeded" });
    expect(answer.headers).toMatchObject({ "retry-after": String(12 * 3600 - 30), ratelimit: `"day";r=0;t=${12 * 3600 - 30}` });
    await settledQuotaNotices();
    await flushQuotaCounters();
    expect(await quotaCount(call.appId, call.apiId, "d:2026-12-06")).toBe(5);
    if (!redisUrl) {
      const row = await db().quotaCounter.findUniqueOrThrow({ where: { appId_apiId_window: { ...call, window: "d:2026-12-06" } } });
      expect(row).toMatchObject({ calls: 5, notified: 100 });
    }
    // A restart (this process's counts forgotten) does not reset the day; the next day starts afresh.
    resetPlanCounters();
    forgetHotCache();
    expect((await checkPlan({ ...call, now: NOON + 3600_000 })).ok).toBe(false);
    expect((await checkPlan({ ...call, now: NOON + 12 * 3600_000 })).ok).toBe(true);
  });

  it("allows the rate per UTC minute, then 429 rate_limited until the minute ends", async () => {
    useStore(redisUrl);
    const call = await appOnPlan({ ratePerMinute: "3" });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkPlan({ ...call, now: NOON }));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toMatchObject({ status: 429, error: "rate_limited", retryAfter: 30 });
    expect((await checkPlan({ ...call, now: NOON + 30_000 })).ok).toBe(true);
  });

  it("neither counts nor adds headers on an unlimited plan; pending approval and no subscription are 403 naming the rule", async () => {
    useStore(redisUrl);
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    expect(await checkPlan({ appId: app.id, apiId: hello.id })).toEqual({ ok: true, headers: {} });
    const api = await makeApi(db(), { openToAll: true });
    expect(await checkPlan({ appId: app.id, apiId: api.id })).toMatchObject({ ok: false, status: 403, rule: "not_subscribed" });
    await db().appApiSubscription.update({ where: { appId_apiId: { appId: app.id, apiId: hello.id } }, data: { status: "PENDING" } });
    forgetHotCache();
    const pending = await checkPlan({ appId: app.id, apiId: hello.id });
    if (pending.ok) throw new Error("expected a refusal");
    expect(JSON.parse(planRefusalAnswer(pending).body)).toMatchObject({ error: "insufficient_scope", rule: "pending_approval" });
  });
});
