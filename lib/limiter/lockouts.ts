import "server-only";
// Lockouts of guessable codes (RFC 8628 5.1 for user codes; the same rule for second-factor codes and
// links): the LIMITS entries with lockSeconds. The limit-th wrong code within the window locks the
// subject for lockSeconds; the window then runs on from the lock's end, and each further wrong code
// before it has passed doubles the lock, up to maxLockSeconds. While a subject is locked no code is
// looked up for it, the right one included. Callers ask lockoutWait first, then count a wrong code with
// countWrong (or forget the subject with clearWrong after a right one, where that is safe).
//
// Stores: Redis with REDIS_URL (rate-limiter-flexible: a counter whose window is moved with `set`, and
// `block` for the lock), so every instance shares one count; otherwise the database (ThrottleBucket,
// lib/security/throttle.ts), not this process's memory: a lock protects one account or one code and
// must hold on every instance and across a restart. When Redis cannot be reached the database answers.
import { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors";
import { errorFields, logger } from "../observability/log";
import { singleton } from "../runtime/singleton";
import { clearFailures, type LockoutRule, lockoutSecondsFor, recordLockoutFailure, throttleState } from "../security/throttle";
import { LIMITS, type LockoutName, ruleFor, sharedRedis } from "./index";

export type LockoutSubject = readonly [LockoutName, string];

/** The rule in force: limit and window from CONSOLE_RATE_LIMITS (name=limit/seconds) or LIMITS; the lock from LIMITS. */
export function lockoutRuleFor(name: LockoutName): LockoutRule {
  const { limit, windowSeconds } = ruleFor(name);
  return { limit, windowSeconds, lockSeconds: LIMITS[name].lockSeconds, maxLockSeconds: LIMITS[name].maxLockSeconds };
}

const keyOf = (name: LockoutName, subject: string) => `lk:${name}:${subject}`;

interface RedisLockout {
  counter: RateLimiterRedis;
  lock: RateLimiterRedis;
}

function redisLockout(redis: NonNullable<Awaited<ReturnType<typeof sharedRedis>>>, name: LockoutName, rule: LockoutRule): RedisLockout {
  const made = singleton<{ value: WeakMap<object, Map<string, RedisLockout>> }>("limiter.lockouts", () => ({ value: new WeakMap() }));
  let byRule = made.value.get(redis);
  if (!byRule) made.value.set(redis, (byRule = new Map()));
  const id = `${name}:${rule.limit}/${rule.windowSeconds}`;
  let pair = byRule.get(id);
  if (!pair) {
    pair = {
      counter: new RateLimiterRedis({ storeClient: redis, keyPrefix: `lk:${name}`, points: rule.limit, duration: rule.windowSeconds }),
      lock: new RateLimiterRedis({ storeClient: redis, keyPrefix: `lk:${name}:lock`, points: 1, duration: rule.maxLockSeconds }),
    };
    byRule.set(id, pair);
  }
  return pair;
}

/** Runs the Redis form when REDIS_URL is set; the database form without it, or when Redis fails. */
async function withStore<T>(name: LockoutName, onRedis: (r: RedisLockout) => Promise<T>, onDb: () => Promise<T>): Promise<T> {
  const redis = await sharedRedis();
  if (!redis) return onDb();
  try {
    return await onRedis(redisLockout(redis, name, lockoutRuleFor(name)));
  } catch (error) {
    if (error instanceof RateLimiterRes) throw error;
    logger().error({ limit: name, ...errorFields(error) }, "lockout store (Redis) unavailable; the database answers");
    return onDb();
  }
}

/** Seconds a subject is still locked (0: not locked). */
async function waitOf(name: LockoutName, subject: string): Promise<number> {
  return withStore(
    name,
    async ({ lock }) => {
      const res = await lock.get(subject);
      return res && res.consumedPoints > 1 && res.msBeforeNext > 0 ? Math.ceil(res.msBeforeNext / 1000) : 0;
    },
    async () => (await throttleState([keyOf(name, subject)])).retryAfterSeconds,
  );
}

/** The seconds to wait before any code is looked up for these subjects (the longest lock), else 0. */
export async function lockoutWait(subjects: readonly LockoutSubject[]): Promise<number> {
  const waits = await Promise.all(subjects.map(([name, subject]) => waitOf(name, subject)));
  return Math.max(0, ...waits);
}

async function countOne(name: LockoutName, subject: string): Promise<number> {
  const rule = lockoutRuleFor(name);
  return withStore(
    name,
    async ({ counter, lock }) => {
      const res = await counter.penalty(subject, 1);
      const seconds = lockoutSecondsFor(res.consumedPoints, rule);
      if (seconds === 0) return 0;
      await lock.block(subject, seconds);
      // The count is kept for a whole window after the lock ends.
      await counter.set(subject, res.consumedPoints, seconds + rule.windowSeconds);
      return seconds;
    },
    () => recordLockoutFailure(keyOf(name, subject), rule),
  );
}

/** Counts one wrong code against every subject; the longest lock it started (0: none). */
export async function countWrong(subjects: readonly LockoutSubject[]): Promise<number> {
  const locks = await Promise.all(subjects.map(([name, subject]) => countOne(name, subject)));
  return Math.max(0, ...locks);
}

/** Forgets a subject's wrong codes and lock (after a right code, where the subject is the code's owner). */
export async function clearWrong(name: LockoutName, subject: string): Promise<void> {
  await withStore(
    name,
    async ({ counter, lock }) => {
      await Promise.all([counter.delete(subject), lock.delete(subject)]);
    },
    () => clearFailures(keyOf(name, subject)),
  );
}

/** "1 minute 5 seconds", "40 seconds", "2 minutes". */
export function durationText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  const parts = [m ? `${m} minute${m === 1 ? "" : "s"}` : "", s || !m ? `${s} second${s === 1 ? "" : "s"}` : ""];
  return parts.filter(Boolean).join(" ");
}

/** "Try again in 1 minute 5 seconds." */
export function retryIn(seconds: number): string {
  return `Try again in ${durationText(seconds)}.`;
}

/** AppError("rate_limited") saying when to try again (retryAfterSeconds set). */
export function lockedError(message: string, seconds: number): AppError {
  return new AppError("rate_limited", `${message} ${retryIn(seconds)}`, { retryAfterSeconds: seconds });
}
