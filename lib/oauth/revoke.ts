import "server-only";
// Revocation (RFC 7009). The client authenticates; a token it does not own, an unknown or an
// already-invalid token all answer 200 with nothing done (so the answer tells nothing about other
// apps' tokens). A refresh token revokes its whole grant (its access tokens stop working too); an
// access token goes on the jti revocation list.
import { db } from "../db";
import { clientEndpoint, webHandler } from "./client-endpoint";
import { TOKEN_PREFIX } from "./config";
import { OAuthError, oauthJson } from "./errors";
import { required } from "./params";
import { revokeAccessTokenJti, revokeTokenGrant } from "./revocation";
import { tokenDigest } from "./tokens";
import { InvalidAccessToken, verifyAccessTokenSignature } from "./verify-access-token";

/** Revokes the token when it belongs to the client. Returns what was revoked (for tests and audit). */
export async function revokeToken(
  client: { appId: string; clientId: string },
  token: string,
): Promise<"refresh_token" | "access_token" | null> {
  if (token.startsWith(TOKEN_PREFIX.refresh)) {
    const row = await db().refreshToken.findUnique({
      where: { tokenDigest: tokenDigest(token) },
      select: { appId: true, tokenGrantId: true },
    });
    if (!row || row.appId !== client.appId) return null;
    await db().$transaction((tx) => revokeTokenGrant(tx, row.tokenGrantId, "revoked_by_client"));
    return "refresh_token";
  }
  try {
    const claims = await verifyAccessTokenSignature(token);
    if (claims.clientId !== client.clientId) return null;
    await revokeAccessTokenJti(claims.jti, client.appId, new Date(claims.expiresAt * 1000));
    return "access_token";
  } catch (error) {
    if (error instanceof InvalidAccessToken) return null; // expired, malformed or not ours: nothing to do
    throw error;
  }
}

/** RFC 7009, transport-neutral. */
export const processRevocationRequest = clientEndpoint("revoke", async ({ client, params }) => {
  const token = required(params, "token");
  // token_type_hint is only a hint: the token's own shape says what it is, so any hint is accepted.
  if (token.length > 4096) throw new OAuthError("invalid_request", "The token is too long.");
  await revokeToken(client, token);
  return oauthJson({}, 200);
});

export const handleRevocationRequest = webHandler(processRevocationRequest);
