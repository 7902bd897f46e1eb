import "server-only";
// A company's members and their roles, managed by its Delegated Administrators: add a person by email
// (at once when the account exists, as a pending invitation otherwise), change roles, remove. A DA
// grants no role the DA does not hold (lib/permissions.ts grantableRoles); the company never loses
// its last DA (checked inside the transaction, under the company lock); a member who leaves or loses
// API Developer has their apps in the company suspended, which the DA confirms first.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { db, type DbOrTx, type Tx } from "../db";
import { afterCursor, decodeTimeCursor, keysetOrder, type Page, pageLimit, pageOf, type PageRequest } from "../db/keyset";
import { AppError } from "../errors";
import { newId } from "../ids";
import { mailRolesChanged } from "../mail/notices";
import { consoleUrl, enqueueMail } from "../mail/outbox";
import { addedToCompanyMail } from "../mail/templates/added-to-company";
import { can, grantableRoles, isRole, type Role, ROLE_LABELS, ROLES } from "../permissions";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { addMemberSchema, looksLikeId, setRolesSchema } from "../validation/companies";
import { appsAtStake, appsOwnedBy, type CompanyAppRow, suspendAppsOwnedBy } from "./app-ownership";
import {
  assertKeepsDelegatedAdmin,
  delegatedAdminCount,
  lockCompany,
  lockedCompanyRole,
  NOT_FOUND_COMPANY,
  NOT_FOUND_MEMBER,
  type Person,
  requireCompanyRole,
  rolesIn,
} from "./guards";
import { invite } from "./invitations";

/** The notice a verified person gets when they are added to a company at once (inside the transaction). */
export async function mailAddedToCompany(
  tx: Tx,
  actor: Person,
  companyId: string,
  user: { email: string; name: string },
  roles: readonly Role[],
): Promise<void> {
  const company = await tx.company.findUnique({ where: { id: companyId }, select: { name: true } });
  await enqueueMail(
    tx,
    "added_to_company",
    user.email,
    addedToCompanyMail({
      name: user.name,
      companyName: company?.name ?? "a company",
      inviter: actor.email ?? "A Delegated Administrator",
      roles: roleList(roles),
      consoleUrl: consoleUrl(),
    }),
  );
}

export interface MemberRole {
  role: Role;
  grantedBy: { name: string; email: string } | null;
  grantedAt: Date;
}

export interface MemberRow {
  membershipId: string;
  user: { id: string; name: string; email: string; status: string };
  addedAt: Date;
  roles: MemberRole[];
}

export interface MemberDetail extends MemberRow {
  apps: CompanyAppRow[];
  allApps: CompanyAppRow[];
}

const memberSelect = {
  id: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, status: true } },
  roles: { select: { role: true, grantedAt: true, grantedBy: { select: { name: true, email: true } } } },
} as const;

type MemberRecord = {
  id: string;
  createdAt: Date;
  user: { id: string; name: string; email: string; status: string };
  roles: { role: string; grantedAt: Date; grantedBy: { name: string; email: string } | null }[];
};

function toRow(m: MemberRecord): MemberRow {
  const roles = m.roles
    .filter((r): r is typeof r & { role: Role } => isRole(r.role))
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  return { membershipId: m.id, user: m.user, addedAt: m.createdAt, roles };
}

export const roleList = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join(" and ");

