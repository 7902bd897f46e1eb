import "server-only";
// Failure counters in the database (ThrottleBucket), so every instance on one PostgreSQL shares them.
// Two users: the password throttles (sign-in per account and per address, the password grant, with the
// policies below: after `freeFailures` failures inside `windowSeconds` each further failure locks the key
// for an exponentially growing time, and the account ceiling only slows down), and lib/limiter/lockouts.ts,
// whose lockouts of guessable codes (LIMITS entries with lockSeconds) live here when REDIS_URL is not set.
import { db } from "../db";

export interface ThrottlePolicy {
  freeFailures: number;
  windowSeconds: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export const SIGN_IN_ACCOUNT: ThrottlePolicy = { freeFailures: 5, windowSeconds: 900, baseLockSeconds: 15, maxLockSeconds: 900 };
export const SIGN_IN_ADDRESS: ThrottlePolicy = { freeFailures: 20, windowSeconds: 900, baseLockSeconds: 15, maxLockSeconds: 900 };
/**
 * Failures of one account from every address: never a lock (a stranger could lock the owner out), only
 * a slowdown once past `freeFailures` in the window (lib/users/accounts.ts signInDelayMs).
 */
export const SIGN_IN_ACCOUNT_CEILING: ThrottlePolicy = { freeFailures: 30, windowSeconds: 900, baseLockSeconds: 0, maxLockSeconds: 0 };

/** The failures counted for the key in its current window (0 when none). */
export async function failureCount(key: string, policy: ThrottlePolicy, now = new Date()): Promise<number> {
  const row = await db().throttleBucket.findUnique({ where: { key } });
  if (!row || row.windowStart.getTime() < now.getTime() - policy.windowSeconds * 1000) return 0;
  return row.failures;
}

export interface ThrottleState {
  locked: boolean;
  retryAfterSeconds: number;
}

/** The longest remaining lock among the keys (0 when none is locked). */
export async function throttleState(keys: string[], now = new Date()): Promise<ThrottleState> {
  const rows = await db().throttleBucket.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  const retryAfterSeconds = until > 0 ? Math.ceil((until - now.getTime()) / 1000) : 0;
  return { locked: retryAfterSeconds > 0, retryAfterSeconds };
}

export function lockSecondsFor(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxLockSeconds, policy.baseLockSeconds * 2 ** Math.min(over - 1, 20));
}

/** Counts a failure; returns the failures in the window and whether this one started a lock. */
export async function recordFailure(
  key: string,
  policy: ThrottlePolicy,
  now = new Date(),
): Promise<{ failures: number; lockStarted: boolean }> {
  const windowStart = new Date(now.getTime() - policy.windowSeconds * 1000);
  const bucket = await db().throttleBucket.upsert({
    where: { key },
    create: { key, failures: 1, windowStart: now },
    update: { failures: { increment: 1 } },
  });
  let failures = bucket.failures;
  if (bucket.windowStart < windowStart && (!bucket.lockedUntil || bucket.lockedUntil < now)) {
    // The old window has passed and nothing is locked: start counting again.
    await db().throttleBucket.update({ where: { key }, data: { failures: 1, windowStart: now, lockedUntil: null } });
    failures = 1;
  }
  const lockSeconds = lockSecondsFor(failures, policy);
  if (lockSeconds > 0) {
    await db().throttleBucket.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + lockSeconds * 1000) } });
  }
  return { failures, lockStarted: lockSeconds > 0 && failures === policy.freeFailures + 1 };
}

export async function clearFailures(key: string): Promise<void> {
  await db().throttleBucket.deleteMany({ where: { key } });
}

/** A lockout rule of lib/limiter (LIMITS entries with lockSeconds). */
export interface LockoutRule {
  limit: number;
  windowSeconds: number;
  lockSeconds: number;
  maxLockSeconds: number;
}

/** The lock the `count`-th wrong code of a window starts (0 below the limit): lockSeconds, doubling. */
export function lockoutSecondsFor(count: number, rule: LockoutRule): number {
  const over = count - rule.limit;
  if (over < 0) return 0;
  return Math.min(rule.maxLockSeconds, rule.lockSeconds * 2 ** Math.min(over, 20));
}

/**
 * Counts a wrong code for a lockout key: a window starts at the first; the limit-th locks the key, and the
 * window then runs on from the lock's end, so the next wrong code before it has passed locks twice as long.
 * Returns the seconds the key is now locked for (0: not locked).
 */
export async function recordLockoutFailure(key: string, rule: LockoutRule, now = new Date()): Promise<number> {
  const bucket = await db().throttleBucket.upsert({
    where: { key },
    create: { key, failures: 1, windowStart: now },
    update: { failures: { increment: 1 } },
  });
  let failures = bucket.failures;
  const locked = bucket.lockedUntil && bucket.lockedUntil > now;
  if (failures > 1 && bucket.windowStart.getTime() + rule.windowSeconds * 1000 <= now.getTime() && !locked) {
    await db().throttleBucket.update({ where: { key }, data: { failures: 1, windowStart: now, lockedUntil: null } });
    failures = 1;
  }
  const lockSeconds = lockoutSecondsFor(failures, rule);
  if (lockSeconds === 0) return 0;
  const until = new Date(Math.max(now.getTime() + lockSeconds * 1000, bucket.lockedUntil?.getTime() ?? 0));
  await db().throttleBucket.update({ where: { key }, data: { lockedUntil: until, windowStart: until } });
  return Math.ceil((until.getTime() - now.getTime()) / 1000);
}
