import "server-only";
// Reads the console's session cookie on every signed-in request (lib/server/session.ts getViewer). The
// cookie is Auth.js's JWT session (@auth/core/jwt): a JWE, `dir` + A256CBC-HS512, under a 64-byte key
// HKDF-derived from the session secret and salted with the cookie's name. Auth.js's own `auth()` runs its
// whole session action for that: it derives the key twice, hashes a key thumbprint twice, decrypts the
// cookie, then encrypts a fresh one (which a server component cannot set) and round-trips the session as
// JSON. Here the key is derived once per cookie name and the cookie is only decrypted and checked: a few
// per cent of a signed-in page's server CPU (0.1–2 ms of 11–16 ms, docs/performance.md). Signing in and
// out stay Auth.js's (lib/auth/index.ts, configured with the same `sessionSecret()`), so the format is
// theirs; lib/auth/session-cookie.test.ts decodes cookies made by Auth.js's own `encode`.
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
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

const keys = new Map<string, Uint8Array>(); // memo: derived key per secret and cookie name (two entries at most)

/** @auth/core/jwt getDerivedEncryptionKey for A256CBC-HS512, computed once. */
function encryptionKey(secret: string, salt: string): Uint8Array {
  const memo = `${salt}\u0000${secret}`;
  let key = keys.get(memo);
  if (!key) {
    key = new Uint8Array(
      hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(salt, "utf8"), `Auth.js Generated Encryption Key (${salt})`, 64),
    );
    keys.set(memo, key);
  }
  return key;
}

/**
 * The claims of a session token, or null when it is not one of ours: wrong key, tampered, expired
 * (15 s of clock tolerance, as Auth.js), or without a user, session id or sign-in time.
 */
export async function decodeSessionToken(token: string, secret: string, cookieName: string): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtDecrypt(token, encryptionKey(secret, cookieName), {
      clockTolerance: 15,
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256CBC-HS512"],
    });
    const { sub, sid, authTime } = payload as { sub?: unknown; sid?: unknown; authTime?: unknown };
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