/** Every member of the company with their roles, who granted each and when. */
export async function membersOf(client: DbOrTx, companyId: string): Promise<MemberRow[]> {
  const rows = await client.membership.findMany({
    where: { companyId },
    select: memberSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toRow).sort((a, b) => a.user.email.localeCompare(b.user.email));
}

export async function listMembers(actor: Person, companyId: string): Promise<MemberRow[]> {
  await requireCompanyRole(db(), actor, companyId, "members.read");
  return membersOf(db(), companyId);
}

/** The company's members, oldest membership first, one keyset page at a time (the management API). */
export async function listMembersPage(actor: Person, companyId: string, page: PageRequest = {}): Promise<Page<MemberRow>> {
  await requireCompanyRole(db(), actor, companyId, "members.read");
  const limit = pageLimit(page.limit);
  const rows = await db().membership.findMany({
    where: { AND: [{ companyId }, afterCursor(decodeTimeCursor(page.cursor), "asc")] },
    select: memberSelect,
    orderBy: keysetOrder("asc"),
    take: limit + 1,
  });
  const shown = pageOf(rows, limit);
  return { items: shown.rows.map(toRow), nextCursor: shown.nextCursor };
}

async function memberOfCompany(client: DbOrTx, companyId: string, membershipId: unknown): Promise<MemberRow> {
  if (!looksLikeId(membershipId, "mem")) throw new AppError("not_found", NOT_FOUND_MEMBER);
  const m = await client.membership.findFirst({ where: { id: membershipId, companyId }, select: memberSelect });
  if (!m) throw new AppError("not_found", NOT_FOUND_MEMBER);
  return toRow(m);
}

/** One member of the company, with the apps they own there (another company's member is not found). */
export async function getMember(actor: Person, companyId: string, membershipId: unknown): Promise<MemberDetail> {
  await requireCompanyRole(db(), actor, companyId, "members.read");
  const member = await memberOfCompany(db(), companyId, membershipId);
  const allApps = await appsOwnedBy(db(), companyId, member.user.id);
  return { ...member, apps: allApps.filter((a) => a.status !== "SUSPENDED"), allApps };
}

function refuseUngrantable(actorRoles: readonly Role[], wanted: readonly Role[], field: "roles"): void {
  const allowed = grantableRoles(actorRoles);
  const refused = wanted.filter((r) => !allowed.includes(r));
  if (refused.length === 0) return;
  const message =
    `You can grant only roles you hold yourself: ${roleList(refused)} ${refused.length > 1 ? "are" : "is"} not yours to grant.` +
    (allowed.length ? ` You may grant ${roleList(allowed)}.` : "");
  throw new AppError("forbidden", message, { fieldErrors: { [field]: [message] } });
}

async function grantRoles(
  tx: Tx,
  actor: Person,
  companyId: string,
  membershipId: string,
  email: string,
  roles: readonly Role[],
  ctx?: RequestContext | null,
) {
  for (const role of roles) {
    await tx.roleAssignment.create({ data: { id: newId("role"), membershipId, role, grantedById: actor.id } });
    await writeAudit(
      tx,
      actor,
      { event: "role.granted", targetType: "membership", targetId: membershipId, companyId, metadata: { email, role } },
      ctx,
    );
  }
}

export type AddMemberResult =
  | { outcome: "added"; member: MemberRow }
  | { outcome: "invited"; invitation: { id: string; email: string; roles: Role[] }; unverified: boolean };

/**
 * Adds the person with the email to the company with the roles: at once when the account exists,
 * otherwise as a pending invitation that takes effect when that email signs up.
 */
export async function addMember(actor: Person, companyId: string, input: unknown, ctx?: RequestContext | null): Promise<AddMemberResult> {
  const data = parseInput(addMemberSchema, input);
  return db().$transaction(async (tx) => {
    const actorRoles = await lockedCompanyRole(tx, actor, companyId, "members.manage");
    refuseUngrantable(actorRoles, data.roles, "roles");
    const user = await tx.user.findUnique({
      where: { email: data.email },
      select: { id: true, email: true, name: true, status: true, emailVerifiedAt: true },
    });
    // Only a verified address binds at once; an unknown or unverified one waits for the invitation.
    if (!user || !user.emailVerifiedAt) {
      const invitation = await invite(tx, actor, companyId, data.email, data.roles, { merge: false }, ctx);
      return { outcome: "invited", invitation, unverified: Boolean(user) };
    }
    const existing = await tx.membership.findUnique({ where: { companyId_userId: { companyId, userId: user.id } }, select: { id: true } });
    if (existing) {
      const message = `${data.email} is already a member of this company. Change their roles on their page instead.`;
      throw new AppError("conflict", message, { fieldErrors: { email: [message] } });
    }
    if (user.status !== "ACTIVE") {
      const message = `The account ${data.email} is suspended by the platform administrator and cannot be added.`;
      throw new AppError("conflict", message, { fieldErrors: { email: [message] } });
    }
    const membership = await tx.membership.create({ data: { id: newId("membership"), companyId, userId: user.id, addedById: actor.id } });
    await writeAudit(
      tx,
      actor,
      {
        event: "membership.added",
        targetType: "membership",
        targetId: membership.id,
        companyId,
        metadata: { email: user.email, roles: data.roles },
      },
      ctx,
    );
    await grantRoles(tx, actor, companyId, membership.id, user.email, data.roles, ctx);
    await mailAddedToCompany(tx, actor, companyId, user, data.roles);
    return { outcome: "added", member: await memberOfCompany(tx, companyId, membership.id) };
  });
}

export type ChangeResult<T extends string> =
  { outcome: T; suspendedApps: CompanyAppRow[]; actorMayStillManage: boolean } | { outcome: "needs_confirmation"; apps: CompanyAppRow[] };

/** Whether the actor still manages the company's members after the change (they may have stepped down). */
async function stillManages(tx: Tx, actor: Person, companyId: string): Promise<boolean> {
  return can(await rolesIn(tx, actor.id, companyId), "members.manage");
}

/**
 * Sets the member's roles. Roles added must be ones the actor may grant; any role may be taken away,
 * except the company's last Delegated Administrator role. Taking API Developer away suspends the
 * member's apps in the company: without `confirm`, nothing changes and the apps are returned.
 */
export async function setMemberRoles(
  actor: Person,
  companyId: string,
  membershipId: unknown,
  input: unknown,
  opts: { confirm?: boolean } = {},
  ctx?: RequestContext | null,
): Promise<ChangeResult<"updated" | "unchanged">> {
  const data = parseInput(setRolesSchema, input);
  const result = await db().$transaction(async (tx): Promise<ChangeResult<"updated" | "unchanged">> => {
    const actorRoles = await lockedCompanyRole(tx, actor, companyId, "members.manage");
    const member = await memberOfCompany(tx, companyId, membershipId);
    const current = member.roles.map((r) => r.role);
    const added = data.roles.filter((r) => !current.includes(r));
    const removed = current.filter((r) => !data.roles.includes(r));
    refuseUngrantable(actorRoles, added, "roles");
    if (added.length === 0 && removed.length === 0) return { outcome: "unchanged", suspendedApps: [], actorMayStillManage: true };

    const losesDeveloper = removed.includes("API_DEVELOPER");
    if (losesDeveloper && !opts.confirm) {
      const apps = await appsAtStake(tx, companyId, member.user.id);
      if (apps.length) return { outcome: "needs_confirmation", apps };
    }
    for (const role of removed) {
      await tx.roleAssignment.delete({ where: { membershipId_role: { membershipId: member.membershipId, role } } });
      await writeAudit(
        tx,
        actor,
        {
          event: "role.revoked",
          targetType: "membership",
          targetId: member.membershipId,
          companyId,
          metadata: { email: member.user.email, role },
        },
        ctx,
      );
    }
    await grantRoles(tx, actor, companyId, member.membershipId, member.user.email, added, ctx);
    if (removed.includes("DELEGATED_ADMIN")) await assertKeepsDelegatedAdmin(tx, companyId);
    const companyRow = await tx.company.findUnique({ where: { id: companyId }, select: { name: true } });
    await mailRolesChanged(tx, member.user.id, companyRow?.name ?? "your company", data.roles, actor.email);
    const suspendedApps = losesDeveloper
      ? await suspendAppsOwnedBy(
          tx,
          actor,
          companyId,
          member.user,
          `Its owner ${member.user.email} no longer holds the API Developer role`,
          ctx,
        )
      : [];
    return { outcome: "updated", suspendedApps, actorMayStillManage: await stillManages(tx, actor, companyId) };
  });
  if (result.outcome !== "needs_confirmation") invalidate("apps", { appIds: result.suspendedApps.map((a) => a.id) });
  return result;
}

/**
 * Removes the member from the company. The last Delegated Administrator cannot be removed. The
 * member's apps in the company are suspended: without `confirm`, nothing changes and they are returned.
 */
export async function removeMember(
  actor: Person,
  companyId: string,
  membershipId: unknown,
  opts: { confirm?: boolean } = {},
  ctx?: RequestContext | null,
): Promise<ChangeResult<"removed">> {
  const result = await db().$transaction(async (tx): Promise<ChangeResult<"removed">> => {
    await lockedCompanyRole(tx, actor, companyId, "members.manage");
    const member = await memberOfCompany(tx, companyId, membershipId);
    if (!opts.confirm) {
      const apps = await appsAtStake(tx, companyId, member.user.id);
      if (apps.length) return { outcome: "needs_confirmation", apps };
    }
    await tx.roleAssignment.deleteMany({ where: { membershipId: member.membershipId } });
    await tx.membership.delete({ where: { id: member.membershipId } });
    if (member.roles.some((r) => r.role === "DELEGATED_ADMIN")) await assertKeepsDelegatedAdmin(tx, companyId);
    await writeAudit(
      tx,
      actor,
      {
        event: "membership.removed",
        targetType: "membership",
        targetId: member.membershipId,
        companyId,
        metadata: { email: member.user.email, roles: member.roles.map((r) => r.role) },
      },
      ctx,
    );
    const suspendedApps = await suspendAppsOwnedBy(
      tx,
      actor,
      companyId,
      member.user,
      `Its owner ${member.user.email} was removed from the company`,
      ctx,
    );
    await revokeLeaverPersonalTokens(tx, actor, companyId, member.user, ctx);
    return { outcome: "removed", suspendedApps, actorMayStillManage: await stillManages(tx, actor, companyId) };
  });
  if (result.outcome !== "needs_confirmation") invalidate("apps", { appIds: result.suspendedApps.map((a) => a.id) });
  return result;
}

export const LAST_DA_LEAVING = "You are the last Delegated Administrator of this company: make someone else one before you leave.";

/**
 * The person leaves a company of their own accord (/account "Leave company"): the same leaver flow as a
 * removal — roles and membership go, the apps they registered there are suspended until the company
 * reassigns them, their personal access tokens for it are revoked — audited as `membership.left`. A
 * company's last Delegated Administrator cannot leave.
 */
export async function leaveCompany(
  person: Person,
  companyId: unknown,
  ctx?: RequestContext | null,
): Promise<{ companyName: string; suspendedApps: CompanyAppRow[] }> {
  if (!looksLikeId(companyId, "cmp")) throw new AppError("not_found", NOT_FOUND_COMPANY);
  const result = await db().$transaction(async (tx) => {
    await lockCompany(tx, companyId);
    const membership = await tx.membership.findUnique({
      where: { companyId_userId: { companyId, userId: person.id } },
      select: {
        id: true,
        roles: { select: { role: true } },
        company: { select: { name: true } },
        user: { select: { id: true, email: true } },
      },
    });
    if (!membership) throw new AppError("not_found", NOT_FOUND_COMPANY);
    const roles = membership.roles.map((r) => r.role);
    await tx.roleAssignment.deleteMany({ where: { membershipId: membership.id } });
    await tx.membership.delete({ where: { id: membership.id } });
    if (roles.includes("DELEGATED_ADMIN") && (await delegatedAdminCount(tx, companyId)) === 0) {
      throw new AppError("conflict", LAST_DA_LEAVING);
    }
    await writeAudit(
      tx,
      person,
      {
        event: "membership.left",
        targetType: "membership",
        targetId: membership.id,
        companyId,
        metadata: { email: membership.user.email, roles },
      },
      ctx,
    );
    const suspendedApps = await suspendAppsOwnedBy(
      tx,
      person,
      companyId,
      membership.user,
      `Its owner ${membership.user.email} left the company`,
      ctx,
    );
    await revokeLeaverPersonalTokens(tx, person, companyId, membership.user, ctx);
    return { companyName: membership.company.name, suspendedApps };
  });
  invalidate("apps", { appIds: result.suspendedApps.map((a) => a.id) });
  return result;
}

/** The companies the person belongs to, and whether they are the last Delegated Administrator of each (/account). */
export async function companiesOf(
  userId: string,
): Promise<{ companyId: string; companyName: string; roles: Role[]; lastAdmin: boolean }[]> {
  const rows = await db().membership.findMany({
    where: { userId },
    select: { companyId: true, company: { select: { name: true } }, roles: { select: { role: true } } },
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(
    rows.map(async (m) => {
      const roles = m.roles.map((r) => r.role).filter(isRole);
      const lastAdmin = roles.includes("DELEGATED_ADMIN") && (await delegatedAdminCount(db(), m.companyId)) <= 1;
      return { companyId: m.companyId, companyName: m.company.name, roles, lastAdmin };
    }),
  );
}

/**
 * A leaver's personal access tokens for the company are revoked with the membership (each one audited),
 * so the company's token list shows them as revoked rather than as live tokens of someone who left. (A
 * token of a non-member already answers 401 at use: its owner holds no role there.)
 */
export async function revokeLeaverPersonalTokens(
  tx: Tx,
  actor: Person,
  companyId: string,
  leaver: { id: string; email: string },
  ctx?: RequestContext | null,
): Promise<void> {
  const tokens = await tx.personalAccessToken.findMany({
    where: { userId: leaver.id, companyId, revokedAt: null },
    select: { id: true, name: true },
  });
  if (!tokens.length) return;
  await tx.personalAccessToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { revokedAt: new Date() } });
  for (const t of tokens) {
    await writeAudit(
      tx,
      actor,
      {
        event: "personal_token.revoked",
        targetType: "personal_token",
        targetId: t.id,
        companyId,
        metadata: { name: t.name, owner: leaver.email, reason: "owner removed from the company" },
      },
      ctx,
    );
  }
}

/** The email of a member the company's audit log says was removed (for the "was removed" notice). */
export async function removedMemberEmail(actor: Person, companyId: string, membershipId: unknown): Promise<string | null> {
  if (!looksLikeId(membershipId, "mem")) return null;
  await requireCompanyRole(db(), actor, companyId, "members.read");
  const entry = await db().auditLog.findFirst({
    where: { targetType: "membership", targetId: membershipId, companyId, event: "membership.removed" },
    select: { metadata: true },
  });
  const email = (entry?.metadata as { email?: unknown } | null)?.email;
  return typeof email === "string" ? email : null;
}
