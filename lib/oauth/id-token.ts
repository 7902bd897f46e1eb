import "server-only";
// OpenID Connect ID tokens (Core 2, 3.1.3.6): ES256 JWTs signed with the same keys the JWKS publishes.
// iss, sub (the person's stable user id), aud (the client id), exp, iat, auth_time, nonce, and at_hash
// when an access token comes with it (left half of its SHA-256, base64url), plus the claims of the
// granted profile/email scopes (oidc-claims.ts claimsFor, the same as userinfo: email_verified included).
// c_hash is REQUIRED only when an id_token comes from the authorization endpoint together with a code
// (hybrid flows "code id_token", "code id_token token"; Core 3.3.2.11). The console offers only
// response_type "code" and "token" (metadata response_types_supported; anything else is
// unsupported_response_type), so its id_tokens come from the token endpoint only, where c_hash is not
// defined; `code` stays an input so a future hybrid flow sets it in one place.
import { createHash } from "node:crypto";
import { ACCESS_TOKEN_TTL_SECONDS, issuer, SIGNING_ALG } from "./config";
import { signingKey } from "./keys";
import { signCompactJwt } from "./tokens";

/** at_hash / c_hash: base64url of the left-most half of the SHA-256 of the value (ES256 → SHA-256). */
export function halfHash(value: string): string {
  return createHash("sha256").update(value, "ascii").digest().subarray(0, 16).toString("base64url");
}

export async function signIdToken(input: {
  clientId: string;
  subject: string;
  authTime?: Date | null;
  nonce?: string | null;
  accessToken?: string;
  code?: string;
  /** Claims of the profile/email scopes (claimsFor); sub here is ignored in favour of subject. */
  claims?: Record<string, string | number | boolean>;
  nowMs?: number;
}): Promise<string> {
  const { kid, key } = await signingKey();
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const payload: Record<string, unknown> = {
    ...input.claims,
    iss: issuer(),
    sub: input.subject,
    aud: input.clientId,
    azp: input.clientId,
    exp: iat + ACCESS_TOKEN_TTL_SECONDS,
    iat,
  };
  if (input.authTime) payload.auth_time = Math.floor(input.authTime.getTime() / 1000);
  if (input.nonce) payload.nonce = input.nonce;
  if (input.accessToken) payload.at_hash = halfHash(input.accessToken);
  if (input.code) payload.c_hash = halfHash(input.code);
  return signCompactJwt({ alg: SIGNING_ALG, typ: "JWT", kid }, payload, key);
}
