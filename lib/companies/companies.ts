import "server-only";
// Companies, as the platform administrator sees them: create (with one or more nominated Delegated
// Administrators), list and search, open one, suspend and restore (a suspended company's apps get no
// tokens: the token service checks Company.status), nominate more DAs.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { db, isUniqueViolation, type Tx } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { NOMINATED_DA_ROLES, type Role } from "../permissions";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { companyNameKey, companyStatusSchema, createCompanySchema, looksLikeId, nominateSchema } from "../validation/companies";
import { apiAccessOf, type ApiAccessRow } from "./api-access";
import { lockCompany, NOT_FOUND_COMPANY, type Person, requirePlatformActor } from "./guards";
import { invite, type PendingInvitation, pendingInvitationsOf } from "./invitations";
import { mailAddedToCompany, type MemberRow, membersOf, roleList } from "./members";

export interface Nomination {
  email: string;
  outcome: "attached" | "invited";
  /** The account exists but its address is not verified yet (the nomination waits). */
  unverified?: boolean;
  roles: Role[];
}

/**
 * Makes the person with the email a Delegated Administrator of the company: at once when the account
 * exists, otherwise as a pending invitation that binds to whoever signs up with that email.
 */
async function nominate(tx: Tx, actor: Person, companyId: string, email: string, ctx?: RequestContext | null): Promise<Nomination> {
  const user = await tx.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, status: true, emailVerifiedAt: true },
  });
  // Only a verified address binds at once; an unknown or unverified one waits for the invitation.
  if (!user || !user.emailVerifiedAt) {
    const inv = await invite(tx, actor, companyId, email, NOMINATED_DA_ROLES, { merge: true }, ctx);
    return { email, outcome: "invited", roles: inv.roles, ...(user ? { unverified: true } : {}) };
  }
  const refuse = (message: string) => new AppError("conflict", message, { fieldErrors: { daEmails: [message] } });
  if (user.status !== "ACTIVE") throw refuse(`The account ${email} is suspended and cannot be nominated.`);
  let membership = await tx.membership.findUnique({
    where: { companyId_userId: { companyId, userId: user.id } },
    select: { id: true, roles: { select: { role: true } } },
  });
  if (!membership) {
    const created = await tx.membership.create({ data: { id: newId("membership"), companyId, userId: user.id, addedById: actor.id } });
    membership = { id: created.id, roles: [] };
    await writeAudit(
      tx,
      actor,
      { event: "membership.added", targetType: "membership", targetId: created.id, companyId, metadata: { email } },
      ctx,
    );
  }
  const held = membership.roles.map((r) => r.role);
  if (held.includes("DELEGATED_ADMIN")) throw refuse(`${email} is already a Delegated Administrator of this company.`);
  const missing = NOMINATED_DA_ROLES.filter((r) => !held.includes(r));
  for (const role of missing) {
    await tx.roleAssignment.create({ data: { id: newId("role"), membershipId: membership.id, role, grantedById: actor.id } });
    await writeAudit(
      tx,
      actor,
      { event: "role.granted", targetType: "membership", targetId: membership.id, companyId, metadata: { email, role } },
      ctx,
    );
  }
  await mailAddedToCompany(tx, actor, companyId, user, missing);
  return { email, outcome: "attached", roles: missing };
}

export function describeNominations(list: Nomination[]): string {
  return list
    .map((n) =>
      n.outcome === "attached"
        ? `${n.email} is now a Delegated Administrator.`
        : n.unverified
          ? `${n.email} has not verified their email yet: the nomination (${roleList(n.roles)}) is pending and takes effect when they verify this address.`
          : `${n.email} has no account yet: the nomination (${roleList(n.roles)}) is pending and takes effect when they sign up with this email and verify it.`,
    )
    .join(" ");
}

