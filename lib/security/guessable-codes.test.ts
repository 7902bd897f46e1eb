// Every guessable code is limited through the one limiter: user codes at /device (per session, per
// address and per code; past the limit the right code waits too, longer after each further wrong code),
// the device's polling (slow_down grows its interval by 5 s) and links from mail (per address).
// Second-factor codes: lib/security/two-factor/two-factor.test.ts.
import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, unique } from "../../tests/factories/constants";
import { catalog } from "../../tests/factories/domain";
import { makeOAuthApp } from "../../tests/factories/oauth";
import { tokenMailedTo } from "../../tests/mail";
import { db } from "../db";
import { newId } from "../ids";
import { LIMITS } from "../limiter";
import { lookUpUserCode, processDeviceAuthorizationRequest } from "../oauth/device";
import { fromWebRequest } from "../oauth/params";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { signUp } from "../users/accounts";
import { verifyEmail } from "../users/verification";

const DEVICE = "urn:ietf:params:oauth:grant-type:device_code";

beforeAll(catalog);

async function pendingDevice(userCode: string) {
  const app = await makeOAuthApp(db(), { grantTypes: [DEVICE], redirectUri: null, settings: { kind: "device", clientType: "public" } });
  return db().deviceAuthorization.create({
    data: {
      id: newId("device"),
      deviceCodeDigest: unique("digest"),
      userCode,
      appId: app.appId,
      scope: "hello",
      expiresAt: new Date(Date.now() + 600_000),
    },
  });
}

/** A user code nobody holds: eight letters of the alphabet, different from `not`. */
function wrong(i: number, not: string): string {
  const letters = "BCDFGHJKLMNPQRSTVWXZ";
  const code = `ZZ${letters[i % 20]}${letters[Math.floor(i / 20) % 20]}ZZZZ`;
  return code === not ? "ZZZZZZZB" : code;
}

