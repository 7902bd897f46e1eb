import "server-only";
// The device authorization grant (RFC 8628). A device (TV, CLI) asks /oauth2/device_authorization for
// a device code and a short user code; the person opens /device on another screen, types the code
// ("Code", "Continue"), sees the app and what it asks for, and allows or denies. Meanwhile the device
// polls the token endpoint with grant_type urn:ietf:params:oauth:grant-type:device_code and gets
// authorization_pending, slow_down (polled faster than the interval: the interval grows by 5 s),
// expired_token, access_denied, or the tokens once. Device codes are stored as digests only.
import { randomInt } from "node:crypto";
import { writeAudit } from "../audit";
import { db } from "../db";
import type { HttpAnswer } from "../http/answer";
import { newId, randomBase62 } from "../ids";
import { hit } from "../limiter";
import { countWrong, type LockoutSubject, lockoutWait } from "../limiter/lockouts";
import type { RequestContext } from "../server/request-context";
import { isOidcScope } from "./authorize";
import { authenticateClient, clientIsActive, findClient, type OAuthClient } from "./clients";
import { DEVICE_CODE_GRANT_TYPE, ENDPOINTS, issuer } from "./config";
import { OAuthError, oauthError, oauthJson } from "./errors";
import { tooManyRequests } from "./errors";
import { type OAuthHttpRequest, readFormWithResources } from "./params";
import { checkResources } from "./resources";
import { resolveScope, splitScope, tokenDigest } from "./tokens";

export const DEVICE_CODE_TTL_SECONDS = 600;
export const DEVICE_POLL_INTERVAL_SECONDS = 5;
/** Consonants only (no vowels: no words; no look-alikes such as 0/O, 1/I). RFC 8628 6.1. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

function newUserCode(): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return out;
}

/** What a person typed → the stored form (upper case, no dash or spaces), or null. */
export function normaliseUserCode(typed: string): string | null {
  const v = typed.toUpperCase().replace(/[\s-]/g, "");
  return /^[BCDFGHJKLMNPQRSTVWXZ]{8}$/.test(v) ? v : null;
}