export async function createCompany(
  actor: Person,
  input: unknown,
  ctx?: RequestContext | null,
): Promise<{ company: { id: string; name: string }; nominations: Nomination[] }> {
  const data = parseInput(createCompanySchema, input);
  try {
    return await db().$transaction(async (tx) => {
      await requirePlatformActor(tx, actor, "companies.manage");
      const company = await insertCompany(tx, actor, data.name, { delegatedAdmins: data.daEmails }, ctx);
      const nominations: Nomination[] = [];
      for (const email of data.daEmails) nominations.push(await nominate(tx, actor, company.id, email, ctx));
      return { company, nominations };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(data.name);
    throw error;
  }
}

function nameTaken(name: string): AppError {
  const message = `A company named “${name}” already exists.`;
  return new AppError("conflict", message, { fieldErrors: { name: [message] } });
}

/** The audit entry of a change to the company itself. */
const companyEntry = (event: string, company: { id: string; name: string }, metadata: Record<string, unknown> = {}) => ({
  event,
  targetType: "company",
  targetId: company.id,
  companyId: company.id,
  metadata: { name: company.name, ...metadata },
});

/** A new company (a taken name is a conflict) and its audit entry, inside the caller's transaction. */
async function insertCompany(
  tx: Tx,
  actor: Person,
  name: string,
  metadata: Record<string, unknown>,
  ctx?: RequestContext | null,
): Promise<{ id: string; name: string }> {
  const nameKey = companyNameKey(name);
  if (await tx.company.findUnique({ where: { nameKey }, select: { id: true } })) throw nameTaken(name);
  const company = await tx.company.create({ data: { id: newId("company"), name, nameKey, createdById: actor.id } });
  await writeAudit(tx, actor, companyEntry("company.created", company, metadata), ctx);
  return { id: company.id, name: company.name };
}

/**
 * A company made for the person who asked for it (company sign-up "Open", or an approved request), with
 * them as its Delegated Administrator, inside the caller's transaction. `actor` is who decided.
 */
export async function createCompanyForFounder(
  tx: Tx,
  actor: Person,
  founderEmail: string,
  name: string,
  ctx?: RequestContext | null,
): Promise<{ id: string; name: string }> {
  const company = await insertCompany(tx, actor, name, { delegatedAdmins: [founderEmail], signUp: true }, ctx);
  await nominate(tx, actor, company.id, founderEmail, ctx);
  return company;
}

/** Nominates one or more Delegated Administrators of an existing company. All or nothing. */
export async function nominateDelegatedAdmins(
  actor: Person,
  companyId: unknown,
  input: unknown,
  ctx?: RequestContext | null,
): Promise<Nomination[]> {
  const data = parseInput(nominateSchema, input);
  if (!looksLikeId(companyId, "cmp")) throw new AppError("not_found", NOT_FOUND_COMPANY);
  return db().$transaction(async (tx) => {
    await requirePlatformActor(tx, actor, "companies.manage");
    await lockCompany(tx, companyId);
    const out: Nomination[] = [];
    for (const email of data.daEmails) out.push(await nominate(tx, actor, companyId, email, ctx));
    return out;
  });
}

/** Suspends (its apps get no tokens) or restores a company. */
export async function setCompanyStatus(
  actor: Person,
  companyId: unknown,
  status: unknown,
  ctx?: RequestContext | null,
): Promise<{ name: string; status: string }> {
  const wanted = parseInput(companyStatusSchema, status);
  if (!looksLikeId(companyId, "cmp")) throw new AppError("not_found", NOT_FOUND_COMPANY);
  const result = await db().$transaction(async (tx) => {
    await requirePlatformActor(tx, actor, "companies.manage");
    const company = await tx.company.findUnique({ where: { id: companyId } });
    if (!company) throw new AppError("not_found", NOT_FOUND_COMPANY);
    if (company.status === wanted) {
      throw new AppError("conflict", `${company.name} is already ${wanted === "SUSPENDED" ? "suspended" : "active"}.`);
    }
    await tx.company.update({
      where: { id: company.id },
      data: { status: wanted, suspendedAt: wanted === "SUSPENDED" ? new Date() : null },
    });
    await writeAudit(tx, actor, companyEntry(wanted === "SUSPENDED" ? "company.suspended" : "company.restored", company), ctx);
    return { name: company.name, status: wanted, id: company.id };
  });
  // Its apps get no tokens (or get them again) at once in this process.
  invalidate("company", { companyId: result.id });
  return { name: result.name, status: result.status };
}

export interface CompanyListRow {
  id: string;
  name: string;
  status: string;
  createdAt: Date;
  memberCount: number;
  pendingInvitations: number;
  delegatedAdmins: string[];
  /** Nominated Delegated Administrators who have not signed up (or verified) yet. */
  pendingAdmins: string[];
}

export const COMPANY_PAGE_SIZE = 25;

/**
 * Companies by name, optionally those whose name contains `q` (case-insensitive: the lower-cased
 * nameKey is searched), `COMPANY_PAGE_SIZE` at a time after the `after` name key.
 */
export async function listCompanies(
  actor: Person,
  opts: { q?: string; after?: string; limit?: number } = {},
): Promise<{ items: CompanyListRow[]; nextAfter: string | null }> {
  await requirePlatformActor(db(), actor, "companies.read");
  const q = companyNameKey(String(opts.q ?? "").slice(0, 100));
  const after = typeof opts.after === "string" && opts.after.length <= 200 ? opts.after : undefined;
  const limit = Math.min(Math.max(opts.limit ?? COMPANY_PAGE_SIZE, 1), 100);
  const rows = await db().company.findMany({
    where: { ...(q ? { nameKey: { contains: q } } : {}), ...(after ? { AND: [{ nameKey: { gt: after } }] } : {}) },
    orderBy: { nameKey: "asc" },
    take: limit + 1,
    select: {
      id: true,
      name: true,
      nameKey: true,
      status: true,
      createdAt: true,
      _count: { select: { memberships: true, invitations: { where: { status: "PENDING" } } } },
    },
  });
  const page = rows.slice(0, limit);
  const das = await db().roleAssignment.findMany({
    where: { role: "DELEGATED_ADMIN", membership: { companyId: { in: page.map((c) => c.id) } } },
    select: { membership: { select: { companyId: true, user: { select: { email: true } } } } },
  });
  const nominations = await db().invitation.findMany({
    where: { status: "PENDING", companyId: { in: page.map((c) => c.id) } },
    select: { companyId: true, email: true, roles: true },
  });
  return {
    items: page.map(({ nameKey: _nameKey, _count, ...c }) => ({
      ...c,
      memberCount: _count.memberships,
      pendingInvitations: _count.invitations,
      delegatedAdmins: das
        .filter((d) => d.membership.companyId === c.id)
        .map((d) => d.membership.user.email)
        .sort(),
      pendingAdmins: nominations
        .filter((n) => n.companyId === c.id && Array.isArray(n.roles) && (n.roles as unknown[]).includes("DELEGATED_ADMIN"))
        .map((n) => n.email)
        .sort(),
    })),
    nextAfter: rows.length > limit ? page[page.length - 1]!.nameKey : null,
  };
}

export interface CompanyDetail {
  id: string;
  name: string;
  status: string;
  suspendedAt: Date | null;
  createdAt: Date;
  members: MemberRow[];
  invitations: PendingInvitation[];
  apiAccess: ApiAccessRow[];
  apps: { id: string; name: string; status: string; suspendedReason: string | null; ownerEmail: string | null }[];
}

/** Everything the platform administrator's company page shows. */
export async function getCompanyForAdmin(actor: Person, companyId: unknown): Promise<CompanyDetail> {
  await requirePlatformActor(db(), actor, "companies.read");
  if (!looksLikeId(companyId, "cmp")) throw new AppError("not_found", NOT_FOUND_COMPANY);
  const company = await db().company.findUnique({ where: { id: companyId } });
  if (!company) throw new AppError("not_found", NOT_FOUND_COMPANY);
  const [members, invitations, apiAccess, apps] = await Promise.all([
    membersOf(db(), company.id),
    pendingInvitationsOf(db(), company.id),
    apiAccessOf(db(), company.id),
    db().app.findMany({
      where: { companyId: company.id },
      select: { id: true, name: true, status: true, suspendedReason: true, createdBy: { select: { email: true } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    id: company.id,
    name: company.name,
    status: company.status,
    suspendedAt: company.suspendedAt,
    createdAt: company.createdAt,
    members,
    invitations,
    apiAccess,
    apps: apps.map((a) => ({
      id: a.id,
      name: a.name,
      status: a.status,
      suspendedReason: a.suspendedReason,
      ownerEmail: a.createdBy?.email ?? null,
    })),
  };
}
