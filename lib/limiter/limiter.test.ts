import { afterAll, afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { enforce, hit, peek, penalize, resetLimiter, ruleFor } from "./index";

// The one limiter: memory always; Redis too where a Redis server is named (TEST_REDIS_URL, set by .ci/run).
const saved = { limits: process.env.CONSOLE_RATE_LIMITS, redis: process.env.REDIS_URL, perMinute: process.env.OAUTH_RATE_LIMIT_PER_MINUTE };
function restore(): void {
  for (const [k, v] of [
    ["CONSOLE_RATE_LIMITS", saved.limits],
    ["REDIS_URL", saved.redis],
    ["OAUTH_RATE_LIMIT_PER_MINUTE", saved.perMinute],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetLimiter();
}
afterEach(restore);
afterAll(restore);

const stores: [string, string | undefined][] = [["memory", undefined]];
if (process.env.TEST_REDIS_URL) stores.push(["redis", process.env.TEST_REDIS_URL]);

describe.each(stores)("limits in %s", (_name, redisUrl) => {
  function configure(limits: string): void {
    process.env.CONSOLE_RATE_LIMITS = limits;
    if (redisUrl) process.env.REDIS_URL = redisUrl;
    else delete process.env.REDIS_URL;
    resetEnvCache();
    resetLimiter();
  }

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
