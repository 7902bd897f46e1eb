// A signed-in session without the sign-in form, made the way sign-in makes it: a server-side Session
// row (lib/users/sessions.ts) and the Auth.js session cookie — a JWT encrypted under the key derived
// from the master key (lib/auth) — naming it by `sid`, with `authTime` now (or `authAgeSeconds` ago).
import { encode } from "next-auth/jwt";
import { newId } from "../../lib/ids";
import type { TestDb } from "./client";
import { keyFor } from "./keys";

/** The cookie's name on http:// (the suites' servers); https:// adds the __Secure- prefix. */
export const SESSION_COOKIE = "authjs.session-token";

export async function makeSession(
  db: TestDb,
  userId: string,
  opts: { maxAgeSeconds?: number; authAgeSeconds?: number } = {},
): Promise<{ sessionId: string; name: string; value: string }> {
  const maxAge = opts.maxAgeSeconds ?? 8 * 3600;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true, email: true } });
  const sessionId = newId("session");
  await db.session.create({
    data: { id: sessionId, userId, ip: "127.0.0.1", userAgent: "test fixture", expiresAt: new Date(Date.now() + maxAge * 1000) },
  });
  const now = Math.floor(Date.now() / 1000);
  // authAgeSeconds: a session whose password was typed that long ago (a stale session).
  const authTime = now - (opts.authAgeSeconds ?? 0);
  const value = await encode({
    token: { name: user.name, email: user.email, sub: userId, authTime, iat: now, sid: sessionId },
    secret: keyFor("auth-session").toString("base64url"),
    salt: SESSION_COOKIE,
    maxAge,
  });
  return { sessionId, name: SESSION_COOKIE, value };
}
