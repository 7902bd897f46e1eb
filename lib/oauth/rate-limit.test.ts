import { describe, expect, it } from "vitest";
import { OAuthError } from "./errors";
import { enforceClientRateLimit } from "./rate-limit-guard";
import { MemoryRateLimitStore, rateLimitStore, setRateLimitStore, type RateLimitStore } from "./rate-limit";

describe("per-client rate limits (30)", () => {
  it("30 allows `limit` requests per window, then refuses with a Retry-After until tokens refill", () => {
    const store = new MemoryRateLimitStore();
    const policy = { limit: 3, windowMs: 60_000 };
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => store.consume("token:a", policy, t0).allowed)).toEqual([true, true, true]);
    const refused = store.consume("token:a", policy, t0);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
    // Another client has its own bucket.
    expect(store.consume("token:b", policy, t0).allowed).toBe(true);
    // One request's worth refills after a third of the window.
    expect(store.consume("token:a", policy, t0 + 19_000).allowed).toBe(false);
    expect(store.consume("token:a", policy, t0 + 20_500).allowed).toBe(true);
    expect(store.consume("token:a", policy, t0 + 20_600).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("forgets idle buckets and can be replaced by another store (e.g. Redis)", async () => {
    const store = new MemoryRateLimitStore(2);
    const policy = { limit: 1, windowMs: 1000 };
    store.consume("a", policy, 0);
    store.consume("b", policy, 0);
    // At capacity, idle (refilled) buckets are swept to make room; the new key starts full.
    expect(store.consume("c", policy, 5000).allowed).toBe(true);
    expect(store.consume("a", policy, 5000).allowed).toBe(true);

    const calls: string[] = [];
    const custom: RateLimitStore = {
      consume(key) {
        calls.push(key);
        return { allowed: false, remaining: 0, retryAfterSeconds: 7 };
      },
    };
    const previous = rateLimitStore();
    setRateLimitStore(custom);
    try {
      const error = await enforceClientRateLimit("token", "apc_x").then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(OAuthError);
      expect((error as OAuthError).status).toBe(429);
      expect((error as OAuthError).options.headers).toEqual({ "retry-after": "7" });
      expect(calls).toEqual(["token:apc_x"]);
    } finally {
      setRateLimitStore(previous);
    }
  });
});
