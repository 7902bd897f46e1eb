import "server-only";
// Introspection (RFC 7662) for the calling app's own tokens. Client authentication is required. A
// token that is unknown, another app's, revoked, expired or already used (a rotated refresh token)
// answers only {"active": false}.
import { db } from "../db";
import { clientEndpoint, webHandler } from "./client-endpoint";
import { TOKEN_PREFIX } from "./config";
import { oauthJson } from "./errors";
import { required } from "./params";
import { tokenDigest } from "./tokens";
import { InvalidAccessToken, verifyAccessToken } from "./verify-access-token";

const INACTIVE = { active: false } as const;

export async function introspectToken(client: { appId: string; clientId: string }, token: string): Promise<Record<string, unknown>> {
  if (token.startsWith(TOKEN_PREFIX.refresh)) {
    const row = await db().refreshToken.findUnique({
      where: { tokenDigest: tokenDigest(token) },
      include: {
        tokenGrant: { select: { revokedAt: true, userId: true, user: { select: { email: true, status: true } } } },
        app: { select: { status: true, company: { select: { status: true } } } },
      },
    });
    const now = Date.now();
    if (
      !row ||
      row.appId !== client.appId ||
      row.revokedAt ||
      row.rotatedAt ||
      row.tokenGrant.revokedAt ||
      row.expiresAt.getTime() <= now ||
      row.app.status !== "ACTIVE" ||
      row.app.company.status !== "ACTIVE" ||
      (row.tokenGrant.userId && row.tokenGrant.user?.status !== "ACTIVE")
    ) {
      return INACTIVE;
    }
    return {
      active: true,
      token_type: "refresh_token",
      client_id: client.clientId,
      scope: row.scope,
      sub: row.tokenGrant.userId ?? client.clientId,
      ...(row.tokenGrant.user ? { username: row.tokenGrant.user.email } : {}),
      exp: Math.floor(row.expiresAt.getTime() / 1000),
      iat: Math.floor(row.createdAt.getTime() / 1000),
    };
  }
  try {
    const t = await verifyAccessToken(token);
    if (t.clientId !== client.clientId) return INACTIVE;
    return {
      active: true,
      token_type: "Bearer",
      client_id: t.clientId,
      scope: t.scope.join(" "),
      sub: t.subject,
      ...(t.username ? { username: t.username } : {}),
      exp: t.expiresAt,
      iat: t.issuedAt,
      jti: t.jti,
      aud: t.audience,
      iss: t.issuer,
    };
  } catch (error) {
    if (error instanceof InvalidAccessToken) return INACTIVE;
    throw error;
  }
}

/** RFC 7662, transport-neutral. */
export const processIntrospectionRequest = clientEndpoint("introspect", async ({ client, params }) =>
  oauthJson(await introspectToken(client, required(params, "token"))),
);

export const handleIntrospectionRequest = webHandler(processIntrospectionRequest);
