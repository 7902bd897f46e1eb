import "server-only";
// Per-client rate limits of the token-service endpoints. By default they count in lib/rate-limit's store
// (Redis when REDIS_URL is set, so every instance shares one count; this process's memory otherwise),
// fixed windows of `windowMs`. MemoryRateLimitStore (a token bucket per key, refilled continuously) stays
// for callers that want a per-process limiter, and tests may replace the store with setRateLimitStore.
import { env } from "../env";
import { rateLimitStore as sharedStore } from "../rate-limit";

export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until one more request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

export interface RateLimitStore {
  consume(key: string, policy: RateLimitPolicy, now?: number): Promise<RateLimitResult> | RateLimitResult;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 100_000) {}

  consume(key: string, policy: RateLimitPolicy, now = Date.now()): RateLimitResult {
    const ratePerMs = policy.limit / policy.windowMs;
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now, policy.windowMs, true);
      b = { tokens: policy.limit, updated: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(policy.limit, b.tokens + (now - b.updated) * ratePerMs);
      b.updated = now;
    }
    if (now - this.lastSweep > policy.windowMs) this.sweep(now, policy.windowMs, false);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = (1 - b.tokens) / ratePerMs;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Forgets buckets that have refilled completely (idle for a whole window); all when `force` and still full. */
  private sweep(now: number, windowMs: number, force: boolean): void {
    this.lastSweep = now;
    for (const [k, b] of this.buckets) if (now - b.updated >= windowMs) this.buckets.delete(k);
    if (force && this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}

/** Counts in lib/rate-limit's store (shared through Redis when REDIS_URL is set). Fails open when Redis is down. */
export class SharedRateLimitStore implements RateLimitStore {
  async consume(key: string, policy: RateLimitPolicy, now = Date.now()): Promise<RateLimitResult> {
    try {
      const r = await sharedStore().hit(`oauth:${key}`, { limit: policy.limit, windowSeconds: Math.max(1, Math.round(policy.windowMs / 1000)) }, now);
      return { allowed: r.ok, remaining: r.remaining, retryAfterSeconds: r.ok ? 0 : Math.max(1, r.retryAfterSeconds) };
    } catch (error) {
      console.error("[rate-limit] store unavailable for the token service; allowing the request", (error as Error).message);
      return { allowed: true, remaining: policy.limit, retryAfterSeconds: 0 };
    }
  }
}

const holder = globalThis as unknown as { __oauthRateLimitStore?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  holder.__oauthRateLimitStore ??= new SharedRateLimitStore();
  return holder.__oauthRateLimitStore;
}

/** Replaces the store (e.g. with a Redis-backed one at start-up, or a fresh one in tests). */
export function setRateLimitStore(store: RateLimitStore): void {
  holder.__oauthRateLimitStore = store;
}

/** OAUTH_RATE_LIMIT_PER_MINUTE, unless CONSOLE_RATE_LIMITS names tokenPerClient. */
export function clientPolicy(): RateLimitPolicy {
  const override = env().rateLimits.tokenPerClient;
  if (override) return { limit: override.limit, windowMs: override.windowSeconds * 1000 };
  return { limit: env().oauthRateLimitPerMinute, windowMs: 60_000 };
}

/** Counts one request of a client at an endpoint. */
export function limitClient(endpoint: string, clientId: string): Promise<RateLimitResult> | RateLimitResult {
  return rateLimitStore().consume(`${endpoint}:${clientId}`, clientPolicy());
}
