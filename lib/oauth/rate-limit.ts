import "server-only";
// Per-client rate limits of the token-service endpoints. A token bucket per key: `limit` requests per
// `windowMs`, refilled continuously. The store is an interface so a shared store (Redis) can replace the
// in-memory one when several instances serve the console; the in-memory store counts per process.
import { env } from "../env";

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

const holder = globalThis as unknown as { __oauthRateLimitStore?: RateLimitStore };

export function rateLimitStore(): RateLimitStore {
  holder.__oauthRateLimitStore ??= new MemoryRateLimitStore();
  return holder.__oauthRateLimitStore;
}

/** Replaces the store (e.g. with a Redis-backed one at start-up, or a fresh one in tests). */
export function setRateLimitStore(store: RateLimitStore): void {
  holder.__oauthRateLimitStore = store;
}

export function clientPolicy(): RateLimitPolicy {
  return { limit: env().oauthRateLimitPerMinute, windowMs: 60_000 };
}

/** Counts one request of a client at an endpoint. */
export function limitClient(endpoint: string, clientId: string): Promise<RateLimitResult> | RateLimitResult {
  return rateLimitStore().consume(`${endpoint}:${clientId}`, clientPolicy());
}
