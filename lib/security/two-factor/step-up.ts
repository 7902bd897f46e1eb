import "server-only";
// Step-up: proof that the person used a second factor recently (the sign-in's second step, or the
// re-check page /account/verify). An HMAC-signed, httpOnly cookie names the user and the moment; it
// counts only inside the session it was made in and for CONSOLE_STEP_UP_WINDOW_SECONDS (600 s).
// Revealing or rotating a Client Secret, deleting an app, granting Delegated Administrator and
// creating a personal access token call requireFreshSecondFactor when the person enrolled a factor.
import { createHmac } from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "../../env";
import { AppError } from "../../errors";
import type { Viewer } from "../../users/viewer";
import { deriveKey, safeEqual } from "../crypto";
import { isRecentProof, passwordProvenAt } from "../reauth";
import { hasSecondFactor } from "./factors";

export const STEP_UP_COOKIE = "console_2fa_proof";
export const STEP_UP_REQUIRED = "Confirm it is you with your second factor first.";
/** The sign-in sets the proof right after the session, so the two instants may differ by a moment. */
const SESSION_SLACK_SECONDS = 5;

const nowSeconds = () => Math.floor(Date.now() / 1000);

function sign(payload: string): string {
  return createHmac("sha256", deriveKey("auth-session")).update(`step-up:${payload}`).digest("base64url");
}

export function issueStepUpProof(userId: string, provenAt = nowSeconds()): string {
  const payload = `${userId}.${provenAt}`;
  return `${payload}.${sign(payload)}`;
}

/** When the proof says the factor was used, or null when it is not a valid proof for this user. */
export function readStepUpProof(value: string | undefined, userId: string): number | null {
  if (!value || value.length > 300) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [uid, proven, mac] = parts as [string, string, string];
  if (!safeEqual(mac, sign(`${uid}.${proven}`))) return null;
  if (uid !== userId || !/^\d+$/.test(proven)) return null;
  return Number(proven);
}

/** True when a proof made at `provenAt` counts for a session that began at `authTime`, at `now`. */
export function isFreshStepUp(
  provenAt: number | null,
  authTime: number,
  now = nowSeconds(),
  windowSeconds = env().stepUpWindowSeconds,
): boolean {
  if (provenAt === null) return false;
  return provenAt >= authTime - SESSION_SLACK_SECONDS && provenAt <= now + 60 && now - provenAt <= windowSeconds;
}

/** Records that the person just used a second factor (server actions only: it sets a cookie). */
export async function rememberSecondFactor(userId: string): Promise<void> {
  (await cookies()).set(STEP_UP_COOKIE, issueStepUpProof(userId), {
    httpOnly: true,
    sameSite: "strict",
    secure: env().secureCookies,
    path: "/",
    maxAge: env().stepUpWindowSeconds,
  });
}

export async function forgetSecondFactorProof(): Promise<void> {
  (await cookies()).delete(STEP_UP_COOKIE);
}

/** True when the viewer used a second factor recently in this session. */
export async function hasFreshSecondFactor(viewer: Viewer): Promise<boolean> {
  const provenAt = readStepUpProof((await cookies()).get(STEP_UP_COOKIE)?.value, viewer.user.id);
  return isFreshStepUp(provenAt, viewer.authTime);
}

/**
 * For sensitive operations (and for branch `mgmt`'s personal access tokens): passes when the person
 * has no second factor, or used one in the last 10 minutes; otherwise throws
 * AppError("unauthenticated", STEP_UP_REQUIRED). Returns whether a factor was required.
 */
export async function requireFreshSecondFactor(viewer: Viewer): Promise<{ required: boolean }> {
  if (!(await hasSecondFactor(viewer.user.id))) return { required: false };
  if (await hasFreshSecondFactor(viewer)) return { required: true };
  throw new AppError("unauthenticated", STEP_UP_REQUIRED);
}

export function isStepUpRequired(error: unknown): boolean {
  return error instanceof AppError && error.code === "unauthenticated" && error.message === STEP_UP_REQUIRED;
}

/** The re-check page for `returnTo`. */
export function stepUpPath(returnTo: string): string {
  return `/account/verify?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Pages and server actions: sends the person to the re-check page when a fresh factor is needed. */
export async function stepUpOrRedirect(viewer: Viewer, returnTo: string): Promise<void> {
  try {
    await requireFreshSecondFactor(viewer);
  } catch (error) {
    if (isStepUpRequired(error)) redirect(stepUpPath(returnTo));
    throw error;
  }
}

/**
 * Proof for changing a sign-in (one's own factors, or another person's): with a second factor enrolled,
 * a fresh use of it; without one, a password from the same window (the sign-in, or the re-check page).
 * Enrolling a factor is never such a proof: only using one that existed before is.
 */
export async function hasFreshProof(viewer: Viewer): Promise<boolean> {
  if (await hasSecondFactor(viewer.user.id)) return hasFreshSecondFactor(viewer);
  return isRecentProof(await passwordProvenAt(viewer), undefined, env().stepUpWindowSeconds);
}

/** Pages and server actions: sends the person to the re-check page (factor or password) when the proof is stale. */
export async function proofOrRedirect(viewer: Viewer, returnTo: string): Promise<void> {
  if (!(await hasFreshProof(viewer))) redirect(stepUpPath(returnTo));
}
