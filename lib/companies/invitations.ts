import "server-only";
// Pending invitations (nominations) bind to the account that owns the email, when that account
// is created (sign-up) or next signs in. There is no link or code to pass around: nobody gets a role
// by typing an email that is not theirs. Roles come from the invitation, recorded as granted by
// whoever invited. An invitation can be withdrawn while it is pending.
import { z } from "zod";
import { type AuditEntry, writeAudit } from "../audit";
import { db, type DbOrTx, type Tx } from "../db";
import { afterCursor, decodeTimeCursor, keysetOrder, type Page, pageLimit, pageOf, type PageRequest } from "../db/keyset";
import { env } from "../env";
import { AppError } from "../errors";
import { newId } from "../ids";
import { randomBase62 } from "../ids";
import { consoleUrl, enqueueMail } from "../mail/outbox";
import { invitationMail } from "../mail/templates/invitation";
import { isRole, type Role, ROLES } from "../permissions";
import { ROLE_LABELS } from "../permissions";
import { digest } from "../security/crypto";
import { assertLinkNotThrottled, countWrongLink, linkGuessWait } from "../security/link-guesses";
import type { RequestContext } from "../server/request-context";
import { looksLikeId } from "../validation/companies";
import { lockCompany, lockedCompanyRole, NOT_FOUND_INVITATION, type Person, requireCompanyRole, requirePlatformActor } from "./guards";

export const INVITATION_PATH = "/invitations";
const INVITATION_PREFIX = "apinv_";

export function invitationDigest(token: string): string {
  return digest(token, "token-digest");
}

/** A new link token for the invitation (its digest stored, its expiry reset) and its mail, in the caller's transaction. */
async function mailInvitation(tx: Tx, invitationId: string): Promise<void> {
  const inv = await tx.invitation.findUniqueOrThrow({
    where: { id: invitationId },
    include: { company: { select: { name: true } }, invitedBy: { select: { name: true, email: true } } },
  });
  const token = INVITATION_PREFIX + randomBase62(32);
  const expiresAt = new Date(Date.now() + env().invitationDays * 24 * 3600_000);
  await tx.invitation.update({ where: { id: inv.id }, data: { tokenDigest: invitationDigest(token), expiresAt, sentAt: new Date() } });
  const base = consoleUrl();
  await enqueueMail(
    tx,
    "invitation",
    inv.email,
    invitationMail({
      companyName: inv.company.name,
      inviter: inv.invitedBy,
      roles: invitationRoles(inv.roles)
        .map((r) => ROLE_LABELS[r])
        .join(" and "),
      url: `${base}${INVITATION_PATH}/${token}`,
      expiresAt,
      consoleUrl: base,
    }),
  );
}

const rolesJson = z.array(z.string()).catch([]);

export function invitationRoles(value: unknown): Role[] {
  const set = new Set(rolesJson.parse(value).filter(isRole));
  return ROLES.filter((r) => set.has(r));
}

/** Applies every pending invitation for the user's email. Call inside the sign-up (or sign-in) transaction. */
export async function acceptPendingInvitations(tx: Tx, user: { id: string; email: string }, ctx?: RequestContext | null): Promise<number> {
  const pending = await tx.invitation.findMany({
    where: { email: user.email, status: "PENDING", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { createdAt: "asc" },
  });
  const invitee = { id: user.id, email: user.email };
  for (const inv of pending) {
    // Only the invitation still pending at this instant is accepted (a withdrawal may have won the race).
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, status: "PENDING" },
      data: { status: "ACCEPTED", acceptedById: user.id, acceptedAt: new Date() },
    });
    if (claimed.count === 0) continue;
    const audit = (entry: Omit<AuditEntry, "companyId">) => writeAudit(tx, invitee, { ...entry, companyId: inv.companyId }, ctx);
    let membership = await tx.membership.findUnique({ where: { companyId_userId: { companyId: inv.companyId, userId: user.id } } });
    if (!membership) {
      membership = await tx.membership.create({
        data: { id: newId("membership"), companyId: inv.companyId, userId: user.id, addedById: inv.invitedById },
      });
      await audit({
        event: "membership.added",
        targetType: "membership",
        targetId: membership.id,
        metadata: { email: user.email, via: "invitation" },
      });
    }
    const roles = invitationRoles(inv.roles);
    const granted: Role[] = [];
    for (const role of roles) {
      const existing = await tx.roleAssignment.findUnique({ where: { membershipId_role: { membershipId: membership.id, role } } });
      if (existing) continue;
      await tx.roleAssignment.create({ data: { id: newId("role"), membershipId: membership.id, role, grantedById: inv.invitedById } });
      granted.push(role);
    }
    await audit({
      event: "invitation.accepted",
      targetType: "invitation",
      targetId: inv.id,
      metadata: { email: user.email, roles, granted },
    });
  }
  return pending.length;
}

