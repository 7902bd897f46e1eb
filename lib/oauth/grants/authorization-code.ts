import "server-only";
// RFC 6749 4.1.3: redeeming an authorization code. A code is single-use (a conditional update decides
// which redemption wins), bound to its client and redirect URI, expires within 60 s, and, when it was
// issued with a PKCE challenge, needs the matching verifier. Presenting a used code again revokes
// everything it issued.
import { db } from "../../db";
import { newId } from "../../ids";
import type { AuthenticatedClient } from "../clients";
import { type DpopBinding, refreshBinding } from "../dpop";
import { OAuthError } from "../errors";
import { CLAIM_SOURCE_SELECT } from "../oidc-claims";
import type { Params } from "../params";
import { verifierMatches } from "../pkce";
import { checkResources, scopeForResources } from "../resources";
import { revokeTokenGrant } from "../revocation";
import { createRefreshToken, splitScope, tokenDigest, type TokenResponseBody } from "../tokens";
import { userTokenResponse } from "./user-token-response";

const invalidGrant = (why: string) => new OAuthError("invalid_grant", why);

export async function authorizationCodeGrant(client: AuthenticatedClient, params: Params, dpop?: DpopBinding): Promise<TokenResponseBody> {
  const code = params.get("code");
  if (!code) throw new OAuthError("invalid_request", "The parameter code is missing.");
  const redirectUri = params.get("redirect_uri");
  const verifier = params.get("code_verifier");
  const now = new Date();

  const row = code.length <= 200 ? await db().authorizationCode.findUnique({ where: { codeDigest: tokenDigest(code) } }) : null;
  if (!row) throw invalidGrant("The authorization code is invalid.");
  if (row.appId !== client.appId) throw invalidGrant("The authorization code was issued to another client.");
  if (row.consumedAt) {
    if (row.tokenGrantId) await revokeTokenGrant(db(), row.tokenGrantId, "code_reused", now);
    throw invalidGrant("The authorization code was already used; the tokens it issued are revoked.");
  }
  if (row.expiresAt.getTime() <= now.getTime()) throw invalidGrant("The authorization code has expired.");
  if (row.redirectUriGiven) {
    if (redirectUri !== row.redirectUri) throw invalidGrant("redirect_uri must be the one of the authorization request.");
  } else if (redirectUri !== undefined && redirectUri !== row.redirectUri) {
    throw invalidGrant("redirect_uri does not match the registered Redirect URL.");
  }
  if (row.codeChallenge) {
    if (!verifier || !verifierMatches(verifier, row.codeChallenge)) throw invalidGrant("The PKCE code_verifier is missing or wrong.");
  } else if (verifier) {
    throw invalidGrant("No code_challenge was sent with the authorization request, so no code_verifier is expected.");
  }

  const user = await db().user.findUnique({ where: { id: row.userId }, select: { status: true, ...CLAIM_SOURCE_SELECT } });
  if (!user || user.status !== "ACTIVE") throw invalidGrant("The person who authorized the app can no longer do so.");
  const consent = await db().consentGrant.findUnique({ where: { userId_appId: { userId: row.userId, appId: row.appId } } });
  if (!consent || consent.revokedAt) throw invalidGrant("The authorization was withdrawn.");

  // RFC 8707: the resources of the authorization request (or one of them, named again here) are the
  // token's audience, and the scope narrows to them.
  const asked = (row.resource ?? "").split(" ").filter(Boolean);
  const named = params.get("resource");
  if (named && asked.length && !asked.includes(named))
    throw new OAuthError("invalid_target", "The resource was not part of the authorization request.");
  const resources = named ? [named] : asked;
  const problem = checkResources(resources, client);
  if (problem) throw new OAuthError("invalid_target", problem);
  const scope = scopeForResources(splitScope(row.scope), resources);
  const withRefresh = client.grantTypes.includes("refresh_token");
  const issued = await db().$transaction(async (tx) => {
    const { count } = await tx.authorizationCode.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: now } });
    if (count !== 1) return null;
    const grant = await tx.tokenGrant.create({
      data: {
        id: newId("grant"),
        appId: client.appId,
        userId: row.userId,
        consentGrantId: consent.id,
        kind: "authorization_code",
        scope: row.scope,
      },
    });
    await tx.authorizationCode.update({ where: { id: row.id }, data: { tokenGrantId: grant.id } });
    const refresh = withRefresh
      ? await createRefreshToken(tx, { appId: client.appId, tokenGrantId: grant.id, scope, now, jkt: refreshBinding(client, dpop) })
      : undefined;
    return { grantId: grant.id, refreshToken: refresh };
  });
  if (!issued) {
    // Another redemption won the race: this is a second presentation of the code.
    const again = await db().authorizationCode.findUnique({ where: { id: row.id }, select: { tokenGrantId: true } });
    if (again?.tokenGrantId) await revokeTokenGrant(db(), again.tokenGrantId, "code_reused", now);
    throw invalidGrant("The authorization code was already used; the tokens it issued are revoked.");
  }
  return userTokenResponse({
    client,
    user,
    subject: row.userId,
    scope,
    resources,
    grantId: issued.grantId,
    refreshToken: issued.refreshToken,
    dpop,
    authTime: row.authTime,
    nonce: row.nonce,
  });
}
