import "server-only";
// /account: the person's name and notice preference (email: lib/users/verification.ts; password:
// lib/users/password-reset.ts; sessions: lib/users/sessions.ts).
import { writeAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { nameSchema, parseInput } from "../validation/common";

export interface AccountView {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  pendingEmail: string | null;
  noticesEnabled: boolean;
}

export async function accountOf(userId: string): Promise<AccountView> {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  const pending = await db().accountToken.findFirst({
    where: { userId, kind: "VERIFY_EMAIL", usedAt: null, expiresAt: { gt: new Date() }, email: { not: user.email } },
    orderBy: { createdAt: "desc" },
    select: { email: true },
  });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    emailVerified: Boolean(user.emailVerifiedAt),
    pendingEmail: pending?.email ?? null,
    noticesEnabled: user.noticesEnabled,
  };
}

export async function updateName(userId: string, input: unknown, ctx?: RequestContext | null): Promise<void> {
  const name = parseInput(nameSchema, input);
  await db().$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { name } });
    await writeAudit(tx, { id: user.id, email: user.email }, { event: "user.name_changed", targetType: "user", targetId: user.id }, ctx);
  });
}

export async function setNoticesEnabled(userId: string, enabled: boolean, ctx?: RequestContext | null): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { noticesEnabled: enabled } });
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: enabled ? "user.notices_enabled" : "user.notices_disabled", targetType: "user", targetId: user.id },
      ctx,
    );
  });
}
