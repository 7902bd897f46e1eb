import "server-only";
// Keys derived from one master key (CONSOLE_SECRET_KEY, or a key file the first start writes in
// DATA_DIR), AES-256-GCM for what must be shown again, HMAC-SHA256 digests for what is only verified.
// The pure helpers live in ./crypto-core (no master-key access) so test fixtures can reuse them.
import { decryptWith, deriveKeyFrom, digestWith, encryptWith, type KeyPurpose, safeEqual } from "./crypto-core";
import { readMasterKey } from "./master-key";

export type { KeyPurpose };
export { safeEqual };

const derived = new Map<KeyPurpose, Buffer>(); // memo: keys derived from the master key, same in every copy

export function deriveKey(purpose: KeyPurpose): Buffer {
  let key = derived.get(purpose);
  if (!key) {
    key = deriveKeyFrom(readMasterKey(), purpose);
    derived.set(purpose, key);
  }
  return key;
}

/** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. `aad` binds the ciphertext to its record. */
export function encrypt(plaintext: string, purpose: KeyPurpose, aad: string): string {
  return encryptWith(deriveKey(purpose), plaintext, aad);
}

export function decrypt(sealed: string, purpose: KeyPurpose, aad: string): string {
  return decryptWith(deriveKey(purpose), sealed, aad);
}

/** HMAC-SHA256 digest in base64url: what is stored for secrets, codes and refresh tokens. */
export function digest(value: string, purpose: "secret-digest" | "token-digest"): string {
  return digestWith(deriveKey(purpose), value);
}

/** The HMAC digest by which tokens (authorization codes, refresh tokens, mail links) are stored and looked up. */
export function tokenDigest(token: string): string {
  return digest(token, "token-digest");
}
