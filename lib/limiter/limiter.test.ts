import { afterAll, afterEach, describe, expect, it } from "vitest";
import { savedEnv, setEnv } from "../../tests/env";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { enforce, hit, LIMITS, peek, penalize, resetLimiter, ruleFor, sharedRedis } from "./index";
import { clearWrong, countWrong, lockoutRuleFor, lockoutWait, retryIn } from "./lockouts";

// The one limiter: memory always; Redis too where a Redis server is named (TEST_REDIS_URL, set by .ci/run).
const saved = savedEnv("CONSOLE_RATE_LIMITS", "REDIS_URL", "OAUTH_RATE_LIMIT_PER_MINUTE");
afterEach(() => setEnv(saved));
afterAll(() => setEnv(saved));

const stores: [string, string | undefined][] = [["memory", undefined]];
if (process.env.TEST_REDIS_URL) stores.push(["redis", process.env.TEST_REDIS_URL]);

describe.each(stores)("limits in %s", (_name, redisUrl) => {
  const configure = (limits: string) => setEnv({ CONSOLE_RATE_LIMITS: limits, REDIS_URL: redisUrl || undefined });

  it("allows the limit within a window, then says when to retry; subjects are kept apart", async () => {
    configure("signUp=3/60");
    const subject = `192.0.2.1-${Math.random()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hit("signUp", subject));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await hit("signUp", `other-${Math.random()}`)).ok).toBe(true);
  });

  it("peek counts nothing; penalize counts failures that peek then refuses", async () => {
    configure("clientAuthFailures=2/300");
    const subject = `apc_${Math.random()}`;
    expect((await peek("clientAuthFailures", subject)).ok).toBe(true);
    expect((await peek("clientAuthFailures", subject)).ok).toBe(true);
    await penalize("clientAuthFailures", subject);
    expect((await peek("clientAuthFailures", subject)).ok).toBe(true);
    await penalize("clientAuthFailures", subject);
    const locked = await peek("clientAuthFailures", subject);
    expect(locked.ok).toBe(false);
    expect(locked.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("CONSOLE_RATE_LIMITS overrides by name; enforce refuses with a clear message", async () => {
    configure("signUp=2/3600");
    expect(ruleFor("signUp")).toEqual({ limit: 2, windowSeconds: 3600 });
    const ip = `192.0.2.${Math.random()}`;
    await enforce("signUp", ip, "Too many accounts created from your address.");
    await enforce("signUp", ip, "Too many accounts created from your address.");
    await expect(enforce("signUp", ip, "Too many accounts created from your address.")).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringMatching(/^Too many accounts created from your address\. Try again in \d+ seconds?\.$/),
    });
  });
});

describe("the token service's per-client entry", () => {
  it("is OAUTH_RATE_LIMIT_PER_MINUTE per minute unless CONSOLE_RATE_LIMITS names tokenPerClient", () => {
    delete process.env.CONSOLE_RATE_LIMITS;
    process.env.OAUTH_RATE_LIMIT_PER_MINUTE = "77";
    resetEnvCache();
    expect(ruleFor("tokenPerClient")).toEqual({ limit: 77, windowSeconds: 60 });
    process.env.CONSOLE_RATE_LIMITS = "tokenPerClient=5/10";
    resetEnvCache();
    expect(ruleFor("tokenPerClient")).toEqual({ limit: 5, windowSeconds: 10 });
  });

  it("fails open when Redis cannot be reached", async () => {
    process.env.REDIS_URL = "redis://127.0.0.1:1/2";
    process.env.CONSOLE_RATE_LIMITS = "signUp=1/60";
    resetEnvCache();
    resetLimiter();
    expect((await hit("signUp", "x")).ok).toBe(true);
    expect((await hit("signUp", "x")).ok).toBe(true);
  });
});

// Lockouts: the database without REDIS_URL, Redis with it (where a Redis server is named).
const lockoutStores: [string, string | undefined][] = [["the database", undefined]];
if (process.env.TEST_REDIS_URL) lockoutStores.push(["redis", process.env.TEST_REDIS_URL]);

describe.each(lockoutStores)("lockouts in %s", (store, redisUrl) => {
  const configure = (limits: string) => setEnv({ CONSOLE_RATE_LIMITS: limits, REDIS_URL: redisUrl || undefined });

  /** Ends the subject's lock now, as if its time had passed (no waiting in tests). */
  async function endLock(subject: string): Promise<void> {
    const redis = await sharedRedis();
    if (redis) await redis.del(`lk:deviceCodeNearMisses:lock:${subject}`);
    else
      await db().throttleBucket.update({
        where: { key: `lk:deviceCodeNearMisses:${subject}` },
        data: { lockedUntil: new Date(Date.now() - 1000) },
      });
  }

  it("the limit-th wrong code locks; the next wrong one after the lock doubles it; a right one clears it", async () => {
    configure("deviceCodeNearMisses=3/600");
    expect(lockoutRuleFor("deviceCodeNearMisses")).toEqual({ limit: 3, windowSeconds: 600, lockSeconds: 60, maxLockSeconds: 600 });
    const subject = `${store}-${Math.random()}`;
    const s = [["deviceCodeNearMisses", subject]] as const;
    expect(await countWrong(s)).toBe(0);
    expect(await countWrong(s)).toBe(0);
    expect(await lockoutWait(s)).toBe(0);
    expect(await countWrong(s)).toBe(60);
    const wait = await lockoutWait(s);
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await lockoutWait([["deviceCodeNearMisses", `${subject}-other`]])).toBe(0);
    await endLock(subject);
    expect(await lockoutWait(s)).toBe(0);
    expect(await countWrong(s)).toBe(120);
    expect(await lockoutWait(s)).toBeGreaterThan(60);
    await endLock(subject);
    expect(await countWrong(s)).toBe(240);
    await endLock(subject);
    expect(await countWrong(s)).toBe(480);
    await endLock(subject);
    expect(await countWrong(s)).toBe(LIMITS.deviceCodeNearMisses.maxLockSeconds);
    await clearWrong("deviceCodeNearMisses", subject);
    expect(await lockoutWait(s)).toBe(0);
    expect(await countWrong(s)).toBe(0);
  });

  it("says when to try again in words", () => {
    expect(retryIn(1)).toBe("Try again in 1 second.");
    expect(retryIn(45)).toBe("Try again in 45 seconds.");
    expect(retryIn(60)).toBe("Try again in 1 minute.");
    expect(retryIn(125)).toBe("Try again in 2 minutes 5 seconds.");
  });
});

describe("lockouts when Redis cannot be reached", () => {
  it("fall back to the database (a lock still holds)", async () => {
    process.env.REDIS_URL = "redis://127.0.0.1:1/2";
    process.env.CONSOLE_RATE_LIMITS = "deviceCodeNearMisses=2/600";
    resetEnvCache();
    resetLimiter();
    const s = [["deviceCodeNearMisses", `down-${Math.random()}`]] as const;
    await countWrong(s);
    expect(await countWrong(s)).toBe(60);
    expect(await lockoutWait(s)).toBeGreaterThan(0);
  });
});
