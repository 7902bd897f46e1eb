import "server-only";
// Verified addresses. Sign-up (and an email change) mails a single-use link; following it proves the
// person owns the address. Until then the account has no company, role or app (lib/server/session.ts
// getViewer), and no invitation or nomination binds to it: pending invitations for the address bind
// here, at verification. The platform administrator from CONSOLE_ADMIN_EMAIL counts as verified.
import { writeAudit } from "../audit";
import { acceptPendingInvitations } from "../companies/invitations";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { consoleUrl, enqueueMail } from "../mail/outbox";
import { verifyEmailMail } from "../mail/templates/verify-email";
import { countWrongLink, linkGuessWait, linkWaitMessage } from "../security/link-guesses";
import type { RequestContext } from "../server/request-context";
import { emailSchema, parseInput } from "../validation/common";
import { consumeAccountToken, issueAccountToken } from "./tokens";

export const VERIFY_PATH = "/verify-email/confirm";
/** At most this many verification mails per account per hour (sign-up's own included). */
export const VERIFICATION_MAILS_PER_HOUR = 5;

/** Issues a verification token for `email` and writes its mail, inside the caller's transaction. */
export async function sendVerification(
  tx: Tx,
  user: { id: string; name: string },
  email: string,
  opts: { change?: boolean } = {},
): Promise<void> {
  const token = await issueAccountToken(tx, user.id, "VERIFY_EMAIL", email);
  const base = consoleUrl();
  await enqueueMail(
    tx,
    "verify_email",
    email,
    verifyEmailMail({ name: user.name, url: `${base}${VERIFY_PATH}?token=${token}`, consoleUrl: base, change: opts.change }),
  );
}

/** "Resend verification email", with a limit per hour. */
export async function resendVerification(userId: string): Promise<{ email: string }> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("unauthenticated", "Sign in first.");
    const pending = await tx.accountToken.findFirst({
      where: { userId, kind: "VERIFY_EMAIL", usedAt: null },
      orderBy: { createdAt: "desc" },
    });
    const email = pending && pending.email !== user.email ? pending.email : user.email;
    if (user.emailVerifiedAt && email === user.email) throw new AppError("conflict", "Your email is already verified.");
    const recent = await tx.accountToken.count({
      where: { userId, kind: "VERIFY_EMAIL", createdAt: { gt: new Date(Date.now() - 3600_000) } },
    });
    if (recent >= VERIFICATION_MAILS_PER_HOUR) {
      throw new AppError(
        "rate_limited",
        "Too many verification emails in the last hour. Check your inbox (and spam folder), or try again later.",
      );
    }
    await sendVerification(tx, user, email, { change: email !== user.email });
    return { email };
  });
}

export type VerifyOutcome = { ok: true; email: string; userId: string } | { ok: false; message: string };

/** Follows a verification link: marks the address verified (or switches to the new address) and binds pending invitations. */
export async function verifyEmail(token: unknown, ctx?: RequestContext | null): Promise<VerifyOutcome> {
  const failed: VerifyOutcome = {
    ok: false,
    message: "This verification link is invalid, expired or already used. Sign in and ask for a new one.",
  };
  const wait = await linkGuessWait(ctx);
  if (wait > 0) return { ok: false, message: linkWaitMessage(wait) };
  try {
    return await db().$transaction(async (tx) => {
      const used = await consumeAccountToken(tx, token, "VERIFY_EMAIL");
      if (!used) {
        await countWrongLink(ctx);
        return failed;
      }
      const user = await tx.user.findUnique({ where: { id: used.userId } });
      if (!user || user.status !== "ACTIVE") return failed;
      const changing = used.email !== user.email;
      if (changing) {
        const holder = await tx.user.findUnique({ where: { email: used.email }, select: { id: true } });
        if (holder) return { ok: false, message: `Another account already uses ${used.email}.` } as VerifyOutcome;
      }
      const updated = await tx.user.update({
        where: { id: user.id },
        data: { email: used.email, emailVerifiedAt: new Date() },
      });
      await writeAudit(
        tx,
        { id: user.id, email: updated.email },
        {
          event: changing ? "user.email_changed" : "user.email_verified",
          targetType: "user",
          targetId: user.id,
          metadata: changing ? { from: user.email, to: used.email } : { email: used.email },
        },
        ctx,
      );
      // Invitations and nominations for this (now proven) address bind now.
      await acceptPendingInvitations(tx, { id: updated.id, email: updated.email }, ctx);
      return { ok: true, email: updated.email, userId: updated.id } as VerifyOutcome;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, message: "Another account already uses that address." };
    throw error;
  }
}

/** Asks to change one's email: the new address gets a verification link; the old one stays until then. */
export async function requestEmailChange(userId: string, input: unknown, ctx?: RequestContext | null): Promise<{ email: string }> {
  const email = parseInput(emailSchema, input);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("unauthenticated", "Sign in first.");
    if (email === user.email)
      throw new AppError("validation", "That is already your email.", { fieldErrors: { email: ["That is already your email."] } });
    const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (taken) {
      const message = "Another account already uses that address.";
      throw new AppError("conflict", message, { fieldErrors: { email: [message] } });
    }
    const recent = await tx.accountToken.count({
      where: { userId, kind: "VERIFY_EMAIL", createdAt: { gt: new Date(Date.now() - 3600_000) } },
    });
    if (recent >= VERIFICATION_MAILS_PER_HOUR)
      throw new AppError("rate_limited", "Too many verification emails in the last hour. Try again later.");
    await sendVerification(tx, user, email, { change: true });
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "user.email_change_requested", targetType: "user", targetId: user.id, metadata: { to: email } },
      ctx,
    );
    return { email };
  });
}
