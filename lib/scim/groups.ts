import "server-only";
// SCIM 2.0 Groups (RFC 7643 4.2, RFC 7644) of one company, in the shapes Entra ID and Okta send:
// create (Okta may send members), read and list (`filter=displayName eq "…"`, `excludedAttributes=members`),
// PATCH — Entra `{op:"Add"|"Remove", path:"members", value:[{value:"<user id>"}]}` and
// `{op:"Replace", path:"displayName", value:"…"}`; Okta `{op:"add", path:"members", value:[…]}`,
// `{op:"remove", path:"members[value eq \"<user id>\"]"}` and `{op:"replace", value:{id, displayName}}` —
// PUT (the whole group, members included) and DELETE. A group's displayName maps to console roles
// through the connection's group → role mapping; every change re-applies its members' roles
// (lib/scim/group-roles.ts). Audited `scim.group_created/updated/deleted`, and each role change.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { lockCompany } from "../companies/guards";
import { db, isUniqueViolation, type Tx } from "../db";
import { newId } from "../ids";
import type { RequestContext } from "../server/request-context";
import { applyScimGroupRoles } from "./group-roles";
import type { ScimCaller } from "./tokens";
import { LIST_SCHEMA, listRequest, ScimError } from "./users";

export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

type GroupRow = { id: string; displayName: string; externalId: string | null; createdAt: Date; updatedAt: Date };
type MemberRef = { id: string; userName: string };

function resourceOf(group: GroupRow, members: MemberRef[] | null, baseUrl: string) {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    ...(group.externalId ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.userName, $ref: `${baseUrl}/Users/${m.id}` })) } : {}),
    meta: {
      resourceType: "Group",
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: `${baseUrl}/Groups/${group.id}`,
    },
  };
}

const withoutMembers = (query?: URLSearchParams) =>
  (query?.get("excludedAttributes") ?? "")
    .split(",")
    .map((a) => a.trim().toLowerCase())
    .includes("members");

async function membersOf(groupIds: string[]): Promise<Map<string, MemberRef[]>> {
  const rows = await db().scimGroupMember.findMany({
    where: { groupId: { in: groupIds } },
    select: { groupId: true, user: { select: { id: true, userName: true } } },
    orderBy: { addedAt: "asc" },
  });
  const out = new Map<string, MemberRef[]>();
  for (const r of rows) out.set(r.groupId, [...(out.get(r.groupId) ?? []), r.user]);
  return out;
}

async function groupOf(caller: ScimCaller, id: string): Promise<GroupRow> {
  const group = await db().scimGroup.findFirst({ where: { id, companyId: caller.companyId } });
  if (!group) throw new ScimError(404, `Group ${id} not found`);
  return group;
}

/** `[{value:"<id>"}, …]` → ids (a lone object counts as a list of one). */
function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => str(obj(v).value) ?? "").filter(Boolean);
}

/** The SCIM users of the company among the ids; an unknown id is a 400 (RFC 7644 3.5.2: invalidValue). */
async function knownUsers(tx: Tx, caller: ScimCaller, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const found = await tx.scimUser.findMany({ where: { companyId: caller.companyId, id: { in: unique } }, select: { id: true } });
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ScimError(400, `No user ${missing[0]} in this company.`, "invalidValue");
  return unique;
}

interface GroupChange {
  displayName?: string;
  externalId?: string | null;
  /** The complete member list (PUT, PATCH replace members) … */
  setMembers?: string[];
  /** … or additions and removals. */
  add: string[];
  remove: string[];
  removeAll: boolean;
}

async function userNames(tx: Tx, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await tx.scimUser.findMany({ where: { id: { in: ids } }, select: { userName: true } });
  return rows.map((r) => r.userName).sort();
}

