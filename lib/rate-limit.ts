import "server-only";
// Request-rate limits shared by all instances: Redis when REDIS_URL is set, this process's memory
// otherwise. Fixed windows per key; `hit()` answers whether the request may go on and, when not,
// how many seconds to wait (for Retry-After). Limits are data (LIMITS) so they are reviewed together.
import { Redis } from "ioredis";
import { env } from "./env";
import { AppError } from "./errors";

export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

export const LIMITS = {
  signIn: { limit: 30, windowSeconds: 60 }, // per address, on top of the failure lockouts
  signUp: { limit: 10, windowSeconds: 3600 }, // per address
  secretReveal: { limit: 20, windowSeconds: 3600 }, // per user
  tokenPerClient: { limit: 6000, windowSeconds: 60 }, // per client id
  passwordGrant: { limit: 60, windowSeconds: 60 }, // per client id, on top of per-account lockouts
  managementApi: { limit: 600, windowSeconds: 60 }, // per personal access token (/api/v1, issue 16)
  dynamicRegistration: { limit: 60, windowSeconds: 60 }, // per address (/oauth2/register, issue 16)
} as const satisfies Record<string, LimitRule>;

export interface LimitResult {
  ok: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export interface RateLimitStore {
  hit(key: string, rule: LimitRule, now: number): Promise<LimitResult>;
}

export class MemoryStore implements RateLimitStore {
  private windows = new Map<string, { start: number; count: number }>();
  private sweeps = 0;

  async hit(key: string, rule: LimitRule, now: number): Promise<LimitResult> {
    const windowMs = rule.windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (++this.sweeps % 10_000 === 0) this.sweep(now);
    const ok = w.count <= rule.limit;
    return { ok, remaining: Math.max(0, rule.limit - w.count), retryAfterSeconds: ok ? 0 : Math.ceil((start + windowMs - now) / 1000) };
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start > 3600_000) this.windows.delete(k);
  }
}

export class RedisStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  /** Waits (up to 1 s) for a connection still being made, so the first requests after start are counted too. */
  private connected(): Promise<void> {
    if (!["wait", "connecting", "connect", "reconnecting"].includes(this.redis.status)) return Promise.resolve();
    if (this.redis.status === "wait") void this.redis.connect().catch(() => {});
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off("ready", done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      this.redis.once("ready", done);
    });
  }

  async hit(key: string, rule: LimitRule, now: number): Promise<LimitResult> {
    if (this.redis.status !== "ready") await this.connected();
    const windowMs = rule.windowSeconds * 1000;
    const start = Math.floor(now / windowMs) * windowMs;
    const redisKey = `rl:${key}:${start}`;
    const [[, count]] = (await this.redis.multi().incr(redisKey).pexpire(redisKey, windowMs + 1000).exec()) as [[null, number], unknown];
    const ok = count <= rule.limit;
    return { ok, remaining: Math.max(0, rule.limit - count), retryAfterSeconds: ok ? 0 : Math.ceil((start + windowMs - now) / 1000) };
  }
}

const holder = globalThis as unknown as { __apiConsoleRateLimit?: { url: string | undefined; store: RateLimitStore } };

export function rateLimitStore(): RateLimitStore {
  const url = env().redisUrl;
  if (!holder.__apiConsoleRateLimit || holder.__apiConsoleRateLimit.url !== url) {
    const store = url
      ? new RedisStore(new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false }))
      : new MemoryStore();
    holder.__apiConsoleRateLimit = { url, store };
  }
  return holder.__apiConsoleRateLimit.store;
}

/** Counts a request against a limit. When Redis is unreachable the request is allowed (fail open) and logged. */
export function ruleFor(name: keyof typeof LIMITS): LimitRule {
  return env().rateLimits[name] ?? LIMITS[name];
}

export async function hit(name: keyof typeof LIMITS, subject: string, now = Date.now()): Promise<LimitResult> {
  const rule = ruleFor(name);
  try {
    return await rateLimitStore().hit(`${name}:${subject}`, rule, now);
  } catch (error) {
    console.error(`[rate-limit] store unavailable for ${name}; allowing the request`, (error as Error).message);
    return { ok: true, remaining: rule.limit, retryAfterSeconds: 0 };
  }
}

/** Throws AppError("rate_limited") with retryAfterSeconds when over the limit. */
export async function enforce(name: keyof typeof LIMITS, subject: string, message = "Too many requests."): Promise<void> {
  const r = await hit(name, subject);
  if (!r.ok) {
    throw new AppError("rate_limited", `${message} Try again in ${r.retryAfterSeconds} second${r.retryAfterSeconds === 1 ? "" : "s"}.`, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
  }
}
