import "server-only";
// What the token service hands out: signed JWT access tokens (RFC 9068 profile) and opaque refresh
// tokens and authorization codes, of which only HMAC digests are stored.
import { type KeyObject, randomUUID, sign as nodeSign } from "node:crypto";
import type { DbOrTx } from "../db";
import { newId, randomBase62 } from "../ids";
import { andThen, type MaybePromise } from "../runtime/maybe-sync";
import { tokenDigest } from "../security/crypto";
import { ACCESS_TOKEN_TTL_SECONDS, apiAudience, issuer, REFRESH_TOKEN_TTL_SECONDS, SIGNING_ALG, TOKEN_PREFIX } from "./config";
import { signingKey } from "./keys";

/** Claim naming the TokenGrant an access token belongs to: revoking the grant revokes the token. */
export const GRANT_CLAIM = "gid";

export interface AccessTokenInput {
  clientId: string;
  /** The user id for user grants, the client id for client_credentials. */
  subject: string;
  scope: string[];
  grantId?: string;
  /** RFC 8707: the audience (per-API resources); the platform audience when absent. */
  audience?: string | string[];
  /** RFC 9449: the DPoP key thumbprint the token is bound to (cnf.jkt). */
  jkt?: string;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresAt: number; // seconds since the epoch
}

const headerCache = new Map<string, string>(); // memo: encoded JWT headers per key id, same in every copy

/**
 * JWS compact serialization (RFC 7515) of a JSON payload, ES256. The keys are made, exported and
 * published with jose, and every consumer verifies with jose (lib/oauth/verify-access-token) or any
 * JOSE library; the signature itself is computed with node:crypto's synchronous ECDSA (IEEE P1363
 * r||s, as JWS requires), about three times cheaper than jose's WebCrypto path on the token
 * endpoint's hot path (see bench/token-endpoint.ts). lib/oauth/tokens.test.ts checks jose accepts it.
 */
export function signCompactJwt(
  header: { alg: typeof SIGNING_ALG; typ: string; kid: string },
  payload: Record<string, unknown>,
  key: KeyObject,
): string {
  const cacheKey = `${header.typ}.${header.kid}`;
  let encodedHeader = headerCache.get(cacheKey);
  if (!encodedHeader) {
    encodedHeader = Buffer.from(JSON.stringify(header)).toString("base64url");
    if (headerCache.size > 100) headerCache.clear();
    headerCache.set(cacheKey, encodedHeader);
  }
  const signingInput = `${encodedHeader}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  const signature = nodeSign("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** Signs an access token: at once (no promise) while the signing key is cached (lib/oauth/keys.ts). */
export function signAccessToken(input: AccessTokenInput, nowMs = Date.now()): MaybePromise<IssuedAccessToken> {
  return andThen(signingKey(), (signer) => signAccessTokenWith(signer, input, nowMs));
}

function signAccessTokenWith(signer: { kid: string; key: KeyObject }, input: AccessTokenInput, nowMs: number): IssuedAccessToken {
  const { kid, key } = signer;
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
  const jti = randomUUID();
  // RFC 9068 section 2.2: iss, exp, aud, sub, client_id, iat, jti (+ scope); gid names the grant.
  const payload: Record<string, unknown> = {
    iss: issuer(),
    sub: input.subject,
    aud: input.audience ?? apiAudience(),
    client_id: input.clientId,
    exp,
    iat,
    jti,
    scope: input.scope.join(" "),
  };
  if (input.grantId) payload[GRANT_CLAIM] = input.grantId;
  if (input.jkt) payload.cnf = { jkt: input.jkt };
  return { token: signCompactJwt({ alg: SIGNING_ALG, typ: "at+jwt", kid }, payload, key), jti, expiresAt: exp };
}

export { tokenDigest };

export function newAuthorizationCode(): string {
  return TOKEN_PREFIX.code + randomBase62(32);
}

export function newRefreshTokenValue(): string {
  return TOKEN_PREFIX.refresh + randomBase62(40);
}

/** Stores a new refresh token of a grant and returns its value. */
export async function createRefreshToken(
  tx: DbOrTx,
  opts: { appId: string; tokenGrantId: string; scope: string[]; expiresAt?: Date; now?: Date; jkt?: string | null },
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
      jkt: opts.jkt ?? null,
      expiresAt: opts.expiresAt ?? new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    },
  });
  return value;
}

export interface TokenResponseBody {
  access_token: string;
  token_type: "Bearer" | "DPoP";
  id_token?: string;
  expires_in: number;
  scope?: string;
  refresh_token?: string;
}

export function tokenResponseBody(
  access: IssuedAccessToken,
  scope: string[],
  refreshToken?: string,
  tokenType: "Bearer" | "DPoP" = "Bearer",
): TokenResponseBody {
  return {
    access_token: access.token,
    token_type: tokenType,
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
