import "server-only";
// Reads the console's session cookie on every signed-in request (lib/server/session.ts getViewer). The
// cookie is Auth.js's JWT session (@auth/core/jwt): a JWE, `dir` + A256CBC-HS512, under a 64-byte key
// HKDF-derived from the session secret and salted with the cookie's name. Auth.js's own `auth()` runs its
// whole session action for that: it derives the key twice, hashes a key thumbprint twice, decrypts the
// cookie, then encrypts a fresh one (which a server component cannot set) and round-trips the session as
// JSON. Here the key is derived once per cookie name and the cookie is only decrypted and checked, with
// node:crypto directly: jose's Web Crypto path takes six asynchronous Web Crypto calls per cookie (two key
// imports, the tag, a freshly generated HMAC key and two more calls to compare it, the decryption), about
// 4 % of a signed-in page's server CPU (docs/performance.md); here it is one HMAC and one decipher.
// Signing in and out stay Auth.js's (lib/auth/index.ts, configured with the same `sessionSecret()`), so
// the format is theirs; lib/auth/session-cookie.test.ts decodes cookies made by Auth.js's own `encode`.
import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "../env";
import { deriveKey } from "../security/crypto";

/** What getViewer needs of the session: who, which server-side Session row, and when the password was proven. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
  authTime: number;
}

/** The secret Auth.js encrypts the session cookie under (lib/auth/index.ts) and this module decrypts with. */
export function sessionSecret(): string {
  return deriveKey("auth-session").toString("base64url");
}

/** Auth.js's session cookie name (lib/auth: useSecureCookies follows CONSOLE_URL's scheme). */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-authjs.session-token" : "authjs.session-token";
}

const keys = new Map<string, { mac: Buffer; enc: Buffer }>(); // memo: per secret and cookie name (two entries at most)

/** @auth/core/jwt getDerivedEncryptionKey for A256CBC-HS512, computed once: its MAC half and its AES half. */
function encryptionKey(secret: string, salt: string): { mac: Buffer; enc: Buffer } {
  const memo = `${salt}\u0000${secret}`;
  let key = keys.get(memo);
  if (!key) {
    const derived = Buffer.from(
      hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(salt, "utf8"), `Auth.js Generated Encryption Key (${salt})`, 64),
    );
    key = { mac: derived.subarray(0, 32), enc: derived.subarray(32) };
    keys.set(memo, key);
  }
  return key;
}

const CLOCK_TOLERANCE_S = 15; // Auth.js's

/**
 * The payload of a compact JWE with `alg: dir`, `enc: A256CBC-HS512` (RFC 7516, RFC 7518 §5.2.5), or null:
 * the tag (the first half of HMAC-SHA-512 over the protected header, IV, ciphertext and the header's
 * length in bits) compared in constant time before anything is decrypted.
 */
function openJwe(token: string, key: { mac: Buffer; enc: Buffer }): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  const [header64, , iv64, ciphertext64, tag64] = parts as [string, string, string, string, string];
  const header = JSON.parse(Buffer.from(header64, "base64url").toString("utf8")) as Record<string, unknown> | null;
  if (!header || header.alg !== "dir" || header.enc !== "A256CBC-HS512" || "zip" in header || "crit" in header) return null;
  const iv = Buffer.from(iv64, "base64url");
  const ciphertext = Buffer.from(ciphertext64, "base64url");
  const tag = Buffer.from(tag64, "base64url");
  if (iv.length !== 16 || tag.length !== 32) return null;
  const aad = Buffer.from(header64, "ascii");
  const aadBits = Buffer.alloc(8);
  aadBits.writeBigUInt64BE(BigInt(aad.length * 8));
  const expected = createHmac("sha512", key.mac).update(aad).update(iv).update(ciphertext).update(aadBits).digest().subarray(0, 32);
  if (!timingSafeEqual(expected, tag)) return null;
  const decipher = createDecipheriv("aes-256-cbc", key.enc, iv);
  const payload = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8")) as unknown;
  return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
}

/**
 * The claims of a session token, or null when it is not one of ours: wrong key, tampered, expired or
 * not yet valid (15 s of clock tolerance, as Auth.js), or without a user, session id or sign-in time.
 */
export function decodeSessionToken(token: string, secret: string, cookieName: string): SessionClaims | null {
  try {
    const payload = openJwe(token, encryptionKey(secret, cookieName));
    if (!payload) return null;
    const now = Math.floor(Date.now() / 1000);
    const { sub, sid, authTime, exp, nbf } = payload as { sub?: unknown; sid?: unknown; authTime?: unknown; exp?: unknown; nbf?: unknown };
    if (typeof exp !== "number" || exp <= now - CLOCK_TOLERANCE_S) return null;
    if (nbf !== undefined && (typeof nbf !== "number" || nbf > now + CLOCK_TOLERANCE_S)) return null;
    if (typeof sub !== "string" || typeof sid !== "string" || typeof authTime !== "number" || authTime <= 0) return null;
    return { userId: sub, sessionId: sid, authTime };
  } catch {
    return null;
  }
}

/** The cookie's value: whole, or (as Auth.js writes one over 4 KB) its chunks `<name>.0`, `<name>.1`, … joined. */
function cookieValue(all: { name: string; value: string }[], name: string): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

/** The current request's session claims (Next.js request scope), or null when signed out or not valid. */
export async function readSessionCookie(): Promise<SessionClaims | null> {
  const name = sessionCookieName(env().secureCookies);
  const value = cookieValue((await cookies()).getAll(), name);
  if (!value) return null;
  return decodeSessionToken(value, sessionSecret(), name);
}
