import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryStore, RedisStore, type RateLimitStore } from "./rate-limit";

// Redis cases run where a Redis server is named (TEST_REDIS_URL, set by .ci/run); the memory store
// always runs.
const redisUrl = process.env.TEST_REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : null;
afterAll(async () => {
  await redis?.quit();
});

const stores: [string, () => RateLimitStore][] = [["memory", () => new MemoryStore()]];
if (redis) stores.push(["redis", () => new RedisStore(redis)]);

describe.each(stores)("rate limits in %s", (_name, make) => {
  it("allows the limit within a window, then answers when to retry", async () => {
    const store = make();
    const key = `test:${Math.random()}`;
    const rule = { limit: 3, windowSeconds: 60 };
    const t = 1_000_000_040_000; // 20 s into a minute window (1_000_000_020_000 is a window start)
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await store.hit(key, rule, t));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBe(40);
    expect((await store.hit(key, rule, t + 40_000)).ok).toBe(true); // next window
  });

  it("keeps keys apart", async () => {
    const store = make();
    const rule = { limit: 1, windowSeconds: 60 };
    const t = Date.now();
    expect((await store.hit(`a:${Math.random()}`, rule, t)).ok).toBe(true);
    expect((await store.hit(`b:${Math.random()}`, rule, t)).ok).toBe(true);
  });
});

if (redis) describe("shared between instances", () => {
  it("two processes' stores on one Redis count together", async () => {
    const other = new Redis(redisUrl!);
    try {
      const a = new RedisStore(redis!);
      const b = new RedisStore(other);
      const key = `shared:${Math.random()}`;
      const rule = { limit: 2, windowSeconds: 60 };
      const t = Date.now();
      expect((await a.hit(key, rule, t)).ok).toBe(true);
      expect((await b.hit(key, rule, t)).ok).toBe(true);
      expect((await a.hit(key, rule, t)).ok).toBe(false);
    } finally {
      await other.quit();
    }
  });
});

describe("limits as configured", () => {
  it("reads overrides from CONSOLE_RATE_LIMITS and refuses with a clear message past the limit", async () => {
    const { resetEnvCache } = await import("./env");
    const { enforce, ruleFor } = await import("./rate-limit");
    const saved = process.env.CONSOLE_RATE_LIMITS;
    process.env.CONSOLE_RATE_LIMITS = "signUp=2/3600";
    resetEnvCache();
    try {
      expect(ruleFor("signUp")).toEqual({ limit: 2, windowSeconds: 3600 });
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${Math.random()}`;
      await enforce("signUp", ip, "Too many accounts created from your address.");
      await enforce("signUp", ip, "Too many accounts created from your address.");
      await expect(enforce("signUp", ip, "Too many accounts created from your address.")).rejects.toMatchObject({
        code: "rate_limited",
        message: expect.stringMatching(/^Too many accounts created from your address\. Try again in \d+ seconds?\.$/),
      });
    } finally {
      if (saved === undefined) delete process.env.CONSOLE_RATE_LIMITS;
      else process.env.CONSOLE_RATE_LIMITS = saved;
      resetEnvCache();
    }
  });
});
