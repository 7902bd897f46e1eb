import "server-only";
// RFC 6749 6: refreshing. Refresh tokens are bound to their client, expire (the family keeps the first
// token's expiry), and rotate: each use returns a new one. Presenting a used one revokes the whole
// grant. Of two concurrent refreshes with one token only one can win: the rotation is a conditional
// update (rotatedAt still null) that must change exactly one row. RFC 9449 5: a refresh token bound to a
// public client's DPoP key (jkt) needs a proof signed by that same key; the rotated token keeps the binding.
import { db } from "../../db";
import type { AuthenticatedClient } from "../clients";
import type { DpopBinding } from "../dpop";
import { OAuthError } from "../errors";
import type { Params } from "../params";
import { revokeTokenGrant } from "../revocation";
import {
  createRefreshToken,
  resolveScope,
  signAccessToken,
  splitScope,
  tokenDigest,
  type TokenResponseBody,
  tokenResponseBody,
} from "../tokens";

const invalidGrant = (why: string) => new OAuthError("invalid_grant", why);

export async function refreshTokenGrant(client: AuthenticatedClient, params: Params, dpop?: DpopBinding): Promise<TokenResponseBody> {
  const presented = params.get("refresh_token");
  if (!presented) throw new OAuthError("invalid_request", "The parameter refresh_token is missing.");
  const now = new Date();
  const row =
    presented.length <= 200
      ? await db().refreshToken.findUnique({
          where: { tokenDigest: tokenDigest(presented) },
          include: { tokenGrant: { select: { id: true, revokedAt: true, userId: true, user: { select: { status: true } } } } },
        })
      : null;
  if (!row) throw invalidGrant("The refresh token is invalid.");
  if (row.appId !== client.appId) throw invalidGrant("The refresh token was issued to another client.");
  // Checked before reuse detection: without the key a presented token does nothing, not even revoke its grant.
  if (row.jkt && dpop?.jkt !== row.jkt) {
    throw invalidGrant(
      dpop
        ? "The refresh token is bound to another DPoP key."
        : "The refresh token is bound to a DPoP key: send a DPoP proof signed by that key.",
    );
  }
  if (row.revokedAt || row.tokenGrant.revokedAt) throw invalidGrant("The refresh token was revoked.");
  if (row.rotatedAt) {
    await revokeTokenGrant(db(), row.tokenGrantId, "refresh_token_reused", now);
    throw invalidGrant("The refresh token was already used; the grant is revoked.");
  }
  if (row.expiresAt.getTime() <= now.getTime()) throw invalidGrant("The refresh token has expired.");
  if (row.tokenGrant.userId && row.tokenGrant.user?.status !== "ACTIVE")
    throw invalidGrant("The person who authorized the app can no longer do so.");

  const original = splitScope(row.scope);
  const scope = resolveScope(params.get("scope"), original);
  if (!scope) throw new OAuthError("invalid_scope", "A refresh may only narrow the scope that was granted.");

  const next = await db().$transaction(async (tx) => {
    const { count } = await tx.refreshToken.updateMany({
      where: { id: row.id, rotatedAt: null, revokedAt: null },
      data: { rotatedAt: now },
    });
    if (count !== 1) return null;
    return createRefreshToken(tx, {
      appId: client.appId,
      tokenGrantId: row.tokenGrantId,
      scope: original,
      expiresAt: row.expiresAt,
      now,
      jkt: row.jkt,
    });
  });
  if (!next) {
    await revokeTokenGrant(db(), row.tokenGrantId, "refresh_token_reused", now);
    throw invalidGrant("The refresh token was already used; the grant is revoked.");
  }
  const access = await signAccessToken({
    clientId: client.clientId,
    subject: row.tokenGrant.userId ?? client.clientId,
    scope,
    grantId: row.tokenGrantId,
    jkt: dpop?.jkt,
  });
  return tokenResponseBody(access, scope, next, dpop ? "DPoP" : "Bearer");
}
