import "server-only";
// Slows down repeated failures (sign-in per account and per address; the password grant). Counters
// live in the database, so every instance on one PostgreSQL shares them. After `freeFailures`
// failures inside `windowSeconds`, each further failure locks the key for an exponentially growing time.
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
