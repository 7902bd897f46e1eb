import "server-only";
// Housekeeping: deletes rows that can no longer matter. Each task is one bounded DELETE on an indexed
// column; `now` is passed in (tests move the clock). Used one-time tokens: the tables that hold them
// (mail links, resets, invitations by mail) add a task to PRUNE_TASKS beside their module.
import { db } from "../db";
import { env } from "../env";
import { pruneClientAssertionJtis } from "../oauth/client-assertion";
import { ACCESS_TOKEN_TTL_SECONDS } from "../oauth/config";
import { pruneRevokedAccessTokens } from "../oauth/revocation";

const HOUR_MS = 3_600_000;
/** A used or expired code is kept a day, so presenting it again still revokes what it issued. */
export const CODE_KEEP_MS = 24 * HOUR_MS;
/** Throttle rows untouched for a day are past every window and lock (lib/security/throttle: at most 15 min). */
export const THROTTLE_KEEP_MS = 24 * HOUR_MS;
/** A revoked grant is kept until every access token it issued has expired (they name it). */
export const REVOKED_GRANT_KEEP_MS = (ACCESS_TOKEN_TTL_SECONDS + 300) * 1000;

export interface PruneTask {
  name: string;
  run: (now: Date) => Promise<number>;
}

export const PRUNE_TASKS: PruneTask[] = [
  {
    name: "authorizationCodes",
    run: async (now) =>
      (await db().authorizationCode.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - CODE_KEEP_MS) } } })).count,
  },
  {
    name: "refreshTokens",
    run: async (now) => (await db().refreshToken.deleteMany({ where: { expiresAt: { lt: now } } })).count,
  },
  {
    name: "revokedGrants",
    run: async (now) =>
      (await db().tokenGrant.deleteMany({ where: { revokedAt: { lt: new Date(now.getTime() - REVOKED_GRANT_KEEP_MS) } } })).count,
  },
  { name: "revokedAccessTokens", run: (now) => pruneRevokedAccessTokens(now) },
  { name: "clientAssertionJtis", run: (now) => pruneClientAssertionJtis(now) },
  {
    name: "throttleRows",
    run: async (now) =>
      (
        await db().throttleBucket.deleteMany({
          where: {
            updatedAt: { lt: new Date(now.getTime() - THROTTLE_KEEP_MS) },
            OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
          },
        })
      ).count,
  },
  {
    // One-time tokens of mail links (address verification, password reset): used or expired a day ago.
    name: "oneTimeTokens",
    run: async (now) => {
      const before = new Date(now.getTime() - 24 * HOUR_MS);
      return (await db().accountToken.deleteMany({ where: { OR: [{ usedAt: { lt: before } }, { expiresAt: { lt: before } }] } })).count;
    },
  },
  {
    // Accepted SAML assertion IDs (replay refusal: lib/sso/saml-signin.ts) once the assertion has expired.
    name: "samlAssertions",
    run: async (now) => (await db().samlAssertion.deleteMany({ where: { expiresAt: { lt: now } } })).count,
  },
  {
    // Gateway request logs older than CONSOLE_REQUEST_LOG_DAYS (default 14).
    name: "requestLogs",
    run: async (now) =>
      (await db().requestLog.deleteMany({ where: { at: { lt: new Date(now.getTime() - env().requestLogDays * 24 * HOUR_MS) } } })).count,
  },
];

/** Runs every prune task; returns how many rows each deleted. */
export async function pruneExpired(now = new Date()): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const task of PRUNE_TASKS) out[task.name] = await task.run(now);
  return out;
}
