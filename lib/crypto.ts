import "server-only";
// Keys derived from one master key (CONSOLE_SECRET_KEY, or a key file the first start writes in
// DATA_DIR), AES-256-GCM for what must be shown again, HMAC-SHA256 digests for what is only verified.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { readMasterKey } from "./master-key";

export type KeyPurpose = "auth-session" | "secret-encryption" | "secret-digest" | "token-digest" | "signing-key-encryption";

const derived = new Map<KeyPurpose, Buffer>();

export function deriveKey(purpose: KeyPurpose): Buffer {
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", readMasterKey(), Buffer.alloc(0), `api-console/${purpose}/v1`, 32));
    derived.set(purpose, key);
  }
  return key;
}

/** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. `aad` binds the ciphertext to its record. */
export function encrypt(plaintext: string, purpose: KeyPurpose, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function decrypt(sealed: string, purpose: KeyPurpose, aad: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("Unrecognised ciphertext format");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(purpose), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** HMAC-SHA256 digest in base64url: what is stored for secrets, codes and refresh tokens. */
export function digest(value: string, purpose: "secret-digest" | "token-digest"): string {
  return createHmac("sha256", deriveKey(purpose)).update(value, "utf8").digest("base64url");
}

/** Constant-time comparison of two digests (or any two strings). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab); // same work either way
    return false;
  }
  return timingSafeEqual(ab, bb);
}
