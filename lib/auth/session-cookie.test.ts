// The session cookie reader against cookies made by Auth.js's own encoder (next-auth/jwt, the code that
// writes the cookie at sign-in): what Auth.js accepts, it reads; what it would refuse, it refuses.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, sessionCookieName } from "./session-cookie";

const SECRET = "a-session-secret-of-the-test-0123456789abcdef";
const NAME = sessionCookieName(false);
const now = () => Math.floor(Date.now() / 1000);
const claims = { name: "Ada", email: "ada@example.com", sub: "user_1", sid: "session_1", authTime: now() };

describe("decodeSessionToken", () => {
  it("reads a cookie Auth.js wrote, on http and on https (the cookie name is the key's salt)", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: 3600 });
    expect(decodeSessionToken(token, SECRET, NAME)).toEqual({ userId: "user_1", sessionId: "session_1", authTime: claims.authTime });
    const secureName = sessionCookieName(true);
    expect(secureName).toBe("__Secure-authjs.session-token");
    const secure = await encode({ token: claims, secret: SECRET, salt: secureName, maxAge: 3600 });
    expect(decodeSessionToken(secure, SECRET, secureName)).toMatchObject({ userId: "user_1" });
    // A cookie is bound to its name: the http cookie's value does not open under the https name.
    expect(decodeSessionToken(token, SECRET, secureName)).toBeNull();
  });

  it("refuses another secret, a changed byte, an expired cookie and one without a session id or sign-in time", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: 3600 });
    expect(decodeSessionToken(token, `${SECRET}x`, NAME)).toBeNull();
    const parts = token.split(".");
    const ct = parts[3]!;
    parts[3] = (ct[0] === "A" ? "B" : "A") + ct.slice(1);
    expect(decodeSessionToken(parts.join("."), SECRET, NAME)).toBeNull();
    const expired = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: -60 });
    expect(decodeSessionToken(expired, SECRET, NAME)).toBeNull();
    const { sid: _sid, ...noSession } = claims;
    expect(decodeSessionToken(await encode({ token: noSession, secret: SECRET, salt: NAME }), SECRET, NAME)).toBeNull();
    const { authTime: _authTime, ...noTime } = claims;
    expect(decodeSessionToken(await encode({ token: noTime, secret: SECRET, salt: NAME }), SECRET, NAME)).toBeNull();
    expect(decodeSessionToken("not-a-jwe", SECRET, NAME)).toBeNull();
    // Not valid before an hour from now; a tag cut short; the encrypted-key part filled in.
    const later = await encode({ token: { ...claims, nbf: now() + 3600 }, secret: SECRET, salt: NAME, maxAge: 7200 });
    expect(decodeSessionToken(later, SECRET, NAME)).toBeNull();
    const cut = token.split(".");
    cut[4] = cut[4]!.slice(0, 20);
    expect(decodeSessionToken(cut.join("."), SECRET, NAME)).toBeNull();
    const keyed = token.split(".");
    keyed[1] = "AAAA";
    expect(decodeSessionToken(keyed.join("."), SECRET, NAME)).toBeNull();
  });

  it("accepts a cookie within Auth.js's 15 s clock tolerance after its expiry", async () => {
    const justExpired = await encode({ token: claims, secret: SECRET, salt: NAME, maxAge: -5 });
    expect(decodeSessionToken(justExpired, SECRET, NAME)).toMatchObject({ sessionId: "session_1" });
  });
});
