import "server-only";
// What the token service hands out: signed JWT access tokens (RFC 9068 profile) and opaque refresh
// tokens and authorization codes, of which only HMAC digests are stored.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { DbOrTx } from "../db";
import { digest } from "../crypto";
import { newId, randomBase62 } from "../ids";
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, SIGNING_ALG, TOKEN_PREFIX, apiAudience, issuer } from "./config";
import { signingKey } from "./keys";

/** Claim naming the TokenGrant an access token belongs to: revoking the grant revokes the token. */
export const GRANT_CLAIM = "gid";

export interface AccessTokenInput {
  clientId: string;
  /** The user id for user grants, the client id for client_credentials. */
  subject: string;
  scope: string[];
  grantId?: string;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: number; // seconds since the epoch
}

export async function signAccessToken(input: AccessTokenInput, nowMs = Date.now()): Promise<IssuedAccessToken> {
  const { kid, key } = await signingKey();
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
  const jti = randomUUID();
  const payload: Record<string, unknown> = { client_id: input.clientId, scope: input.scope.join(" ") };
  if (input.grantId) payload[GRANT_CLAIM] = input.grantId;
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: "at+jwt", kid })
    .setIssuer(issuer())
    .setSubject(input.subject)
    .setAudience(apiAudience())
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key);
  return { token, jti, expiresAt: exp };
}

export function tokenDigest(token: string): string {
  return digest(token, "token-digest");
}

export function newAuthorizationCode(): string {
  return TOKEN_PREFIX.code + randomBase62(32);
}

export function newRefreshTokenValue(): string {
  return TOKEN_PREFIX.refresh + randomBase62(40);
}

/** Stores a new refresh token of a grant and returns its value. */
export async function createRefreshToken(
  tx: DbOrTx,
  opts: { appId: string; tokenGrantId: string; scope: string[]; expiresAt?: Date; now?: Date },
): Promise<string> {
  const value = newRefreshTokenValue();
  const now = opts.now ?? new Date();
  await tx.refreshToken.create({
    data: {
      id: newId("refresh"),
      tokenDigest: tokenDigest(value),
      appId: opts.appId,
      tokenGrantId: opts.tokenGrantId,
      scope: opts.scope.join(" "),
      expiresAt: opts.expiresAt ?? new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    },
  });
  return value;
}

export interface TokenResponseBody {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}

export function tokenResponseBody(access: IssuedAccessToken, scope: string[], refreshToken?: string): TokenResponseBody {
  return {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    ...(scope.length ? { scope: scope.join(" ") } : {}),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

/** Scope strings are space-delimited (RFC 6749 3.3). */
export function splitScope(scope: string | undefined | null): string[] {
  return [...new Set((scope ?? "").split(" ").filter(Boolean))].sort();
}

/** The scope to grant: what was asked for (all of it allowed), or everything allowed when nothing was asked. Null when something asked is not allowed. */
export function resolveScope(requested: string | undefined, allowed: string[]): string[] | null {
  if (requested === undefined) return [...allowed].sort();
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/.test(requested)) return null;
  const asked = splitScope(requested);
  return asked.every((s) => allowed.includes(s)) ? asked : null;
}
