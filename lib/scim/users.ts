import "server-only";
// SCIM 2.0 Users (RFC 7643/7644) of one company, in the shapes Entra ID and Okta send. A SCIM user is
// a person of a domain the company verified; active = a member of the company. Deactivating (PATCH
// active false, PUT with active false) or DELETE makes them a leaver: the membership ends and the leaver
// flow runs (apps suspended, secrets and tokens revoked, personal access tokens revoked), and the
// identity provider's sign-in no longer brings them back until they are active again.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { suspendAppsOwnedBy } from "../companies/app-ownership";
import { assertKeepsDelegatedAdmin, lockCompany } from "../companies/guards";
import { revokeLeaverPersonalTokens } from "../companies/members";
import { db, isUniqueViolation, type Tx } from "../db";
import { newId, randomBase62 } from "../ids";
import type { Role } from "../permissions";
import { hashPassword } from "../security/passwords";
import type { RequestContext } from "../server/request-context";
import { signInConnectionOf } from "../sso/connections";
import { verifiedDomainCompany } from "../sso/domains";
import { endSessions } from "../users/sessions";
import { emailSchema } from "../validation/common";
import { MAX_RESULTS } from "./discovery";
import { applyScimGroupRoles } from "./group-roles";
import type { ScimCaller } from "./tokens";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** A SCIM error (RFC 7644 3.12). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }
}

/**
 * What a list request asks for (RFC 7644 3.4.2): the filter `<attribute> eq "value"` on one of
 * `attributes` (null without one; any other filter is a 400), and the page: startIndex from 1, count
 * from 0 to MAX_RESULTS (100 when not given).
 */
export function listRequest<A extends string>(query: URLSearchParams, attributes: readonly A[]) {
  const text = query.get("filter")?.trim();
  let filter: { attribute: A; value: string } | null = null;
  if (text) {
    const m = /^(\w+)\s+eq\s+"((?:[^"\\]|\\.)*)"$/i.exec(text);
    const attribute = m ? attributes.find((a) => a.toLowerCase() === m[1]!.toLowerCase()) : undefined;
    if (!m || !attribute) {
      throw new ScimError(400, `Supported filters: ${attributes.map((a) => `${a} eq "…"`).join(" and ")}.`, "invalidFilter");
    }
    filter = { attribute, value: m[2]!.replace(/\\(.)/g, "$1") };
  }
  const startIndex = Math.max(1, Number(query.get("startIndex") ?? 1) || 1);
  const count = Math.min(MAX_RESULTS, Math.max(0, Number(query.get("count") ?? 100) || 0));
  return { filter, startIndex, count };
}

type ScimRow = {
  id: string;
  companyId: string;
  userId: string;
  userName: string;
  externalId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};
type UserRow = { id: string; email: string; name: string };

