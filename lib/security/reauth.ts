import "server-only";
// Proof that a person typed their password recently, for showing a Client Secret again. The session's
// authTime (lib/server/session.ts) is the sign-in; re-entering the password on an app's page sets a short-lived
// HMAC-signed cookie bound to the user and to that session. A second cookie lets the browser that just
// registered an app see its new secret once, without asking for the password.
import { createHmac } from "node:crypto";
import { cookies } from "next/headers";
import { env } from "../env";
import type { Viewer } from "../users/viewer";
import { deriveKey, safeEqual } from "./crypto";

export const REAUTH_COOKIE = "console_reauth";
export const NEW_APP_COOKIE = "console_new_app";
/** How long after registering the browser that did it sees the new secret without the password again. */
export const NEW_APP_VIEW_SECONDS = 600;
/** Proofs from the future (clock skew between instances) are accepted only this far ahead. */
const SKEW_SECONDS = 60;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sign(label: string, payload: string): string {
  return createHmac("sha256", deriveKey("auth-session")).update(`${label}:${payload}`).digest("base64url");
}

/** A proof that `userId` typed the password at `provenAt`, valid only with the session of `sessionAuthTime`. */
export function issueReauthProof(userId: string, sessionAuthTime: number, provenAt = nowSeconds()): string {
  const payload = `${userId}.${sessionAuthTime}.${provenAt}`;
  return `${payload}.${sign("reauth", payload)}`;
}

/** When the proof says the password was typed, or null when it is not a valid proof for this session. */
export function readReauthProof(value: string | undefined, userId: string, sessionAuthTime: number): number | null {
  if (!value || value.length > 300) return null;
  const parts = value.split(".");
  if (parts.length !== 4) return null;
  const [uid, auth, proven, mac] = parts as [string, string, string, string];
  if (!safeEqual(mac, sign("reauth", `${uid}.${auth}.${proven}`))) return null;
  if (uid !== userId || auth !== String(sessionAuthTime) || !/^\d+$/.test(proven)) return null;
  return Number(proven);
}

/** True when a password proof of `provenAt` still counts at `now` (seconds since the epoch). */
export function isRecentProof(provenAt: number, now = nowSeconds(), windowSeconds = env().reauthWindowSeconds): boolean {
  return provenAt <= now + SKEW_SECONDS && now - provenAt <= windowSeconds;
}

/** The latest moment the viewer proved their password: the sign-in, or a later re-authentication. */
export async function passwordProvenAt(viewer: Viewer): Promise<number> {
  const proof = readReauthProof((await cookies()).get(REAUTH_COOKIE)?.value, viewer.user.id, viewer.authTime);
  return Math.max(viewer.authTime, proof ?? 0);
}

/** Records a fresh password proof for this session (server actions only: it sets a cookie). */
export async function rememberReauth(viewer: Viewer): Promise<number> {
  const provenAt = nowSeconds();
  (await cookies()).set(REAUTH_COOKIE, issueReauthProof(viewer.user.id, viewer.authTime, provenAt), {
    httpOnly: true,
    sameSite: "strict",
    secure: env().secureCookies,
    path: "/",
    // Each reader judges the instant with its own window: showing a secret CONSOLE_REAUTH_WINDOW_SECONDS,
    // changing how someone signs in (two-factor/step-up.ts hasFreshProof) CONSOLE_STEP_UP_WINDOW_SECONDS.
    maxAge: Math.max(env().reauthWindowSeconds, env().stepUpWindowSeconds),
  });
  return provenAt;
}

export function issueNewAppProof(appId: string, userId: string, expiresAt = nowSeconds() + NEW_APP_VIEW_SECONDS): string {
  const payload = `${appId}.${userId}.${expiresAt}`;
  return `${payload}.${sign("new-app", payload)}`;
}

export function readNewAppProof(value: string | undefined, appId: string, userId: string, now = nowSeconds()): boolean {
  if (!value || value.length > 300) return false;
  const parts = value.split(".");
  if (parts.length !== 4) return false;
  const [aid, uid, expires, mac] = parts as [string, string, string, string];
  if (!safeEqual(mac, sign("new-app", `${aid}.${uid}.${expires}`))) return false;
  return aid === appId && uid === userId && /^\d+$/.test(expires) && Number(expires) >= now;
}

/** Lets this browser see the new app's secret on the "Application Registered" view (server actions only). */
export async function rememberNewApp(appId: string, userId: string): Promise<void> {
  (await cookies()).set(NEW_APP_COOKIE, issueNewAppProof(appId, userId), {
    httpOnly: true,
    sameSite: "strict",
    secure: env().secureCookies,
    path: "/apps",
    maxAge: NEW_APP_VIEW_SECONDS,
  });
}

/** True when this browser registered the app moments ago (pages: reads the cookie only). */
export async function justRegistered(appId: string, userId: string): Promise<boolean> {
  return readNewAppProof((await cookies()).get(NEW_APP_COOKIE)?.value, appId, userId);
}

/** Forgets both proofs (sign-out). */
export async function forgetProofs(): Promise<void> {
  const jar = await cookies();
  jar.delete(REAUTH_COOKIE);
  jar.delete({ name: NEW_APP_COOKIE, path: "/apps" });
}
