// Client credentials: formats and crypto. Client ids are `apc_` + 24 base62; secrets are
// `apcs_` + 32 base62 + a 6-character base62 CRC32 checksum, so a secret scanner can tell a real
// secret from a look-alike without asking us. Secrets are stored twice: AES-256-GCM ciphertext (to
// show again) and an HMAC-SHA256 digest (to verify at the token endpoint in constant time).
import { crc32 } from "node:zlib";
import { randomBase62 } from "../ids";

export const CLIENT_ID_PREFIX = "apc_";
export const CLIENT_SECRET_PREFIX = "apcs_";
const SECRET_BODY = 32;
const CHECKSUM = 6;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62Fixed(n: number, width: number): string {
  let out = "";
  let v = n >>> 0;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}

export function secretChecksum(body: string): string {
  return base62Fixed(crc32(body), CHECKSUM);
}

export function generateClientId(): string {
  return CLIENT_ID_PREFIX + randomBase62(24);
}

export function generateClientSecret(): string {
  const body = randomBase62(SECRET_BODY);
  return CLIENT_SECRET_PREFIX + body + secretChecksum(body);
}

export function isWellFormedClientId(value: string): boolean {
  return /^apc_[0-9A-Za-z]{24}$/.test(value);
}

/** True when the value has the secret's shape and its checksum matches (no database needed). */
export function isWellFormedClientSecret(value: string): boolean {
  const m = /^apcs_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/.exec(value);
  return Boolean(m && secretChecksum(m[1]!) === m[2]);
}

export function lastFour(secret: string): string {
  return secret.slice(-4);
}
