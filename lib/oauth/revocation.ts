import "server-only";
// Revoking what was issued: a whole grant (its refresh tokens, and its access tokens through the grant
// claim they carry) or one access token by its jti (kept until it would have expired anyway).
import { onInvalidate } from "../cache";
import { db, type DbOrTx } from "../db";
import { env } from "../env";
import { singleton } from "../runtime/singleton";

export type RevokeReason =
  | "code_reused"
  | "refresh_token_reused"
  | "revoked_by_client"
  | "revoked_by_user"
  | "consent_revoked"
  /** The tokens of a "Try it" call of an Authorization Code app, revoked when the call is done. */
  | "try_it";

/** Revokes a grant and its refresh tokens. Returns whether it was live. */
export async function revokeTokenGrant(tx: DbOrTx, grantId: string, reason: RevokeReason, now = new Date()): Promise<boolean> {
  const { count } = await tx.tokenGrant.updateMany({
    where: { id: grantId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  await tx.refreshToken.updateMany({ where: { tokenGrantId: grantId, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/** Puts an access token's jti on the revocation list until its expiry. */
export async function revokeAccessTokenJti(jti: string, appId: string, expiresAt: Date): Promise<void> {
  await db().revokedAccessToken.upsert({ where: { jti }, create: { jti, appId, expiresAt }, update: {} });
  revocations().jtis.set(jti, expiresAt.getTime()); // refused at once in this process
}

// The revocation list as every API call reads it: a copy in memory, synced with the database at most
// every OAUTH_CLIENT_CACHE_TTL_MS (default 2 s; 0 reads the database on every call) by fetching the
// entries revoked since the last sync. A revocation made in this process counts at once (added above);
// one made by another instance within that interval. Process-wide (lib/runtime/singleton: the Next.js
// bundle and scripts/serve.ts's fast path share it).
interface RevocationCopy {
  jtis: Map<string, number>;
  syncedAt: number;
  pending: Promise<void> | null;
}
const holder = singleton("oauth.revocations", () => ({}) as { __oauthRevocations?: RevocationCopy });

// invalidate("revocations") (lib/cache): a domain module revoked tokens outside this file; read the list afresh.
onInvalidate("oauth.revocations", ["revocations"], () => {
  if (holder.__oauthRevocations) holder.__oauthRevocations.syncedAt = 0;
});
function revocations(): RevocationCopy {
  holder.__oauthRevocations ??= { jtis: new Map(), syncedAt: 0, pending: null };
  return holder.__oauthRevocations;
}

// Rows are stamped by each instance's clock: re-read a margin before the last sync.
const SYNC_OVERLAP_MS = 10_000;

async function sync(copy: RevocationCopy, now: number): Promise<void> {
  copy.pending ??= (async () => {
    const where =
      copy.syncedAt === 0 ? { expiresAt: { gt: new Date(now) } } : { revokedAt: { gte: new Date(copy.syncedAt - SYNC_OVERLAP_MS) } };
    const rows = await db().revokedAccessToken.findMany({ where, select: { jti: true, expiresAt: true } });
    for (const r of rows) copy.jtis.set(r.jti, r.expiresAt.getTime());
    if (copy.jtis.size > 50_000) for (const [jti, exp] of copy.jtis) if (exp < now) copy.jtis.delete(jti);
    copy.syncedAt = now;
  })().finally(() => {
    copy.pending = null;
  });
  await copy.pending;
}

/** Whether an access token's jti is on the revocation list. */
export async function isAccessTokenRevoked(jti: string): Promise<boolean> {
  const ttl = env().oauthClientCacheTtlMs;
  if (ttl <= 0) return (await db().revokedAccessToken.findUnique({ where: { jti }, select: { jti: true } })) !== null;
  const copy = revocations();
  const now = Date.now();
  if (now - copy.syncedAt >= ttl) await sync(copy, now);
  return copy.jtis.has(jti);
}

/** Forgets the in-memory copy (tests). */
export function resetRevocationCopy(): void {
  holder.__oauthRevocations = { jtis: new Map(), syncedAt: 0, pending: null };
}

/** Drops revocation-list entries of tokens that have expired (they are refused by their exp anyway). */
export async function pruneRevokedAccessTokens(now = new Date()): Promise<number> {
  const { count } = await db().revokedAccessToken.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