export function resourceOf(row: ScimRow, user: UserRow, baseUrl: string) {
  return {
    schemas: [USER_SCHEMA],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.userName,
    name: { formatted: user.name },
    displayName: user.name,
    emails: [{ value: user.email, type: "work", primary: true }],
    active: row.active,
    meta: {
      resourceType: "User",
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${row.id}`,
    },
  };
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);
/** Entra sends "True"/"False" strings in PATCH; Okta sends booleans. */
function bool(v: unknown): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return undefined;
}

function displayNameOf(body: Record<string, unknown>): string | undefined {
  const name = obj(body.name);
  const joined = [str(name.givenName), str(name.familyName)].filter(Boolean).join(" ");
  return str(body.displayName) ?? str(name.formatted) ?? (joined || undefined);
}

function primaryEmail(body: Record<string, unknown>): string | undefined {
  const emails = Array.isArray(body.emails) ? body.emails.map(obj) : [];
  return str((emails.find((e) => e.primary === true || e.primary === "true") ?? emails[0])?.value);
}

async function rowOf(caller: ScimCaller, id: string) {
  const row = await db().scimUser.findFirst({ where: { id, companyId: caller.companyId } });
  if (!row) throw new ScimError(404, `User ${id} not found`);
  const user = await db().user.findUniqueOrThrow({ where: { id: row.userId }, select: { id: true, email: true, name: true } });
  return { row, user };
}

async function defaultRolesOf(companyId: string): Promise<Role[]> {
  const connection = await signInConnectionOf(companyId);
  return connection?.defaultRoles.length ? connection.defaultRoles : ["API_DEVELOPER"];
}

const via = { via: "scim" };

/** Membership with the connection's default roles (when there is none). */
async function ensureMember(tx: Tx, caller: ScimCaller, user: UserRow, roles: Role[], ctx: RequestContext | null) {
  const existing = await tx.membership.findUnique({ where: { companyId_userId: { companyId: caller.companyId, userId: user.id } } });
  if (existing) return;
  const m = await tx.membership.create({
    data: { id: newId("membership"), companyId: caller.companyId, userId: user.id, addedById: caller.actor.id },
  });
  for (const role of roles)
    await tx.roleAssignment.create({ data: { id: newId("role"), membershipId: m.id, role, grantedById: caller.actor.id } });
  await writeAudit(
    tx,
    caller.actor,
    {
      event: "membership.added",
      targetType: "membership",
      targetId: m.id,
      companyId: caller.companyId,
      metadata: { email: user.email, roles, ...via },
    },
    ctx,
  );
}

/** The leaver flow for a deprovisioned person. Returns the ids of the apps suspended. */
async function endMembership(tx: Tx, caller: ScimCaller, user: UserRow, ctx: RequestContext | null): Promise<string[]> {
  const m = await tx.membership.findUnique({
    where: { companyId_userId: { companyId: caller.companyId, userId: user.id } },
    include: { roles: true },
  });
  if (!m) return [];
  await tx.roleAssignment.deleteMany({ where: { membershipId: m.id } });
  await tx.membership.delete({ where: { id: m.id } });
  if (m.roles.some((r) => r.role === "DELEGATED_ADMIN")) {
    try {
      await assertKeepsDelegatedAdmin(tx, caller.companyId);
    } catch {
      throw new ScimError(409, "This person is the company's last Delegated Administrator; make someone else one first.", "mutability");
    }
  }
  await writeAudit(
    tx,
    caller.actor,
    {
      event: "membership.removed",
      targetType: "membership",
      targetId: m.id,
      companyId: caller.companyId,
      metadata: { email: user.email, roles: m.roles.map((r) => r.role), ...via },
    },
    ctx,
  );
  const apps = await suspendAppsOwnedBy(
    tx,
    caller.actor,
    caller.companyId,
    user,
    `Its owner ${user.email} was deprovisioned by the identity provider`,
    ctx,
  );
  await revokeLeaverPersonalTokens(tx, caller.actor, caller.companyId, user, ctx);
  return apps.map((a) => a.id);
}

async function setActive(
  caller: ScimCaller,
  row: ScimRow,
  user: UserRow,
  active: boolean,
  extra: { displayName?: string; externalId?: string },
  ctx: RequestContext | null,
) {
  const roles = active && !row.active ? await defaultRolesOf(caller.companyId) : [];
  let suspended: string[] = [];
  const updated = await db().$transaction(async (tx) => {
    await lockCompany(tx, caller.companyId);
    if (active !== row.active) {
      if (active) await ensureMember(tx, caller, user, roles, ctx);
      else suspended = await endMembership(tx, caller, user, ctx);
    }
    if (extra.displayName && extra.displayName !== user.name)
      await tx.user.update({ where: { id: user.id }, data: { name: extra.displayName.slice(0, 100) } });
    const u = await tx.scimUser.update({
      where: { id: row.id },
      data: { active, ...(extra.externalId !== undefined ? { externalId: extra.externalId } : {}) },
    });
    // Back in the company: the groups they are still in give their roles again.
    if (active && !row.active) suspended = await applyScimGroupRoles(tx, caller.actor, caller.companyId, [row.id], ctx);
    await writeAudit(
      tx,
      caller.actor,
      {
        event: active === row.active ? "scim.user_updated" : active ? "scim.user_activated" : "scim.user_deactivated",
        targetType: "user",
        targetId: user.id,
        companyId: caller.companyId,
        metadata: { email: user.email, userName: row.userName, active },
      },
      ctx,
    );
    return u;
  });
  if (suspended.length) invalidate("apps", { appIds: suspended });
  if (!active && row.active && !(await db().membership.count({ where: { userId: user.id } }))) await endSessions(user.id);
  const fresh = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, email: true, name: true } });
  return { row: updated, user: fresh };
}

export async function createScimUser(caller: ScimCaller, input: unknown, baseUrl: string, ctx: RequestContext | null) {
  const body = obj(input);
  const userName = str(body.userName);
  if (!userName) throw new ScimError(400, "userName is required.", "invalidValue");
  const email = emailSchema.safeParse(primaryEmail(body) ?? userName);
  if (!email.success) throw new ScimError(400, "The user needs an email address (emails or userName).", "invalidValue");
  if ((await verifiedDomainCompany(email.data)) !== caller.companyId) {
    throw new ScimError(400, `${email.data} is not in a domain your company verified on the Single sign-on page.`, "invalidValue");
  }
  const active = bool(body.active) ?? true;
  const existing = await db().scimUser.findFirst({ where: { companyId: caller.companyId, userName: userName.toLowerCase() } });
  if (existing) throw new ScimError(409, `A user with userName ${userName} already exists.`, "uniqueness");
  const needsAccount = !(await db().user.findUnique({ where: { email: email.data }, select: { id: true } }));
  const passwordHash = needsAccount ? await hashPassword(randomBase62(40)) : null;
  const roles = await defaultRolesOf(caller.companyId);
  const name = displayNameOf(body) ?? email.data;
  try {
    const out = await db().$transaction(async (tx) => {
      await lockCompany(tx, caller.companyId);
      let user = await tx.user.findUnique({
        where: { email: email.data },
        select: { id: true, email: true, name: true, status: true, emailVerifiedAt: true },
      });
      if (!user) {
        if (!passwordHash) throw new ScimError(409, "The account changed meanwhile; retry.", "uniqueness");
        user = await tx.user.create({
          data: { id: newId("user"), email: email.data, name: name.slice(0, 100), passwordHash, emailVerifiedAt: new Date() },
          select: { id: true, email: true, name: true, status: true, emailVerifiedAt: true },
        });
      } else if (!user.emailVerifiedAt) {
        await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
      }
      const row = await tx.scimUser.create({
        data: {
          id: newId("scimUser"),
          companyId: caller.companyId,
          userId: user.id,
          userName: userName.toLowerCase(),
          externalId: str(body.externalId) ?? null,
          active,
        },
      });
      if (active) await ensureMember(tx, caller, user, roles, ctx);
      await writeAudit(
        tx,
        caller.actor,
        {
          event: "scim.user_created",
          targetType: "user",
          targetId: user.id,
          companyId: caller.companyId,
          metadata: { email: user.email, userName: row.userName, active },
        },
        ctx,
      );
      return { row, user };
    });
    return resourceOf(out.row, out.user, baseUrl);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ScimError(409, `${email.data} is provisioned already.`, "uniqueness");
    throw error;
  }
}

export async function getScimUser(caller: ScimCaller, id: string, baseUrl: string) {
  const { row, user } = await rowOf(caller, id);
  return resourceOf(row, user, baseUrl);
}

export async function listScimUsers(caller: ScimCaller, query: URLSearchParams, baseUrl: string) {
  const { filter, startIndex, count } = listRequest(query, ["userName", "externalId"] as const);
  const where: { companyId: string; userName?: string; externalId?: string } = { companyId: caller.companyId };
  if (filter?.attribute === "userName") where.userName = filter.value.toLowerCase();
  else if (filter) where.externalId = filter.value;
  const [total, rows] = await Promise.all([
    db().scimUser.count({ where }),
    db().scimUser.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  const users = await db().user.findMany({
    where: { id: { in: rows.map((r) => r.userId) } },
    select: { id: true, email: true, name: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => resourceOf(r, byId.get(r.userId)!, baseUrl)),
  };
}

/** PATCH (RFC 7644 3.5.2): Entra's `{op:"Replace", path:"active", value:"False"}` and Okta's `{op:"replace", value:{active:false}}`. */
export async function patchScimUser(caller: ScimCaller, id: string, input: unknown, baseUrl: string, ctx: RequestContext | null) {
  const { row, user } = await rowOf(caller, id);
  const ops = obj(input).Operations;
  if (!Array.isArray(ops)) throw new ScimError(400, "Operations is required.", "invalidSyntax");
  let active = row.active;
  let displayName: string | undefined;
  let externalId: string | undefined;
  for (const raw of ops) {
    const op = obj(raw);
    const kind = String(op.op ?? "").toLowerCase();
    if (!["replace", "add", "remove"].includes(kind)) throw new ScimError(400, `Unsupported op ${String(op.op)}.`, "invalidSyntax");
    const path = str(op.path)?.toLowerCase();
    const values: Record<string, unknown> = path
      ? { [path]: op.value }
      : Object.fromEntries(Object.entries(obj(op.value)).map(([k, v]) => [k.toLowerCase(), v]));
    if ("active" in values) {
      const b = bool(values.active);
      if (b === undefined) throw new ScimError(400, "active must be true or false.", "invalidValue");
      active = b;
    }
    if (kind !== "remove") {
      displayName = str(values.displayname) ?? str(values["name.formatted"]) ?? displayName;
      externalId = str(values.externalid) ?? externalId;
    }
  }
  const out = await setActive(caller, row, user, active, { displayName, externalId }, ctx);
  return resourceOf(out.row, out.user, baseUrl);
}

/** PUT (RFC 7644 3.5.1): the whole resource; `active` decides membership. */
export async function replaceScimUser(caller: ScimCaller, id: string, input: unknown, baseUrl: string, ctx: RequestContext | null) {
  const { row, user } = await rowOf(caller, id);
  const body = obj(input);
  const userName = str(body.userName);
  if (userName && userName.toLowerCase() !== row.userName) throw new ScimError(400, "userName cannot change.", "mutability");
  const active = bool(body.active) ?? true;
  const out = await setActive(caller, row, user, active, { displayName: displayNameOf(body), externalId: str(body.externalId) }, ctx);
  return resourceOf(out.row, out.user, baseUrl);
}

/** DELETE: deprovisioned (leaver flow), and the SCIM resource is gone. */
export async function deleteScimUser(caller: ScimCaller, id: string, ctx: RequestContext | null) {
  const { row, user } = await rowOf(caller, id);
  let suspended: string[] = [];
  await db().$transaction(async (tx) => {
    await lockCompany(tx, caller.companyId);
    suspended = await endMembership(tx, caller, user, ctx);
    await tx.scimUser.delete({ where: { id: row.id } });
    await writeAudit(
      tx,
      caller.actor,
      {
        event: "scim.user_deleted",
        targetType: "user",
        targetId: user.id,
        companyId: caller.companyId,
        metadata: { email: user.email, userName: row.userName },
      },
      ctx,
    );
  });
  if (suspended.length) invalidate("apps", { appIds: suspended });
  if (!(await db().membership.count({ where: { userId: user.id } }))) await endSessions(user.id);
}