describe("user codes at /device", () => {
  it("a session gets 30 wrong codes a minute; the 31st look-up, and then the right code, wait", async () => {
    const right = Array.from({ length: 8 }, () => "BCDFGHJKLMNPQRSTVWX"[randomInt(19)]).join("");
    await pendingDevice(right);
    const who = { sessionId: unique("ses"), ip: `203.0.113.${Math.floor(Math.random() * 200) + 1}` };
    expect(LIMITS.deviceCodeGuessesPerSession.limit).toBe(30);
    for (let i = 0; i < 30; i++) expect(await lookUpUserCode(wrong(i, right), who)).toEqual({ pending: null, retryAfterSeconds: 0 });
    const refused = await lookUpUserCode(wrong(30, right), who);
    expect(refused.pending).toBeNull();
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    const rightNow = await lookUpUserCode(right, who);
    expect(rightNow.pending).toBeNull();
    expect(rightNow.retryAfterSeconds).toBeGreaterThan(0);
    // Another session from another address finds it; a right code costs nothing.
    const other = { sessionId: unique("ses"), ip: "198.51.100.200" };
    const found = await lookUpUserCode(right, other);
    expect(found.pending?.userCode).toBe(right);
    expect((await lookUpUserCode(`${right.slice(0, 4)}-${right.slice(4)}`.toLowerCase(), other)).pending?.userCode).toBe(right);
  });

  it("an address gets 100 wrong codes a minute, however many sessions it uses", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < LIMITS.deviceCodeGuessesPerAddress.limit; i++) {
      await lookUpUserCode(wrong(i, ""), { sessionId: `ses-${i % 10}-${unique("s")}`, ip });
    }
    expect((await lookUpUserCode(wrong(0, ""), { sessionId: unique("fresh"), ip })).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("the wait grows", () => {
  /** Ends a lock now, as if its time had passed (the database store: no REDIS_URL in these tests). */
  const endLock = (key: string) => db().throttleBucket.update({ where: { key }, data: { lockedUntil: new Date(Date.now() - 1000) } });

  it("after the session's first wait, the next wrong code makes it wait twice as long, the right code included", async () => {
    const right = Array.from({ length: 8 }, () => "BCDFGHJKLMNPQRSTVWX"[randomInt(19)]).join("");
    await pendingDevice(right);
    const who = { sessionId: unique("ses"), ip: `203.0.113.${Math.floor(Math.random() * 200) + 1}` };
    for (let i = 0; i < 30; i++) await lookUpUserCode(wrong(i + 40, right), who);
    const first = await lookUpUserCode(right, who);
    expect(first).toMatchObject({ pending: null, locked: "guesser" });
    expect(first.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.deviceCodeGuessesPerSession.lockSeconds);
    await endLock(`lk:deviceCodeGuessesPerSession:device:session:${who.sessionId}`);
    expect(await lookUpUserCode(wrong(80, right), who)).toEqual({ pending: null, retryAfterSeconds: 0 });
    const second = await lookUpUserCode(right, who);
    expect(second).toMatchObject({ pending: null, locked: "guesser" });
    expect(second.retryAfterSeconds).toBeGreaterThan(LIMITS.deviceCodeGuessesPerSession.lockSeconds);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(2 * LIMITS.deviceCodeGuessesPerSession.lockSeconds);
    await endLock(`lk:deviceCodeGuessesPerSession:device:session:${who.sessionId}`);
    expect((await lookUpUserCode(right, who)).pending?.userCode).toBe(right);
  });

  it("a code locks after 5 wrong codes sharing half of it, from anyone; other codes are not held up", async () => {
    const right = "QRSTVWXZ";
    const other = "QRSTBCDF";
    await db().deviceAuthorization.deleteMany({ where: { userCode: { in: [right, other] } } });
    const device = await pendingDevice(right);
    expect(LIMITS.deviceCodeNearMisses.limit).toBe(5);
    // Five people, each once: the first half matches, the second does not.
    for (const tail of ["BBBB", "CCCC", "DDDD", "FFFF", "GGGG"]) {
      expect(await lookUpUserCode(`QRST-${tail}`, { sessionId: unique("ses"), ip: "198.51.100.60" })).toEqual({
        pending: null,
        retryAfterSeconds: 0,
      });
    }
    const locked = await lookUpUserCode("qrst-vwxz", { sessionId: unique("owner"), ip: "198.51.100.61" });
    expect(locked).toMatchObject({ pending: null, locked: "code" });
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.deviceCodeNearMisses.lockSeconds);
    // A code made after those tries is not locked (its own count starts at zero).
    await pendingDevice(other);
    expect((await lookUpUserCode(other, { sessionId: unique("ses"), ip: "198.51.100.62" })).pending?.userCode).toBe(other);
    await endLock(`lk:deviceCodeNearMisses:device:code:${device.id}`);
    expect((await lookUpUserCode(right, { sessionId: unique("owner"), ip: "198.51.100.61" })).pending?.userCode).toBe(right);
  });
});

describe("polling (RFC 8628 3.5)", () => {
  const poll = async (clientId: string, deviceCode: string) => {
    const res = await handleTokenRequest(
      new Request("http://localhost/oauth2/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: DEVICE, device_code: deviceCode, client_id: clientId }).toString(),
      }),
    );
    return (await res.json()) as { error: string; error_description: string };
  };

  it("slow_down: a poll faster than the interval grows it by 5 s for every later poll; two polls at once, one is too soon", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: [DEVICE], redirectUri: null, settings: { kind: "device", clientType: "public" } });
    const started = await processDeviceAuthorizationRequest(
      await fromWebRequest(
        new Request("http://localhost/oauth2/device_authorization", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ client_id: app.clientId, scope: "hello" }).toString(),
        }),
      ),
    );
    const { device_code, interval } = JSON.parse(String(started.body)) as { device_code: string; interval: number };
    expect(interval).toBe(5);
    const row = () => db().deviceAuthorization.findFirstOrThrow({ where: { appId: app.appId } });
    /** As if the last poll was `seconds` ago. */
    const lastPollAgo = async (seconds: number) =>
      db().deviceAuthorization.update({ where: { id: (await row()).id }, data: { lastPolledAt: new Date(Date.now() - seconds * 1000) } });

    expect((await poll(app.clientId, device_code)).error).toBe("authorization_pending");
    expect(await poll(app.clientId, device_code)).toEqual({ error: "slow_down", error_description: "Poll at most every 10 seconds." });
    expect((await row()).intervalSeconds).toBe(10);
    // 7 s later: enough for the first interval, not for the grown one.
    await lastPollAgo(7);
    expect(await poll(app.clientId, device_code)).toEqual({ error: "slow_down", error_description: "Poll at most every 15 seconds." });
    await lastPollAgo(16);
    expect((await poll(app.clientId, device_code)).error).toBe("authorization_pending");
    expect((await row()).intervalSeconds).toBe(15);
    // Two polls at once (as from two instances): one is the other's "too soon".
    await lastPollAgo(20);
    const both = await Promise.all([poll(app.clientId, device_code), poll(app.clientId, device_code)]);
    expect(both.map((r) => r.error).sort()).toEqual(["authorization_pending", "slow_down"]);
    expect((await row()).intervalSeconds).toBe(20);
  });
});

describe("links from mail", () => {
  it("an address gets 20 wrong links in 10 minutes; then the right link waits too", async () => {
    const ctx = { ip: "198.51.100.99", userAgent: "vitest" };
    const address = `${unique("links")}@example.com`;
    await signUp({ name: "Link Guesser", email: address, password: PASSWORD }, { ip: "198.51.100.98", userAgent: "vitest" });
    const token = await tokenMailedTo(address, "verify_email");
    for (let i = 0; i < LIMITS.accountLinkGuesses.limit; i++) {
      expect(await verifyEmail(`apv_${unique("wrong")}`, ctx)).toMatchObject({ ok: false, message: expect.stringContaining("invalid") });
    }
    const waiting = await verifyEmail(token, ctx);
    expect(waiting).toMatchObject({ ok: false, message: expect.stringContaining("Too many links") });
    expect((await db().user.findUniqueOrThrow({ where: { email: address } })).emailVerifiedAt).toBeNull();
    // From another address the link still works (once).
    expect(await verifyEmail(token, { ip: "198.51.100.100", userAgent: "vitest" })).toMatchObject({ ok: true, email: address });
  });
});
