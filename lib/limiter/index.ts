import "server-only";
// The one request limiter (rate-limiter-flexible): Redis when REDIS_URL is set, so every instance
// shares one count; this process's memory otherwise. Fixed windows per key. Limits are data (LIMITS),
// reviewed together; CONSOLE_RATE_LIMITS overrides any entry by name (name=points/windowSeconds), and
// OAUTH_RATE_LIMIT_PER_MINUTE sets the token service's per-client entry. When Redis cannot be reached
// the request is allowed (fail open) and logged.
import { Redis } from "ioredis";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";
import { errorFields, logger } from "../observability/log";
import { singleton } from "../runtime/singleton";

export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

/** Every request-rate limit of the console. `subject` says what is counted. */
export const LIMITS = {
  signIn: { limit: 30, windowSeconds: 60, subject: "address (on top of the failure lockouts)" },
  signUp: { limit: 10, windowSeconds: 3600, subject: "address" },
  secretReveal: { limit: 20, windowSeconds: 3600, subject: "user" },
  // The token service's per-client limit at each endpoint (token, revoke, introspect): its default is
  // OAUTH_RATE_LIMIT_PER_MINUTE per 60 s (see ruleFor).
  tokenPerClient: { limit: 1200, windowSeconds: 60, subject: "client id and endpoint" },
  passwordGrant: { limit: 60, windowSeconds: 60, subject: "client id (on top of per-account lockouts)" },
  // Failed client authentication at the token service, counted before a success is possible.
  clientAuthFailures: { limit: 20, windowSeconds: 300, subject: "client id (known or not)" },
  clientAuthFailuresPerAddress: { limit: 100, windowSeconds: 300, subject: "address" },
  // The management API (/api/v1, issue 16) and dynamic client registration (/oauth2/register).
  managementApi: { limit: 600, windowSeconds: 60, subject: "personal access token" },
  dynamicRegistration: { limit: 60, windowSeconds: 60, subject: "address" },
} as const satisfies Record<string, LimitRule & { subject: string }>;

export type LimitName = keyof typeof LIMITS;

export interface LimitResult {
  ok: boolean;
  remaining: number;
  retryAfterSeconds: number;
  /** Seconds until the current window ends (RateLimit headers of the management API). */
  resetSeconds?: number;
}

/** The rule in force for a limit: CONSOLE_RATE_LIMITS, then (token service) OAUTH_RATE_LIMIT_PER_MINUTE, then LIMITS. */
export function ruleFor(name: LimitName): LimitRule {
  const e = env();
  const override = e.rateLimits[name];
  if (override) return override;
  if (name === "tokenPerClient") return { limit: e.oauthRateLimitPerMinute, windowSeconds: 60 };
  return { limit: LIMITS[name].limit, windowSeconds: LIMITS[name].windowSeconds };
}

interface Limiters {
  url: string | undefined;
  redis: Redis | null;
  byRule: Map<string, RateLimiterAbstract>;
}

function limiters(): Limiters {
  const url = env().redisUrl;
  const current = singleton<{ value: Limiters | null }>("limiter.state", () => ({ value: null }));
  if (!current.value || current.value.url !== url) {
    current.value?.redis?.disconnect();
    current.value = {
      url,
      redis: url ? new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, connectTimeout: 2000 }) : null,
      byRule: new Map(),
    };
    current.value.redis?.on("error", () => {}); // reported through the failing calls (fail open)
  }
  return current.value;
}

/** Waits (up to 1 s) for a Redis connection still being made, so the first requests after start are counted too. */
function connected(redis: Redis): Promise<void> {
  if (redis.status === "ready" || !["wait", "connecting", "connect", "reconnecting"].includes(redis.status)) return Promise.resolve();
  if (redis.status === "wait") void redis.connect().catch(() => {});
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, 1000);
    redis.once("ready", done);
  });
}

function limiterFor(name: LimitName): { limiter: RateLimiterAbstract; redis: Redis | null; rule: LimitRule } {
  const rule = ruleFor(name);
  const state = limiters();
  const key = `${name}:${rule.limit}/${rule.windowSeconds}`;
  let limiter = state.byRule.get(key);
  if (!limiter) {
    const opts = { keyPrefix: `rl:${name}`, points: rule.limit, duration: rule.windowSeconds };
    limiter = state.redis ? new RateLimiterRedis({ ...opts, storeClient: state.redis }) : new RateLimiterMemory(opts);
    state.byRule.set(key, limiter);
  }
  return { limiter, redis: state.redis, rule };
}

function resultOf(res: RateLimiterRes, rule: LimitRule, ok: boolean): LimitResult {
  const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return { ok, remaining: Math.max(0, res.remainingPoints), retryAfterSeconds: ok ? 0 : resetSeconds, resetSeconds };
}

function failOpen(name: LimitName, rule: LimitRule, error: unknown): LimitResult {
  logger().error({ limit: name, ...errorFields(error) }, "rate-limit store unavailable; allowing the request");
  return { ok: true, remaining: rule.limit, retryAfterSeconds: 0 };
}

/** Counts one request of `subject` against a limit. */
export async function hit(name: LimitName, subject: string): Promise<LimitResult> {
  const { limiter, redis, rule } = limiterFor(name);
  try {
    if (redis) await connected(redis);
    return resultOf(await limiter.consume(subject), rule, true);
  } catch (error) {
    if (error instanceof RateLimiterRes) return resultOf(error, rule, false);
    return failOpen(name, rule, error);
  }
}

/** Whether `subject` is over a limit now, without counting anything. */
export async function peek(name: LimitName, subject: string): Promise<LimitResult> {
  const { limiter, redis, rule } = limiterFor(name);
  try {
    if (redis) await connected(redis);
    const res = await limiter.get(subject);
    if (!res) return { ok: true, remaining: rule.limit, retryAfterSeconds: 0 };
    return resultOf(res, rule, res.consumedPoints < rule.limit);
  } catch (error) {
    return failOpen(name, rule, error);
  }
}

/** Counts one failure of `subject` without refusing (the refusal comes from peek before the next try). */
export async function penalize(name: LimitName, subject: string): Promise<void> {
  const { limiter, redis, rule } = limiterFor(name);
  try {
    if (redis) await connected(redis);
    await limiter.penalty(subject, 1);
  } catch (error) {
    failOpen(name, rule, error);
  }
}

/** Throws AppError("rate_limited") with retryAfterSeconds when over the limit. */
export async function enforce(name: LimitName, subject: string, message = "Too many requests."): Promise<void> {
  const r = await hit(name, subject);
  if (!r.ok) {
    throw new AppError("rate_limited", `${message} Try again in ${r.retryAfterSeconds} second${r.retryAfterSeconds === 1 ? "" : "s"}.`, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
  }
}

/** True when the limiter's store answers (Redis PING; memory always). For /api/health. */
export async function limiterStoreHealthy(): Promise<boolean> {
  const { redis } = limiters();
  if (!redis) return true;
  await connected(redis);
  return (await redis.ping()) === "PONG";
}

/** Forgets every count of this process's memory store (tests). */
export function resetLimiter(): void {
  const current = singleton<{ value: Limiters | null }>("limiter.state", () => ({ value: null }));
  current.value?.redis?.disconnect();
  current.value = null;
}
