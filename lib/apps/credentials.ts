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

/**
 * Other checksummed tokens of the console, built like client secrets (prefix + 32 base62 + 6-character
 * CRC32 checksum): personal access tokens `apcp_`, initial access tokens `apci_`, registration access
 * tokens `apcr_` (dynamic client registration), SCIM tokens `apcv_` (provisioning; never `apcs_`, which
 * secret scanners report as a client secret).
 */
export const TOKEN_PREFIXES = { personal: "apcp_", initialAccess: "apci_", registrationAccess: "apcr_", scim: "apcv_" } as const;
export type TokenKind = keyof typeof TOKEN_PREFIXES;

export function generateChecksummedToken(kind: TokenKind): string {
  const body = randomBase62(SECRET_BODY);
  return TOKEN_PREFIXES[kind] + body + secretChecksum(body);
}

/** True when the value has the token kind's prefix, shape and a matching checksum. */
export function isWellFormedToken(kind: TokenKind, value: string): boolean {
  const prefix = TOKEN_PREFIXES[kind];
  if (typeof value !== "string" || !value.startsWith(prefix) || value.length !== prefix.length + SECRET_BODY + CHECKSUM) return false;
  const body = value.slice(prefix.length, prefix.length + SECRET_BODY);
  const sum = value.slice(prefix.length + SECRET_BODY);
  return /^[0-9A-Za-z]+$/.test(body + sum) && secretChecksum(body) === sum;
}
