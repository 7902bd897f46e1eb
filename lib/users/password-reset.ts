import "server-only";
// "Forgot password?": a 30-minute single-use link by mail, the same answer whether or not the account
// exists; following it sets a new password, proves the address (verified) and ends every session.
// A password change on /account asks for the current password and ends every other session.
import { writeAudit } from "../audit";
import { acceptPendingInvitations } from "../companies/invitations";
import { db } from "../db";
import { AppError } from "../errors";
import { consoleUrl, enqueueMail } from "../mail/outbox";
import { noticeMail } from "../mail/templates/notice";
import { passwordResetMail } from "../mail/templates/password-reset";
import { assertLinkNotThrottled, countWrongLink, linkGuessWait } from "../security/link-guesses";
import { burnPasswordCheck, hashPassword, verifyPassword } from "../security/passwords";
import type { RequestContext } from "../server/request-context";
import { emailSchema, newPasswordSchema, parseInput } from "../validation/common";
import { endSessions } from "./sessions";
import { consumeAccountToken, issueAccountToken } from "./tokens";

export const RESET_PATH = "/reset-password";
export const RESET_ANSWER = "If an account uses that address, we sent it a link to reset the password. It works for 30 minutes.";
/** Reset mails per account per hour (more requests answer the same, silently). */
export const RESET_MAILS_PER_HOUR = 5;

/** Always answers RESET_ANSWER (unknown address, suspended account or limit reached alike). */
export async function requestPasswordReset(input: unknown, ctx?: RequestContext | null): Promise<string> {
  const parsed = emailSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("validation", "Enter an email address like name@example.com.", {
      fieldErrors: { email: ["Enter an email address like name@example.com."] },
    });
  const email = parsed.data;
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user || user.status !== "ACTIVE") return;
    const recent = await tx.accountToken.count({
      where: { userId: user.id, kind: "RESET_PASSWORD", createdAt: { gt: new Date(Date.now() - 3600_000) } },
    });
    if (recent >= RESET_MAILS_PER_HOUR) return;
    const token = await issueAccountToken(tx, user.id, "RESET_PASSWORD", user.email);
    const base = consoleUrl();
    await enqueueMail(
      tx,
      "password_reset",
      user.email,
      passwordResetMail({ name: user.name, url: `${base}${RESET_PATH}?token=${token}`, consoleUrl: base }),
    );
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "user.password_reset_requested", targetType: "user", targetId: user.id },
      ctx,
    );
  });
  return RESET_ANSWER;
}

export const RESET_LINK_INVALID = "This reset link is invalid, expired or already used. Ask for a new one.";

/** Sets a new password with a reset link; ends every session of the account. */
export async function resetPassword(token: unknown, password: unknown, ctx?: RequestContext | null): Promise<{ email: string }> {
  await assertLinkNotThrottled(ctx);
  const newPassword = parseInput(newPasswordSchema, password);
  const passwordHash = await hashPassword(newPassword);
  const result = await db().$transaction(async (tx) => {
    const used = await consumeAccountToken(tx, token, "RESET_PASSWORD");
    if (!used) {
      await countWrongLink(ctx);
      throw new AppError("validation", RESET_LINK_INVALID);
    }
    const user = await tx.user.findUnique({ where: { id: used.userId } });
    if (!user || user.status !== "ACTIVE" || user.email !== used.email) throw new AppError("validation", RESET_LINK_INVALID);
    if (newPassword.trim().toLowerCase() === user.email) {
      throw new AppError("validation", "Choose a password that is not your email.", {
        fieldErrors: { password: ["Choose a password that is not your email."] },
      });
    }
    const wasUnverified = !user.emailVerifiedAt;
    // The link reached the mailbox: the address is proven too.
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() } });
    await tx.accountToken.updateMany({ where: { userId: user.id, kind: "RESET_PASSWORD", usedAt: null }, data: { usedAt: new Date() } });
    await writeAudit(tx, { id: user.id, email: user.email }, { event: "user.password_reset", targetType: "user", targetId: user.id }, ctx);
    if (wasUnverified) await acceptPendingInvitations(tx, user, ctx);
    return { id: user.id, email: user.email };
  });
  await endSessions(result.id);
  return { email: result.email };
}

/** Changes the password (the current one is asked); ends every other session. */
export async function changePassword(
  userId: string,
  input: { current: unknown; next: unknown },
  currentSessionId: string | null,
  ctx?: RequestContext | null,
): Promise<void> {
  const current = typeof input.current === "string" ? input.current : "";
  const next = parseInput(newPasswordSchema, input.next);
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  const ok = current ? await verifyPassword(user.passwordHash, current) : (await burnPasswordCheck("x"), false);
  if (!ok)
    throw new AppError("validation", "The current password is incorrect.", {
      fieldErrors: { currentPassword: ["The current password is incorrect."] },
    });
  if (next.trim().toLowerCase() === user.email) {
    throw new AppError("validation", "Choose a password that is not your email.", {
      fieldErrors: { newPassword: ["Choose a password that is not your email."] },
    });
  }
  const passwordHash = await hashPassword(next);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "user.password_changed", targetType: "user", targetId: user.id },
      ctx,
    );
    const base = consoleUrl();
    await enqueueMail(
      tx,
      "security_notice",
      user.email,
      noticeMail({
        subject: "Your password was changed",
        lines: [
          `Hello ${user.name},`,
          "The password of your API Console account was changed and your other sessions were signed out. If this was not you, use “Forgot password?” on the sign-in page at once.",
        ],
        consoleUrl: base,
      }),
    );
  });
  await endSessions(user.id, { keep: currentSessionId });
}

/** Whether a reset link can still be used (the page shows the form or says why not). */
export async function resetLinkUsable(token: unknown, ctx?: RequestContext | null): Promise<boolean> {
  const { peekAccountToken } = await import("./tokens");
  if ((await linkGuessWait(ctx)) > 0) return false;
  const usable = await peekAccountToken(db(), token, "RESET_PASSWORD");
  if (!usable) await countWrongLink(ctx);
  return usable;
}