export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** POST /oauth2/device_authorization (RFC 8628 3.1, 3.2). */
export async function processDeviceAuthorizationRequest(request: OAuthHttpRequest): Promise<HttpAnswer> {
  try {
    const { search, params } = readFormWithResources(request);
    const client = await authenticateClient(request.authorization, params);
    const limited = await hit("tokenPerClient", `token:${client.clientId}`);
    if (!limited.ok) throw tooManyRequests("Too many requests from this client.", limited.retryAfterSeconds);
    if (!client.grantTypes.includes(DEVICE_CODE_GRANT_TYPE)) {
      throw new OAuthError("unauthorized_client", "The app is not registered for the Device Code grant type.");
    }
    if (!clientIsActive(client)) throw new OAuthError("unauthorized_client", "The app or its company is suspended.");
    const requested = params.get("scope");
    const scope = resolveScope(requested, [...client.apiSlugs, "openid", "profile", "email"]);
    const granted = requested === undefined ? scope?.filter((s) => !isOidcScope(s)) : scope;
    if (!granted) throw new OAuthError("invalid_scope", "The app may ask only for the APIs it subscribes to (and openid, profile, email).");
    const resources = search.getAll("resource").filter(Boolean);
    const problem = checkResources(resources, client);
    if (problem) throw new OAuthError("invalid_target", problem);

    const deviceCode = "apdc_" + randomBase62(40);
    const now = Date.now();
    let userCode = "";
    for (let attempt = 0; attempt < 5; attempt++) {
      userCode = newUserCode();
      try {
        await db().deviceAuthorization.create({
          data: {
            id: newId("device"),
            deviceCodeDigest: tokenDigest(deviceCode),
            userCode,
            appId: client.appId,
            scope: granted.join(" "),
            resource: resources.length ? resources.join(" ") : null,
            intervalSeconds: DEVICE_POLL_INTERVAL_SECONDS,
            expiresAt: new Date(now + DEVICE_CODE_TTL_SECONDS * 1000),
          },
        });
        break;
      } catch (error) {
        if (attempt === 4) throw error; // a user-code collision, five times over: give up
      }
    }
    const verificationUri = issuer() + ENDPOINTS.device;
    return oauthJson({
      device_code: deviceCode,
      user_code: formatUserCode(userCode),
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${formatUserCode(userCode)}`,
      expires_in: DEVICE_CODE_TTL_SECONDS,
      interval: DEVICE_POLL_INTERVAL_SECONDS,
    });
  } catch (error) {
    return oauthError(error);
  }
}

export interface PendingDevice {
  userCode: string;
  client: OAuthClient;
  scope: string[];
}

/** The pending, unexpired request of a stored-form user code, with its client, or null. */
async function pendingByCode(code: string): Promise<(PendingDevice & { id: string }) | null> {
  const row = await db().deviceAuthorization.findUnique({ where: { userCode: code } });
  if (!row || row.status !== "pending" || row.expiresAt.getTime() <= Date.now()) return null;
  const app = await db().app.findUnique({ where: { id: row.appId }, select: { clientId: true } });
  const client = app ? await findClient(app.clientId) : null;
  if (!client) return null;
  return { id: row.id, userCode: code, client, scope: splitScope(row.scope) };
}

/** The pending request a typed code names (for the /device page), or null. No limit: see lookUpUserCode. */
export async function findPendingDevice(typed: string): Promise<PendingDevice | null> {
  const code = normaliseUserCode(typed);
  if (!code) return null;
  const found = await pendingByCode(code);
  return found ? { userCode: found.userCode, client: found.client, scope: found.scope } : null;
}

/** Who is typing codes at /device: the signed-in session and the caller's address (RFC 8628 5.1). */
export interface DeviceGuesser {
  sessionId: string;
  ip: string;
}

/**
 * The answer to a typed code: the pending request, or why not. `wait` is set while the session or the
 * address is locked after wrong codes (`locked: "guesser"`), or while this very code is locked after
 * wrong codes close to it (`locked: "code"`); the right code is not looked up (or offered) then.
 */
export type DeviceLookup =
  { pending: PendingDevice; retryAfterSeconds: 0 } | { pending: null; retryAfterSeconds: number; locked?: "guesser" | "code" };

const guessSubjects = (who: DeviceGuesser): LockoutSubject[] => [
  ["deviceCodeGuessesPerSession", `device:session:${who.sessionId}`],
  ["deviceCodeGuessesPerAddress", `device:address:${who.ip}`],
];
const codeSubject = (deviceId: string): LockoutSubject => ["deviceCodeNearMisses", `device:code:${deviceId}`];

/**
 * Pending requests whose user code shares one half (the four letters either side of the dash) with a
 * wrong code: someone may be closing in on them, so each such wrong code counts against them too.
 */
async function nearMisses(code: string): Promise<string[]> {
  const rows = await db().deviceAuthorization.findMany({
    where: {
      status: "pending",
      expiresAt: { gt: new Date() },
      OR: [{ userCode: { startsWith: code.slice(0, 4) } }, { userCode: { endsWith: code.slice(4) } }],
    },
    select: { id: true },
    take: 20,
  });
  return rows.map((r) => r.id);
}

/**
 * A typed user code, looked up for a person. Wrong codes lock the session and the address (LIMITS
 * `deviceCodeGuessesPer*`: past the limit every code waits, the right one included, for a wait that
 * doubles with each further wrong code) and, when they share half of a pending code, that code
 * (`deviceCodeNearMisses`). So 8 letters from 20 cannot be tried at the server's speed.
 */
export async function lookUpUserCode(typed: string, who: DeviceGuesser): Promise<DeviceLookup> {
  const subjects = guessSubjects(who);
  const wait = await lockoutWait(subjects);
  if (wait > 0) return { pending: null, retryAfterSeconds: wait, locked: "guesser" };
  const code = normaliseUserCode(typed);
  const found = code ? await pendingByCode(code) : null;
  if (found) {
    const codeWait = await lockoutWait([codeSubject(found.id)]);
    if (codeWait > 0) return { pending: null, retryAfterSeconds: codeWait, locked: "code" };
    return { pending: { userCode: found.userCode, client: found.client, scope: found.scope }, retryAfterSeconds: 0 };
  }
  const near = code ? await nearMisses(code) : [];
  // Counted; a lock it starts holds from the next code typed.
  await countWrong([...subjects, ...near.map(codeSubject)]);
  return { pending: null, retryAfterSeconds: 0 };
}

/** Allow or Deny on /device: records the decision (and the consent, audited) once. */
export async function decideDevice(
  user: { id: string; email: string },
  typed: string,
  decision: "allow" | "deny",
  who: DeviceGuesser,
  ctx: RequestContext | null,
): Promise<"approved" | "denied" | "gone" | "wait"> {
  const { pending, retryAfterSeconds } = await lookUpUserCode(typed, who);
  if (retryAfterSeconds > 0) return "wait";
  if (!pending) return "gone";
  const now = new Date();
  const status = decision === "allow" ? "approved" : "denied";
  const done = await db().$transaction(async (tx) => {
    const { count } = await tx.deviceAuthorization.updateMany({
      where: { userCode: pending.userCode, status: "pending", expiresAt: { gt: now } },
      data: { status, userId: user.id, decidedAt: now },
    });
    if (count !== 1) return false;
    if (status === "approved") {
      const existing = await tx.consentGrant.findUnique({ where: { userId_appId: { userId: user.id, appId: pending.client.appId } } });
      const before = existing && !existing.revokedAt ? splitScope(existing.scope) : [];
      const scope = [...new Set([...before, ...pending.scope])].sort().join(" ");
      await tx.consentGrant.upsert({
        where: { userId_appId: { userId: user.id, appId: pending.client.appId } },
        create: { id: newId("consent"), userId: user.id, appId: pending.client.appId, scope },
        update: { scope, revokedAt: null },
      });
      await writeAudit(
        tx,
        user,
        {
          event: "consent.granted",
          targetType: "app",
          targetId: pending.client.appId,
          companyId: pending.client.companyId,
          metadata: { scope, via: "device" },
        },
        ctx,
      );
    }
    return true;
  });
  return done ? status : "gone";
}
