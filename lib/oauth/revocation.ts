import "server-only";
// Revoking what was issued: a whole grant (its refresh tokens, and its access tokens through the grant
// claim they carry) or one access token by its jti (kept until it would have expired anyway).
import { db, type DbOrTx } from "../db";

export type RevokeReason =
  | "code_reused"
  | "refresh_token_reused"
  | "revoked_by_client"
  | "revoked_by_user"
  | "consent_revoked";

/** Revokes a grant and its refresh tokens. Returns whether it was live. */
export async function revokeTokenGrant(tx: DbOrTx, grantId: string, reason: RevokeReason, now = new Date()): Promise<boolean> {
  const { count } = await tx.tokenGrant.updateMany({ where: { id: grantId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  await tx.refreshToken.updateMany({ where: { tokenGrantId: grantId, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/** Puts an access token's jti on the revocation list until its expiry. */
export async function revokeAccessTokenJti(jti: string, appId: string, expiresAt: Date): Promise<void> {
  await db().revokedAccessToken.upsert({ where: { jti }, create: { jti, appId, expiresAt }, update: {} });
}

/** Drops revocation-list entries of tokens that have expired (they are refused by their exp anyway). */
export async function pruneRevokedAccessTokens(now = new Date()): Promise<number> {
  const { count } = await db().revokedAccessToken.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
