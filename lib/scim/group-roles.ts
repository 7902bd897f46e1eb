import "server-only";
// SCIM group membership → console roles: a person's SCIM_GROUPS roles become what the names of the
// groups they are in map to (the connection's group → role mapping, the same one the groups claim uses;
// the rule in lib/sso/mapped-roles.ts). Only for people who are members of the company (active).
import type { Person } from "../companies/guards";
import type { Tx } from "../db";
import type { RequestContext } from "../server/request-context";
import { applyMappedRoles, companyGroupMapping, mappedRolesFor } from "../sso/mapped-roles";

/** Re-applies the group roles of the SCIM users; returns the ids of apps suspended (invalidate after commit). */
export async function applyScimGroupRoles(
  tx: Tx,
  actor: Person,
  companyId: string,
  scimUserIds: readonly string[],
  ctx: RequestContext | null,
): Promise<string[]> {
  if (!scimUserIds.length) return [];
  const mapping = await companyGroupMapping(tx, companyId);
  const users = await tx.scimUser.findMany({
    where: { companyId, id: { in: [...new Set(scimUserIds)] }, active: true },
    select: { userId: true, groups: { select: { group: { select: { displayName: true } } } } },
  });
  const suspended: string[] = [];
  for (const u of users) {
    const membership = await tx.membership.findUnique({
      where: { companyId_userId: { companyId, userId: u.userId } },
      select: { id: true, user: { select: { id: true, email: true } } },
    });
    if (!membership) continue;
    const desired = mappedRolesFor(
      mapping,
      u.groups.map((g) => g.group.displayName),
    );
    const change = await applyMappedRoles(
      tx,
      actor,
      { companyId, membershipId: membership.id, user: membership.user },
      "SCIM_GROUPS",
      desired,
      ctx,
    );
    suspended.push(...change.suspendedAppIds);
  }
  return suspended;
}
