import "server-only";
// The one request limiter (rate-limiter-flexible): Redis when REDIS_URL is set, so every instance
// shares one count; this process's memory otherwise. Fixed windows per key. Limits are data (LIMITS),
// reviewed together; CONSOLE_RATE_LIMITS overrides any entry by name (name=points/windowSeconds), and
// OAUTH_RATE_LIMIT_PER_MINUTE sets the token service's per-client entry. When Redis cannot be reached
// the request is allowed (fail open) and logged.
//
// The memory store is this module's own (MemoryWindows): the same fixed windows as
// rate-limiter-flexible's memory store (a window starts at a subject's first count and lasts the
// rule's seconds), read and counted synchronously. hit, peek and penalize answer at once from it
// (lib/runtime/maybe-sync: no promise, so the token endpoint's pipeline stays synchronous) and with a
// promise when the store is Redis; callers that await them need not know which.
import { Redis } from "ioredis";
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { AppError } from "../errors";
import { errorFields, logger } from "../observability/log";
import type { MaybePromise } from "../runtime/maybe-sync";
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
  // The management API (/api/v1) and dynamic client registration (/oauth2/register).
  managementApi: { limit: 600, windowSeconds: 60, subject: "personal access token" },
  dynamicRegistration: { limit: 60, windowSeconds: 60, subject: "address" },
  // SCIM provisioning (/scim/v2): requests with a wrong bearer token, before any is accepted again.
  scimAuthFailures: { limit: 20, windowSeconds: 300, subject: "address" },
  // Lockouts of guessable codes (./lockouts.ts, RFC 8628 5.1): entries with lockSeconds. The limit-th
  // wrong code within the window locks the subject for lockSeconds; every further wrong code before a
  // whole window has passed after the lock doubles it, up to maxLockSeconds. While locked every code,
  // the right one included, waits. Stored in Redis with REDIS_URL, else in the database.
  deviceCodeGuessesPerSession: {
    limit: 30,
    windowSeconds: 60,
    lockSeconds: 60,
    maxLockSeconds: 3600,
    subject: "session (wrong user codes at /device)",
  },
  deviceCodeGuessesPerAddress: {
    limit: 100,
    windowSeconds: 60,
    lockSeconds: 60,
    maxLockSeconds: 3600,
    subject: "address (wrong user codes at /device)",
  },
  deviceCodeNearMisses: {
    limit: 5,
    windowSeconds: 600,
    lockSeconds: 60,
    maxLockSeconds: 600,
    subject: "device authorization (wrong user codes sharing one of its two halves)",
  },
  secondFactorPerAccount: {
    limit: 5,
    windowSeconds: 900,
    lockSeconds: 30,
    maxLockSeconds: 900,
    subject: "account (wrong authenticator-app or recovery codes, failed passkeys: second step and step-up)",
  },
  secondFactorPerAddress: {
    limit: 20,
    windowSeconds: 900,
    lockSeconds: 30,
    maxLockSeconds: 900,
    subject: "address (the same codes, every account)",
  },
  accountLinkGuesses: {
    limit: 20,
    windowSeconds: 600,
    lockSeconds: 300,
    maxLockSeconds: 3600,
    subject: "address (wrong invitation, verification and password-reset links)",
  },
  // Webhooks: "Send test event" and "Resend" make the console call out at once.
  webhookSend: { limit: 30, windowSeconds: 60, subject: "company" },
} as const satisfies Record<string, LimitRule & { subject: string; lockSeconds?: number; maxLockSeconds?: number }>;

export type LimitName = keyof typeof LIMITS;
/** The entries that lock (lockSeconds): counted with ./lockouts.ts. */
export type LockoutName = { [K in LimitName]: (typeof LIMITS)[K] extends { lockSeconds: number } ? K : never }[LimitName];
/** The request-rate entries: hit, peek, penalize, enforce. */
export type RateName = Exclude<LimitName, LockoutName>;

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

/**
 * Fixed windows in this process's memory: a subject's count and when its window ends. Expired
 * windows are forgotten when next read and by a sweep every minute (the store never outgrows the
 * subjects seen within the longest window).
 */
