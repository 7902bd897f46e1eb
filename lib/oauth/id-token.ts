import "server-only";
// OpenID Connect ID tokens (Core 2, 3.1.3.6): ES256 JWTs signed with the same keys the JWKS publishes.
// iss, sub (the person's stable user id), aud (the client id), exp, iat, auth_time, nonce, and at_hash
// when an access token comes with it (left half of its SHA-256, base64url). c_hash is only for hybrid
// flows, which the console does not offer. Profile and email claims come from userinfo.
import { createHash } from "node:crypto";
import { ACCESS_TOKEN_TTL_SECONDS, SIGNING_ALG, issuer } from "./config";
import { cachedSigningKey, signingKey } from "./keys";
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
  nowMs?: number;
}): Promise<string> {
  const { kid, key } = cachedSigningKey() ?? (await signingKey());
  const iat = Math.floor((input.nowMs ?? Date.now()) / 1000);
  const payload: Record<string, unknown> = {
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
