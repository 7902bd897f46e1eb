import "server-only";
// Checks every company module repeats inside its own transaction, from the database (never from what
// the page or the client believed): who the actor is in the company, and a per-company lock.
import type { DbOrTx, Tx } from "../db";
import { AppError } from "../errors";
import { type Action, can, canPlatform, isRole, type PlatformAction, type Role } from "../permissions";

/** Who does something: the signed-in person (their id and email, as the audit log records them). */
export interface Person {
  id: string;
  email: string;
}

export const NOT_FOUND_COMPANY = "That company was not found.";
export const NOT_FOUND_MEMBER = "That member was not found in this company.";
export const NOT_FOUND_APP = "That app was not found in this company.";
export const NOT_FOUND_INVITATION = "That pending invitation was not found.";

/** The actor's roles in the company (empty when not a member or not active). */
export async function rolesIn(client: DbOrTx, userId: string, companyId: string): Promise<Role[]> {
  // One joined statement (a row per role) where Prisma's nested select made three: every company page
  // and change asks this, some pages twice.
  const rows = await client.$queryRaw<{ status: string; role: string | null }[]>`
    SELECT u."status", r."role"
    FROM "Membership" m
    JOIN "User" u ON u."id" = m."userId"
    LEFT JOIN "RoleAssignment" r ON r."membershipId" = m."id"
    WHERE m."companyId" = ${companyId} AND m."userId" = ${userId}
    ORDER BY r."id" ASC`;
  if (!rows.length || rows[0]!.status !== "ACTIVE") return [];
  return rows.map((r) => r.role).filter((role): role is Role => role !== null && isRole(role));
}

/**
 * The actor's roles when they allow `action` in the company. Anything else — not a member, a
 * company that does not exist, too few roles — is the same "not found", so nothing is revealed.
 */
export async function requireCompanyRole(client: DbOrTx, actor: Person, companyId: string, action: Action): Promise<Role[]> {
  const roles = await rolesIn(client, actor.id, companyId);
  if (!can(roles, action)) throw new AppError("not_found", NOT_FOUND_COMPANY);
  return roles;
}

/** The actor must be an active platform administrator (read from the database). */
export async function requirePlatformActor(client: DbOrTx, actor: Person, action: PlatformAction): Promise<void> {
  const user = await client.user.findUnique({ where: { id: actor.id }, select: { isPlatformAdmin: true, status: true } });
  if (!user || user.status !== "ACTIVE" || !canPlatform(user, action)) throw new AppError("not_found", "The page was not found.");
}

/**
 * Takes the company's row lock for the rest of the transaction (an UPDATE: a row lock on PostgreSQL,
 * the write lock on SQLite), so concurrent membership changes of one company run one after the other
 * and checks such as "the company keeps a Delegated Administrator" see every earlier change.
 */
export async function lockCompany(tx: Tx, companyId: string): Promise<void> {
  const r = await tx.company.updateMany({ where: { id: companyId }, data: { updatedAt: new Date() } });
  if (r.count === 0) throw new AppError("not_found", NOT_FOUND_COMPANY);
}

/** How many Delegated Administrators (active accounts) the company has. */
export async function delegatedAdminCount(client: DbOrTx, companyId: string): Promise<number> {
  return client.roleAssignment.count({
    where: { role: "DELEGATED_ADMIN", membership: { companyId, user: { status: "ACTIVE" } } },
  });
}

export const LAST_DA_MESSAGE = "A company keeps at least one Delegated Administrator. Make someone else a Delegated Administrator first.";

export async function assertKeepsDelegatedAdmin(tx: Tx, companyId: string): Promise<void> {
  if ((await delegatedAdminCount(tx, companyId)) === 0) throw new AppError("conflict", LAST_DA_MESSAGE);
}

export const COMPANY_SUSPENDED_MESSAGE =
  "This company is suspended: its members can look but not change anything. The platform administrator can restore it.";

/** Refuses every change in a suspended company (read inside the caller's transaction). */
export async function assertCompanyWritable(client: DbOrTx, companyId: string): Promise<void> {
  const company = await client.company.findUnique({ where: { id: companyId }, select: { status: true } });
  if (!company) throw new AppError("not_found", NOT_FOUND_COMPANY);
  if (company.status !== "ACTIVE") throw new AppError("forbidden", COMPANY_SUSPENDED_MESSAGE);
}

/**
 * The start of every member and app mutation of a company: take the company lock FIRST, then read the
 * actor's roles (so a demotion committed by a concurrent transaction counts, not one read before the lock), then
 * refuse a suspended company (read-only for its members). Returns the actor's roles.
 */
export async function lockedCompanyRole(tx: Tx, actor: Person, companyId: string, action: Action): Promise<Role[]> {
  await lockCompany(tx, companyId);
  const roles = await requireCompanyRole(tx, actor, companyId, action);
  await assertCompanyWritable(tx, companyId);
  return roles;
}