/** Applies a change to one group (or creates it) under the company lock, re-applies the roles of the people it touches. */
async function commit(caller: ScimCaller, existing: GroupRow | null, change: GroupChange, ctx: RequestContext | null): Promise<GroupRow> {
  let suspended: string[] = [];
  try {
    const group = await db().$transaction(async (tx) => {
      await lockCompany(tx, caller.companyId);
      let group: GroupRow;
      let before: string[] = [];
      if (existing) {
        const fresh = await tx.scimGroup.findFirst({ where: { id: existing.id, companyId: caller.companyId } });
        if (!fresh) throw new ScimError(404, `Group ${existing.id} not found`);
        before = (await tx.scimGroupMember.findMany({ where: { groupId: fresh.id }, select: { scimUserId: true } })).map(
          (m) => m.scimUserId,
        );
        group = await tx.scimGroup.update({
          where: { id: fresh.id },
          data: {
            ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
            ...(change.externalId !== undefined ? { externalId: change.externalId } : {}),
            updatedAt: new Date(),
          },
        });
      } else {
        if (!change.displayName) throw new ScimError(400, "displayName is required.", "invalidValue");
        group = await tx.scimGroup.create({
          data: {
            id: newId("scimGroup"),
            companyId: caller.companyId,
            displayName: change.displayName,
            externalId: change.externalId ?? null,
          },
        });
      }
      let after: string[];
      if (change.setMembers) after = await knownUsers(tx, caller, change.setMembers);
      else {
        const adding = await knownUsers(tx, caller, change.add);
        const kept = change.removeAll ? [] : before.filter((id) => !change.remove.includes(id));
        after = [...new Set([...kept, ...adding])];
      }
      const added = after.filter((id) => !before.includes(id));
      const removed = before.filter((id) => !after.includes(id));
      if (removed.length) await tx.scimGroupMember.deleteMany({ where: { groupId: group.id, scimUserId: { in: removed } } });
      for (const scimUserId of added) await tx.scimGroupMember.create({ data: { groupId: group.id, scimUserId } });
      const renamed = existing !== null && group.displayName !== existing.displayName;
      await writeAudit(
        tx,
        caller.actor,
        {
          event: existing ? "scim.group_updated" : "scim.group_created",
          targetType: "scim_group",
          targetId: group.id,
          companyId: caller.companyId,
          metadata: {
            displayName: group.displayName,
            ...(renamed ? { previousDisplayName: existing!.displayName } : {}),
            membersAdded: await userNames(tx, added),
            membersRemoved: await userNames(tx, removed),
          },
        },
        ctx,
      );
      // A new name maps to other roles: everyone in the group; otherwise only those who came or went.
      const touched = renamed ? [...new Set([...before, ...after])] : [...added, ...removed];
      suspended = await applyScimGroupRoles(tx, caller.actor, caller.companyId, touched, ctx);
      return group;
    });
    if (suspended.length) invalidate("apps", { appIds: suspended });
    return group;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ScimError(409, `A group named ${change.displayName ?? ""} exists already.`, "uniqueness");
    throw error;
  }
}

async function answer(group: GroupRow, baseUrl: string, query?: URLSearchParams) {
  const members = withoutMembers(query) ? null : ((await membersOf([group.id])).get(group.id) ?? []);
  return resourceOf(group, members, baseUrl);
}

export async function createScimGroup(caller: ScimCaller, input: unknown, baseUrl: string, ctx: RequestContext | null) {
  const body = obj(input);
  const displayName = str(body.displayName);
  if (!displayName) throw new ScimError(400, "displayName is required.", "invalidValue");
  const taken = await db().scimGroup.findFirst({ where: { companyId: caller.companyId, displayName }, select: { id: true } });
  if (taken) throw new ScimError(409, `A group named ${displayName} exists already.`, "uniqueness");
  const group = await commit(
    caller,
    null,
    { displayName, externalId: str(body.externalId) ?? null, setMembers: memberIds(body.members), add: [], remove: [], removeAll: false },
    ctx,
  );
  return answer(group, baseUrl);
}

export async function getScimGroup(caller: ScimCaller, id: string, baseUrl: string, query?: URLSearchParams) {
  return answer(await groupOf(caller, id), baseUrl, query);
}

export async function listScimGroups(caller: ScimCaller, query: URLSearchParams, baseUrl: string) {
  const { filter, startIndex, count } = listRequest(query, ["displayName", "externalId"] as const);
  const where: { companyId: string; displayName?: string; externalId?: string } = { companyId: caller.companyId };
  if (filter) where[filter.attribute] = filter.value;
  const [total, rows] = await Promise.all([
    db().scimGroup.count({ where }),
    db().scimGroup.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: startIndex - 1, take: count }),
  ]);
  const members = withoutMembers(query) ? null : await membersOf(rows.map((r) => r.id));
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => resourceOf(r, members ? (members.get(r.id) ?? []) : null, baseUrl)),
  };
}

const MEMBER_FILTER = /^members\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i;

