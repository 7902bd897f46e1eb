import "server-only";
// Roles that come from the company's identity provider through the group → role mapping of its
// connections ("group = API Developer" lines on /company/sso). The rule:
// - A mapped role is recorded with its source: IDP_GROUPS (the groups claim at SSO sign-in) or
//   SCIM_GROUPS (membership of a SCIM group). Default roles and roles a Delegated Administrator grants
//   by hand have no source and are never taken away by the mapping.
// - Each time the source speaks (every SSO sign-in; every SCIM group change), the person's roles of
//   that source become exactly what the mapping gives now: missing ones are granted, the ones the
//   mapping no longer gives are revoked. A role the person already holds (by hand, as a default, or
//   from the other source) is left as it is.
// - The company's last Delegated Administrator role is never revoked this way.
// - Revoking API Developer runs the leaver path for the person's apps, as a DA's role removal does.
// Every grant and revocation is audited (`role.granted` / `role.revoked`, metadata `via`, `source`).
import { writeAudit } from "../audit";
import { suspendAppsOwnedBy } from "../companies/app-ownership";
import { delegatedAdminCount, type Person } from "../companies/guards";
import type { Tx } from "../db";
import { newId } from "../ids";
import { mailRolesChanged } from "../mail/notices";
import { type Role, ROLES } from "../permissions";
import type { RequestContext } from "../server/request-context";
import { groupRolesOf } from "./connections";

export type RoleSource = "IDP_GROUPS" | "SCIM_GROUPS";

/** The roles a list of groups maps to under a mapping. */
export function mappedRolesFor(mapping: Record<string, readonly Role[]>, groups: readonly string[]): Role[] {
  const mapped = new Set(groups.flatMap((g) => mapping[g] ?? []));
  return ROLES.filter((r) => mapped.has(r));
}

/** The company's group → role mapping: the union over its connections (OpenID Connect, SAML). */
export async function companyGroupMapping(tx: Tx, companyId: string): Promise<Record<string, Role[]>> {
  const rows = await tx.ssoConnection.findMany({ where: { companyId }, select: { groupRoles: true } });
  const out: Record<string, Role[]> = {};
  for (const row of rows) {
    for (const [group, roles] of Object.entries(groupRolesOf(row.groupRoles))) {
      out[group] = ROLES.filter((r) => roles.includes(r) || (out[group] ?? []).includes(r));
    }
  }
  return out;
}

export interface MappedRoleChange {
  granted: Role[];
  revoked: Role[];
  /** Roles the mapping no longer gives but that stayed (the company's last Delegated Administrator). */
  kept: Role[];
  /** Apps suspended because API Developer was revoked: the caller invalidates the apps cache after commit. */
  suspendedAppIds: string[];
}

/**
 * Makes the member's roles of `source` what the mapping gives now (inside the caller's transaction,
 * under the company lock). `actor` is who the audit names: the person at sign-in, the SCIM token's DA.
 */
export async function applyMappedRoles(
  tx: Tx,
  actor: Person,
  member: { companyId: string; membershipId: string; user: { id: string; email: string } },
  source: RoleSource,
  desired: readonly Role[],
  ctx: RequestContext | null,
): Promise<MappedRoleChange> {
  const { companyId, membershipId, user } = member;
  const via = source === "IDP_GROUPS" ? "sso" : "scim";
  const held = await tx.roleAssignment.findMany({ where: { membershipId }, select: { role: true, source: true } });
  const heldRoles = new Set(held.map((h) => h.role));
  const granted = ROLES.filter((r) => desired.includes(r) && !heldRoles.has(r));
  const toRevoke = ROLES.filter((r) => held.some((h) => h.role === r && h.source === source) && !desired.includes(r));
  const revoked: Role[] = [];
  const kept: Role[] = [];
  for (const role of granted) {
    await tx.roleAssignment.create({ data: { id: newId("role"), membershipId, role, source } });
    await writeAudit(
      tx,
      actor,
      {
        event: "role.granted",
        targetType: "membership",
        targetId: membershipId,
        companyId,
        metadata: { email: user.email, role, via, source },
      },
      ctx,
    );
  }
  for (const role of toRevoke) {
    if (role === "DELEGATED_ADMIN" && (await delegatedAdminCount(tx, companyId)) <= 1) {
      kept.push(role);
      continue;
    }
    await tx.roleAssignment.delete({ where: { membershipId_role: { membershipId, role } } });
    revoked.push(role);
    await writeAudit(
      tx,
      actor,
      {
        event: "role.revoked",
        targetType: "membership",
        targetId: membershipId,
        companyId,
        metadata: { email: user.email, role, via, source },
      },
      ctx,
    );
  }
  const suspended = revoked.includes("API_DEVELOPER")
    ? await suspendAppsOwnedBy(tx, actor, companyId, user, `Its owner ${user.email} no longer holds the API Developer role`, ctx)
    : [];
  if (granted.length || revoked.length) {
    const now = await tx.roleAssignment.findMany({ where: { membershipId }, select: { role: true } });
    const company = await tx.company.findUnique({ where: { id: companyId }, select: { name: true } });
    await mailRolesChanged(
      tx,
      user.id,
      company?.name ?? "your company",
      now.map((r) => r.role),
      "Your company's identity provider",
    );
  }
  return { granted, revoked, kept, suspendedAppIds: suspended.map((a) => a.id) };
}