export class MemoryWindows {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly windowMs: number) {}

  /** Adds `points` to the subject's current window (a new one when none is running): the count and ms left. */
  add(subject: string, points: number, now = Date.now()): { count: number; msLeft: number } {
    let w = this.windows.get(subject);
    if (!w || w.endsAt <= now) {
      w = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(subject, w);
      this.sweeper ??= setInterval(() => this.sweep(), 60_000).unref();
    }
    w.count += points;
    return { count: w.count, msLeft: w.endsAt - now };
  }

  /** The subject's current window, or null when none is running. */
  get(subject: string, now = Date.now()): { count: number; msLeft: number } | null {
    const w = this.windows.get(subject);
    if (!w) return null;
    if (w.endsAt <= now) {
      this.windows.delete(subject);
      return null;
    }
    return { count: w.count, msLeft: w.endsAt - now };
  }

  sweep(now = Date.now()): void {
    for (const [subject, w] of this.windows) if (w.endsAt <= now) this.windows.delete(subject);
    if (this.windows.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  clear(): void {
    this.windows.clear();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}

type RedisStore = { kind: "redis"; limiter: RateLimiterRedis; redis: Redis; rule: LimitRule };
type Store = { kind: "memory"; windows: MemoryWindows; rule: LimitRule } | RedisStore;

interface Limiters {
  url: string | undefined;
  redis: Redis | null;
  byRule: Map<string, Store>;
  byName: Map<RateName, { env: ReturnType<typeof env>; store: Store }>;
}

function limiters(): Limiters {
  const url = env().redisUrl;
  const current = singleton<{ value: Limiters | null }>("limiter.state", () => ({ value: null }));
  if (!current.value || current.value.url !== url) {
    current.value?.redis?.disconnect();
    for (const store of current.value?.byRule.values() ?? []) if (store.kind === "memory") store.windows.clear();
    current.value = {
      url,
      redis: url ? new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, connectTimeout: 2000 }) : null,
      byRule: new Map(),
      byName: new Map(),
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

function storeFor(name: RateName): Store {
  const state = limiters();
  // The store of each name for the environment in force (env() is one object until it changes).
  const e = env();
  const known = state.byName.get(name);
  if (known && known.env === e) return known.store;
  const rule = ruleFor(name);
  const key = `${name}:${rule.limit}/${rule.windowSeconds}`;
  let store = state.byRule.get(key);
  if (store) state.byName.set(name, { env: e, store });
  if (!store) {
    store = state.redis
      ? {
          kind: "redis",
          rule,
          redis: state.redis,
          limiter: new RateLimiterRedis({
            keyPrefix: `rl:${name}`,
            points: rule.limit,
            duration: rule.windowSeconds,
            storeClient: state.redis,
          }),
        }
      : { kind: "memory", rule, windows: new MemoryWindows(rule.windowSeconds * 1000) };
    state.byRule.set(key, store);
    state.byName.set(name, { env: e, store });
  }
  return store;
}

function resultOf(msLeft: number, remaining: number, ok: boolean): LimitResult {
  const resetSeconds = Math.max(1, Math.ceil(msLeft / 1000));
  return { ok, remaining: Math.max(0, remaining), retryAfterSeconds: ok ? 0 : resetSeconds, resetSeconds };
}

function resultOfRes(res: RateLimiterRes, ok: boolean): LimitResult {
  return resultOf(res.msBeforeNext, res.remainingPoints, ok);
}

function failOpen(name: LimitName, rule: LimitRule, error: unknown): LimitResult {
  logger().error({ limit: name, ...errorFields(error) }, "rate-limit store unavailable; allowing the request");
  return { ok: true, remaining: rule.limit, retryAfterSeconds: 0 };
}

function hitMemory(windows: MemoryWindows, rule: LimitRule, subject: string): LimitResult {
  const { count, msLeft } = windows.add(subject, 1);
  return resultOf(msLeft, rule.limit - count, count <= rule.limit);
}

function peekMemory(windows: MemoryWindows, rule: LimitRule, subject: string): LimitResult {
  const w = windows.get(subject);
  if (!w) return { ok: true, remaining: rule.limit, retryAfterSeconds: 0 };
  return resultOf(w.msLeft, rule.limit - w.count, w.count < rule.limit);
}

/**
 * One call on a Redis store once connected, failing open (logged; `opened` gets the allowing result)
 * when Redis does not answer. The memory store is answered at once by the callers, without closures.
 */
function onRedis<T>(name: RateName, store: RedisStore, call: () => Promise<T>, opened: (allowed: LimitResult) => T): Promise<T> {
  return connected(store.redis)
    .then(call)
    .catch((error: unknown) => opened(failOpen(name, store.rule, error)));
}

const asIs = (r: LimitResult) => r;

function consumeOnRedis(store: RedisStore, subject: string): Promise<LimitResult> {
  return store.limiter.consume(subject).then(
    (res) => resultOfRes(res, true),
    // Over the limit, rate-limiter-flexible rejects with the subject's state.
    (error: unknown) => {
      if (error instanceof RateLimiterRes) return resultOfRes(error, false);
      throw error;
    },
  );
}

async function peekOnRedis(store: RedisStore, subject: string): Promise<LimitResult> {
  const res = await store.limiter.get(subject);
  if (!res) return { ok: true, remaining: store.rule.limit, retryAfterSeconds: 0 };
  return resultOfRes(res, res.consumedPoints < store.rule.limit);
}

/** Counts one request of `subject` against a limit (at once on the memory store). */
export function hit(name: RateName, subject: string): MaybePromise<LimitResult> {
  const store = storeFor(name);
  if (store.kind === "memory") return hitMemory(store.windows, store.rule, subject);
  return onRedis(name, store, () => consumeOnRedis(store, subject), asIs);
}

/** Whether `subject` is over a limit now, without counting anything (at once on the memory store). */
export function peek(name: RateName, subject: string): MaybePromise<LimitResult> {
  const store = storeFor(name);
  if (store.kind === "memory") return peekMemory(store.windows, store.rule, subject);
  return onRedis(name, store, () => peekOnRedis(store, subject), asIs);
}

/** Counts one failure of `subject` without refusing (the refusal comes from peek before the next try). */
export function penalize(name: RateName, subject: string): MaybePromise<void> {
  const store = storeFor(name);
  if (store.kind === "memory") return void store.windows.add(subject, 1);
  return onRedis(
    name,
    store,
    async () => void (await store.limiter.penalty(subject, 1)),
    () => undefined,
  );
}

/** Throws AppError("rate_limited") with retryAfterSeconds when over the limit. */
export async function enforce(name: RateName, subject: string, message = "Too many requests."): Promise<void> {
  const r = await hit(name, subject);
  if (!r.ok) {
    throw new AppError("rate_limited", `${message} Try again in ${r.retryAfterSeconds} second${r.retryAfterSeconds === 1 ? "" : "s"}.`, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
  }
}

/** The limiter's Redis connection (connected), or null without REDIS_URL: other shared counters use it too (lib/plans). */
export async function sharedRedis(): Promise<Redis | null> {
  const { redis } = limiters();
  if (redis) await connected(redis);
  return redis;
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
  for (const store of current.value?.byRule.values() ?? []) if (store.kind === "memory") store.windows.clear();
  current.value = null;
}
