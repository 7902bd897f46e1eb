import "server-only";
// Accounts: sign-up and credential checks (with the throttles). The only place passwords are verified.
import { writeAudit } from "../audit";
import { acceptPendingInvitationsAtSignIn } from "../companies/invitations";
import { db, isUniqueViolation } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { consoleUrl, enqueueMail } from "../mail/outbox";
import { noticeMail } from "../mail/templates/notice";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../security/passwords";
import {
  clearFailures,
  failureCount,
  recordFailure,
  SIGN_IN_ACCOUNT,
  SIGN_IN_ACCOUNT_CEILING,
  SIGN_IN_ADDRESS,
  throttleState,
} from "../security/throttle";
import type { RequestContext } from "../server/request-context";
import { parseInput, signInSchema, signUpSchema } from "../validation/common";
import { sendVerification } from "./verification";

export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  emailVerified: boolean;
}

const EMAIL_TAKEN = "An account with this email already exists. Sign in instead, or use another email.";
export const WRONG_CREDENTIALS = "The email or password is incorrect.";

export async function signUp(input: unknown, ctx: RequestContext): Promise<AccountSummary> {
  const data = parseInput(signUpSchema, input);
  const existing = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new AppError("conflict", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });
  const passwordHash = await hashPassword(data.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { id: newId("user"), email: data.email, name: data.name, passwordHash },
      });
      await writeAudit(tx, { id: user.id, email: user.email }, { event: "user.signed_up", targetType: "user", targetId: user.id }, ctx);
      // "Verify your email" in the same transaction; invitations for the address bind at verification.
      await sendVerification(tx, user, user.email);
      return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin, emailVerified: false };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", EMAIL_TAKEN, { fieldErrors: { email: [EMAIL_TAKEN] } });
    throw error;
  }
}

function lockedError(seconds: number): AppError {
  return new AppError("rate_limited", `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Checks an email and password. Throws "unauthenticated" with one message for any wrong part, and
 * "rate_limited" while the account or the address is locked after repeated failures.
 */
export async function verifyCredentials(input: unknown, ctx: RequestContext): Promise<AccountSummary> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  const { email, password } = parsed.data;
  // Locks count per account AND address: a stranger's failures lock the stranger, not the owner.
  const pairKey = `signin:pair:${email}:${ctx.ip}`;
  const addressKey = `signin:address:${ctx.ip}`;
  const ceilingKey = `signin:account:${email}`;
  const state = await throttleState([pairKey, addressKey]);
  if (state.locked) throw lockedError(state.retryAfterSeconds);
  // Past the per-account ceiling (failures from everywhere), every attempt is slowed, never refused.
  const delay = signInDelayMs(await failureCount(ceilingKey, SIGN_IN_ACCOUNT_CEILING));
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

  const user = await db().user.findUnique({ where: { email } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    const pair = await recordFailure(pairKey, SIGN_IN_ACCOUNT);
    await recordFailure(addressKey, SIGN_IN_ADDRESS);
    await recordFailure(ceilingKey, SIGN_IN_ACCOUNT_CEILING);
    if (user && pair.lockStarted) await mailSignInLocked(user, ctx);
    throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  }
  if (user.status !== "ACTIVE") {
    throw new AppError("forbidden", "This account is suspended. Ask the platform administrator to restore it.");
  }
  await clearFailures(pairKey);
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  // An invitation made while the account was being verified binds now (verified addresses only).
  if (user.emailVerifiedAt) await acceptPendingInvitationsAtSignIn(user, ctx);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isPlatformAdmin: user.isPlatformAdmin,
    emailVerified: Boolean(user.emailVerifiedAt),
  };
}

/** The slowdown of each sign-in to an account past its ceiling of failures: 1 s, growing to 5 s. */
export function signInDelayMs(failures: number): number {
  const over = failures - SIGN_IN_ACCOUNT_CEILING.freeFailures;
  return over <= 0 ? 0 : Math.min(5000, 1000 + over * 100);
}

/** The owner hears of a lock (security mail: sent even with notices off). */
async function mailSignInLocked(user: { id: string; email: string; name: string }, ctx: RequestContext): Promise<void> {
  const base = consoleUrl();
  await db().$transaction(async (tx) => {
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "user.sign_in_locked", targetType: "user", targetId: user.id, metadata: { address: ctx.ip } },
      ctx,
    );
    await enqueueMail(
      tx,
      "security_notice",
      user.email,
      noticeMail({
        subject: "Sign-in to your account was locked",
        lines: [
          `Hello ${user.name},`,
          `Several wrong passwords for your account came from the address ${ctx.ip}, so sign-in from that address is paused for a while. Sign-in from your usual places keeps working.`,
          "If this was not you, nothing else is needed; if you forgot your password, use “Forgot password?” on the sign-in page.",
        ],
        facts: [
          ["Address", ctx.ip],
          ["Browser", ctx.userAgent.slice(0, 120) || "unknown"],
        ],
        consoleUrl: base,
      }),
    );
  });
}

/** Creates or updates the platform administrator named by the environment; or creates one with a
 * random password on the very first start. Returns the generated password when it made one. */
export async function ensurePlatformAdmin(opts: {
  email?: string;
  password?: string;
}): Promise<{ email: string; generatedPassword?: string } | null> {
  if (opts.email && opts.password) {
    const passwordHash = await hashPassword(opts.password);
    const existing = await db().user.findUnique({ where: { email: opts.email } });
    if (existing) {
      const same = await verifyPassword(existing.passwordHash, opts.password);
      if (!same || !existing.isPlatformAdmin || existing.status !== "ACTIVE" || !existing.emailVerifiedAt) {
        await db().$transaction(async (tx) => {
          await tx.user.update({
            where: { id: existing.id },
            data: {
              isPlatformAdmin: true,
              status: "ACTIVE",
              emailVerifiedAt: existing.emailVerifiedAt ?? new Date(),
              ...(same ? {} : { passwordHash, sessionsValidAfter: new Date() }),
            },
          });
          await writeAudit(tx, null, { event: "user.platform_admin_ensured", targetType: "user", targetId: existing.id });
        });
      }
      return { email: opts.email };
    }
    await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          id: newId("user"),
          email: opts.email!,
          name: "Platform Administrator",
          passwordHash,
          isPlatformAdmin: true,
          emailVerifiedAt: new Date(),
        },
      });
      await writeAudit(tx, null, { event: "user.platform_admin_created", targetType: "user", targetId: user.id });
    });
    return { email: opts.email };
  }
  const anyAdmin = await db().user.findFirst({ where: { isPlatformAdmin: true }, select: { id: true } });
  if (anyAdmin) return null;
  const { randomBase62 } = await import("../ids");
  const generatedPassword = randomBase62(20);
  const email = "admin@console.local";
  await db().$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        id: newId("user"),
        email,
        name: "Platform Administrator",
        passwordHash: await hashPassword(generatedPassword),
        isPlatformAdmin: true,
        emailVerifiedAt: new Date(),
      },
    });
    await writeAudit(tx, null, { event: "user.platform_admin_created", targetType: "user", targetId: user.id });
  });
  return { email, generatedPassword };
}

/** The account with this id when it is active (signing in with a one-time ticket), else null. */
export async function activeAccount(userId: string): Promise<{ id: string; email: string; name: string } | null> {
  const user = await db().user.findUnique({ where: { id: userId } });
  return user && user.status === "ACTIVE" ? user : null;
}