/** Accepts pending invitations of an existing account (at sign-in), in a transaction of its own. */
export async function acceptPendingInvitationsAtSignIn(user: { id: string; email: string }, ctx?: RequestContext | null): Promise<number> {
  const any = await db().invitation.findFirst({ where: { email: user.email, status: "PENDING" }, select: { id: true } });
  if (!any) return 0;
  return db().$transaction((tx) => acceptPendingInvitations(tx, user, ctx));
}

export interface PendingInvitation {
  id: string;
  email: string;
  roles: Role[];
  invitedBy: { name: string; email: string } | null;
  createdAt: Date;
  expiresAt: Date | null;
}

/** A pending invitation's row as the pages and the management API show it (its roles read). */
const pendingOf = (r: Omit<PendingInvitation, "roles"> & { roles: unknown }): PendingInvitation => ({
  id: r.id,
  email: r.email,
  roles: invitationRoles(r.roles),
  invitedBy: r.invitedBy,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
});

export async function pendingInvitationsOf(client: DbOrTx, companyId: string): Promise<PendingInvitation[]> {
  const rows = await client.invitation.findMany({
    where: { companyId, status: "PENDING" },
    select: { id: true, email: true, roles: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(pendingOf);
}

/** The company's pending invitations (Delegated Administrators). */
export async function listPendingInvitations(actor: Person, companyId: string): Promise<PendingInvitation[]> {
  await requireCompanyRole(db(), actor, companyId, "members.read");
  return pendingInvitationsOf(db(), companyId);
}

/** The company's pending invitations, newest first, one keyset page at a time (the management API). */
export async function listPendingInvitationsPage(
  actor: Person,
  companyId: string,
  page: PageRequest = {},
): Promise<Page<PendingInvitation>> {
  await requireCompanyRole(db(), actor, companyId, "members.read");
  const limit = pageLimit(page.limit);
  const rows = await db().invitation.findMany({
    where: { AND: [{ companyId, status: "PENDING" }, afterCursor(decodeTimeCursor(page.cursor), "desc")] },
    select: { id: true, email: true, roles: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true, email: true } } },
    orderBy: keysetOrder("desc"),
    take: limit + 1,
  });
  const shown = pageOf(rows, limit);
  return {
    items: shown.rows.map(pendingOf),
    nextCursor: shown.nextCursor,
  };
}

/**
 * Creates a pending invitation, or adds roles to the one already pending for the email in the
 * company when `merge` is set (the platform administrator nominating someone a DA invited).
 * Inside the caller's transaction.
 */
export async function invite(
  tx: Tx,
  actor: Person,
  companyId: string,
  email: string,
  roles: readonly Role[],
  opts: { merge: boolean },
  ctx?: RequestContext | null,
): Promise<{ id: string; email: string; roles: Role[]; created: boolean }> {
  const pending = await tx.invitation.findFirst({ where: { companyId, email, status: "PENDING" } });
  if (pending && pending.expiresAt && pending.expiresAt <= new Date()) {
    // An expired invitation makes room for a new one.
    await tx.invitation.update({ where: { id: pending.id }, data: { status: "EXPIRED" } });
    await writeAudit(
      tx,
      actor,
      { event: "invitation.expired", targetType: "invitation", targetId: pending.id, companyId, metadata: { email } },
      ctx,
    );
  } else if (pending) {
    const have = invitationRoles(pending.roles);
    const missing = roles.filter((r) => !have.includes(r));
    if (!opts.merge || missing.length === 0) {
      const message = `An invitation for ${email} is already pending. Withdraw it first to invite again with other roles.`;
      throw new AppError("conflict", message, { fieldErrors: { email: [message], daEmails: [message] } });
    }
    const merged = ROLES.filter((r) => have.includes(r) || roles.includes(r));
    await tx.invitation.update({ where: { id: pending.id }, data: { roles: merged } });
    await mailInvitation(tx, pending.id);
    await writeAudit(
      tx,
      actor,
      {
        event: "invitation.updated",
        targetType: "invitation",
        targetId: pending.id,
        companyId,
        metadata: { email, roles: merged, added: missing },
      },
      ctx,
    );
    return { id: pending.id, email, roles: merged, created: false };
  }
  const inv = await tx.invitation.create({
    data: { id: newId("invitation"), companyId, email, roles: [...roles], invitedById: actor.id },
  });
  await mailInvitation(tx, inv.id);
  await writeAudit(
    tx,
    actor,
    { event: "invitation.created", targetType: "invitation", targetId: inv.id, companyId, metadata: { email, roles: [...roles] } },
    ctx,
  );
  return { id: inv.id, email, roles: [...roles], created: true };
}

/** Withdrawing and sending again: by one of the company's Delegated Administrators, or the platform administrator (`asPlatformAdmin`). */
type InvitationChange = (
  actor: Person,
  companyId: string,
  invitationId: unknown,
  opts?: { asPlatformAdmin?: boolean },
  ctx?: RequestContext | null,
) => Promise<{ email: string }>;

/**
 * The company's invitation in a transaction, for `change`: the platform administrator's right checked
 * (and the company locked when `lockForAdmin`), or the Delegated Administrator's under the company lock.
 * Anything else, or another company's invitation, is not found.
 */
async function onInvitation(
  actor: Person,
  companyId: string,
  invitationId: unknown,
  opts: { asPlatformAdmin?: boolean; lockForAdmin?: boolean },
  change: (tx: Tx, inv: { id: string; email: string; status: string; roles: unknown }) => Promise<void>,
): Promise<{ email: string }> {
  return db().$transaction(async (tx) => {
    if (opts.asPlatformAdmin) {
      await requirePlatformActor(tx, actor, "companies.manage");
      if (opts.lockForAdmin) await lockCompany(tx, companyId);
    } else await lockedCompanyRole(tx, actor, companyId, "members.manage");
    if (!looksLikeId(invitationId, "inv")) throw new AppError("not_found", NOT_FOUND_INVITATION);
    const inv = await tx.invitation.findFirst({ where: { id: invitationId, companyId } });
    if (!inv) throw new AppError("not_found", NOT_FOUND_INVITATION);
    await change(tx, inv);
    return { email: inv.email };
  });
}

/** Withdraws a pending invitation of the company. */
export const withdrawInvitation: InvitationChange = (actor, companyId, invitationId, opts = {}, ctx) =>
  onInvitation(actor, companyId, invitationId, { ...opts, lockForAdmin: true }, async (tx, inv) => {
    if (inv.status !== "PENDING") {
      throw new AppError(
        "conflict",
        inv.status === "ACCEPTED" ? `${inv.email} has already accepted this invitation.` : "This invitation was already withdrawn.",
      );
    }
    await tx.invitation.update({ where: { id: inv.id }, data: { status: "WITHDRAWN", withdrawnAt: new Date() } });
    const metadata = { email: inv.email, roles: invitationRoles(inv.roles) };
    await writeAudit(tx, actor, { event: "invitation.withdrawn", targetType: "invitation", targetId: inv.id, companyId, metadata }, ctx);
  });

/** Sends a pending invitation again: a new link (the old one stops working) and a new expiry. */
export const resendInvitation: InvitationChange = (actor, companyId, invitationId, opts = {}, ctx) =>
  onInvitation(actor, companyId, invitationId, opts, async (tx, inv) => {
    if (inv.status !== "PENDING") throw new AppError("conflict", "Only a pending invitation can be sent again.");
    const recent = await tx.auditLog.count({
      where: { event: "invitation.resent", targetId: inv.id, createdAt: { gt: new Date(Date.now() - 3600_000) } },
    });
    if (recent >= 5) throw new AppError("rate_limited", "This invitation was sent again five times in the last hour. Try later.");
    await mailInvitation(tx, inv.id);
    await writeAudit(
      tx,
      actor,
      { event: "invitation.resent", targetType: "invitation", targetId: inv.id, companyId, metadata: { email: inv.email } },
      ctx,
    );
  });

export type InvitationView =
  | { state: "invalid" }
  | { state: "expired" | "accepted" | "withdrawn"; companyName: string; email: string }
  | {
      state: "pending";
      companyName: string;
      email: string;
      roles: Role[];
      inviter: { name: string; email: string } | null;
      expiresAt: Date | null;
    };

async function invitationByToken(client: DbOrTx, token: unknown) {
  if (typeof token !== "string" || !token.startsWith(INVITATION_PREFIX) || token.length > 100) return null;
  return client.invitation.findUnique({
    where: { tokenDigest: invitationDigest(token) },
    include: { company: { select: { name: true } }, invitedBy: { select: { name: true, email: true } } },
  });
}

/** What the invitation link shows (anyone holding the link sees the company, inviter and address). */
export async function viewInvitation(token: unknown, ctx?: RequestContext | null): Promise<InvitationView> {
  if ((await linkGuessWait(ctx)) > 0) return { state: "invalid" };
  const inv = await invitationByToken(db(), token);
  if (!inv) {
    await countWrongLink(ctx);
    return { state: "invalid" };
  }
  const base = { companyName: inv.company.name, email: inv.email };
  if (inv.status === "ACCEPTED") return { state: "accepted", ...base };
  if (inv.status !== "PENDING") return { state: inv.status === "EXPIRED" ? "expired" : "withdrawn", ...base };
  if (inv.expiresAt && inv.expiresAt <= new Date()) return { state: "expired", ...base };
  return { state: "pending", ...base, roles: invitationRoles(inv.roles), inviter: inv.invitedBy, expiresAt: inv.expiresAt };
}

/** Accepts the invitation of the link: only by the verified owner of the invited address. */
export async function acceptInvitationByToken(
  user: { id: string },
  token: unknown,
  ctx?: RequestContext | null,
): Promise<{ companyId: string; companyName: string }> {
  await assertLinkNotThrottled(ctx);
  return db().$transaction(async (tx) => {
    const inv = await invitationByToken(tx, token);
    if (!inv) {
      await countWrongLink(ctx);
      throw new AppError("not_found", "This invitation link is not valid.");
    }
    const person = await tx.user.findUnique({ where: { id: user.id } });
    if (!person || person.status !== "ACTIVE") throw new AppError("unauthenticated", "Sign in first.");
    if (person.email !== inv.email)
      throw new AppError("forbidden", `This invitation is for ${inv.email}. Sign in with that address to accept it.`);
    if (!person.emailVerifiedAt)
      throw new AppError("forbidden", "Verify your email first: follow the link we sent you, then accept the invitation.");
    if (inv.status === "ACCEPTED") return { companyId: inv.companyId, companyName: inv.company.name };
    if (inv.status !== "PENDING" || (inv.expiresAt && inv.expiresAt <= new Date())) {
      throw new AppError("conflict", "This invitation has expired or was withdrawn. Ask for a new one.");
    }
    await acceptPendingInvitations(tx, { id: person.id, email: person.email }, ctx);
    return { companyId: inv.companyId, companyName: inv.company.name };
  });
}