/** PATCH (RFC 7644 3.5.2) in Entra's and Okta's shapes (see the top of this file). */
export async function patchScimGroup(caller: ScimCaller, id: string, input: unknown, baseUrl: string, ctx: RequestContext | null) {
  const group = await groupOf(caller, id);
  const ops = obj(input).Operations;
  if (!Array.isArray(ops)) throw new ScimError(400, "Operations is required.", "invalidSyntax");
  const change: GroupChange = { add: [], remove: [], removeAll: false };
  const addMembers = (ids: string[]) => {
    if (change.setMembers) change.setMembers = [...new Set([...change.setMembers, ...ids])];
    else change.add.push(...ids);
  };
  const removeMembers = (ids: string[]) => {
    if (change.setMembers) change.setMembers = change.setMembers.filter((m) => !ids.includes(m));
    else {
      change.remove.push(...ids);
      change.add = change.add.filter((m) => !ids.includes(m));
    }
  };
  for (const raw of ops) {
    const op = obj(raw);
    const kind = String(op.op ?? "").toLowerCase();
    if (!["add", "remove", "replace"].includes(kind)) throw new ScimError(400, `Unsupported op ${String(op.op)}.`, "invalidSyntax");
    const path = str(op.path);
    const filtered = path ? MEMBER_FILTER.exec(path) : null;
    if (filtered) {
      if (kind !== "remove") throw new ScimError(400, "Only remove takes a members[value eq …] path.", "invalidPath");
      removeMembers([filtered[1]!.replace(/\\(.)/g, "$1")]);
      continue;
    }
    const values: Record<string, unknown> = path
      ? { [path.toLowerCase()]: op.value }
      : Object.fromEntries(Object.entries(obj(op.value)).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [key, value] of Object.entries(values)) {
      if (key === "members") {
        const ids = memberIds(value);
        if (kind === "add") addMembers(ids);
        else if (kind === "replace") change.setMembers = ids;
        else if (ids.length) removeMembers(ids);
        else {
          change.setMembers = [];
          change.add = [];
        }
      } else if (key === "displayname") {
        const name = str(value);
        if (kind === "remove" || !name) throw new ScimError(400, "displayName cannot be empty.", "invalidValue");
        change.displayName = name;
      } else if (key === "externalid") {
        change.externalId = kind === "remove" ? null : (str(value) ?? null);
      } else if (key === "id" || key === "schemas" || key === "meta") {
        // Okta's replace repeats the id; nothing to change.
      } else if (path) {
        throw new ScimError(400, `Unsupported path ${path}.`, "invalidPath");
      }
    }
  }
  if (change.displayName && change.displayName !== group.displayName) {
    const taken = await db().scimGroup.findFirst({
      where: { companyId: caller.companyId, displayName: change.displayName },
      select: { id: true },
    });
    if (taken) throw new ScimError(409, `A group named ${change.displayName} exists already.`, "uniqueness");
  }
  return answer(await commit(caller, group, change, ctx), baseUrl);
}

/** PUT (RFC 7644 3.5.1): the whole group; members absent = none. */
export async function replaceScimGroup(caller: ScimCaller, id: string, input: unknown, baseUrl: string, ctx: RequestContext | null) {
  const group = await groupOf(caller, id);
  const body = obj(input);
  const displayName = str(body.displayName);
  if (!displayName) throw new ScimError(400, "displayName is required.", "invalidValue");
  return answer(
    await commit(
      caller,
      group,
      { displayName, externalId: str(body.externalId) ?? null, setMembers: memberIds(body.members), add: [], remove: [], removeAll: false },
      ctx,
    ),
    baseUrl,
  );
}

/** DELETE: the group is gone; its members lose the roles only it gave them. */
export async function deleteScimGroup(caller: ScimCaller, id: string, ctx: RequestContext | null) {
  const group = await groupOf(caller, id);
  let suspended: string[] = [];
  await db().$transaction(async (tx) => {
    await lockCompany(tx, caller.companyId);
    const members = (await tx.scimGroupMember.findMany({ where: { groupId: group.id }, select: { scimUserId: true } })).map(
      (m) => m.scimUserId,
    );
    const names = await userNames(tx, members);
    const gone = await tx.scimGroup.deleteMany({ where: { id: group.id, companyId: caller.companyId } });
    if (gone.count !== 1) throw new ScimError(404, `Group ${id} not found`);
    await writeAudit(
      tx,
      caller.actor,
      {
        event: "scim.group_deleted",
        targetType: "scim_group",
        targetId: group.id,
        companyId: caller.companyId,
        metadata: { displayName: group.displayName, members: names },
      },
      ctx,
    );
    suspended = await applyScimGroupRoles(tx, caller.actor, caller.companyId, members, ctx);
  });
  if (suspended.length) invalidate("apps", { appIds: suspended });
}
