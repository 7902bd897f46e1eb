import "server-only";
// The second step of signing in. After the password (lib/users/accounts verifyCredentials), a person
// with a second factor gets no session yet: beginSecondStep stores a single-use, 10-minute challenge
// (AuthChallenge, kind SIGN_IN) and an httpOnly cookie naming it, and /signin/two-step asks for a
// code, a passkey or a recovery code. Only then does the sign-in action issue the Auth.js ticket.
// The hook in the sign-in action (lib/actions/auth.ts) is one call: secondStepFor(user.id, returnTo).
import { cookies } from "next/headers";
import { db } from "../../db";
import { env } from "../../env";
import { hasSecondFactor, mfaId } from "./factors";
import { isTrustedBrowser } from "./trusted-browsers";

export const PENDING_SIGN_IN_COOKIE = "console_signin_pending";
export const SECOND_STEP_PATH = "/signin/two-step";
const PENDING_TTL_MS = 10 * 60_000;

export interface PendingSignIn {
  id: string;
  userId: string;
  email: string;
  returnTo: string;
  hasTotp: boolean;
  hasPasskeys: boolean;
}

/**
 * After a correct password: null when the session may start now (no second factor, or a trusted
 * browser); otherwise the path of the second step, with the pending challenge stored.
 */
export async function secondStepFor(userId: string, returnTo: string): Promise<string | null> {
  if (!(await hasSecondFactor(userId))) return null;
  if (await isTrustedBrowser(userId)) return null;
  const row = await db().authChallenge.create({
    data: { id: mfaId("chl"), userId, kind: "SIGN_IN", data: { returnTo }, expiresAt: new Date(Date.now() + PENDING_TTL_MS) },
  });
  (await cookies()).set(PENDING_SIGN_IN_COOKIE, row.id, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().secureCookies,
    path: "/",
    maxAge: PENDING_TTL_MS / 1000,
  });
  return SECOND_STEP_PATH;
}

/** The pending sign-in of this browser, or null when there is none (or it expired or was used). */
export async function pendingSignIn(): Promise<PendingSignIn | null> {
  const id = (await cookies()).get(PENDING_SIGN_IN_COOKIE)?.value;
  if (!id || id.length > 60) return null;
  const row = await db().authChallenge.findUnique({ where: { id } });
  if (!row || row.kind !== "SIGN_IN" || row.usedAt || row.expiresAt < new Date() || !row.userId) return null;
  const user = await db().user.findUnique({ where: { id: row.userId } });
  if (!user || user.status !== "ACTIVE") return null;
  const [totp, passkeys] = await Promise.all([
    db().totpFactor.findFirst({ where: { userId: user.id, confirmedAt: { not: null } }, select: { userId: true } }),
    db().passkey.count({ where: { userId: user.id } }),
  ]);
  const data = (row.data ?? {}) as { returnTo?: string };
  return {
    id: row.id,
    userId: user.id,
    email: user.email,
    returnTo: data.returnTo ?? "/apps",
    hasTotp: Boolean(totp),
    hasPasskeys: passkeys > 0,
  };
}

/** Spends the pending challenge (single use); false when another request spent it first. */
export async function completePendingSignIn(pending: PendingSignIn): Promise<boolean> {
  const used = await db().authChallenge.updateMany({ where: { id: pending.id, usedAt: null }, data: { usedAt: new Date() } });
  (await cookies()).delete(PENDING_SIGN_IN_COOKIE);
  return used.count === 1;
}
