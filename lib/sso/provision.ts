import "server-only";
// Just-in-time accounts for people arriving through a company's identity provider: the identity
// (connection + subject) names the account; a first arrival gets an account (address verified: the
// company proved the domain) or is linked to the account of that address, and a membership with the
// connection's default roles plus the roles its groups map to. At every later sign-in the roles the
// mapping gave follow the current groups claim (the rule: lib/sso/mapped-roles.ts).
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { lockCompany } from "../companies/guards";
import { db, isUniqueViolation } from "../db";
import { AppError } from "../errors";
import { newId, randomBase62 } from "../ids";
import { type Role, ROLES } from "../permissions";
import { hashPassword } from "../security/passwords";
import type { RequestContext } from "../server/request-context";
import type { ConnectionSecrets } from "./connections";
import { applyMappedRoles, mappedRolesFor } from "./mapped-roles";

export interface IdpPerson {
  subject: string;
  email: string;
  name: string;
  groups: string[];
}

export interface Provisioned {
  userId: string;
  email: string;
  firstSignIn: boolean;
  membershipCreated: boolean;
  roles: Role[];
}

export function rolesFor(connection: Pick<ConnectionSecrets, "defaultRoles" | "groupRoles">, groups: readonly string[]): Role[] {
  const mapped = mappedRolesFor(connection.groupRoles, groups);
  return ROLES.filter((r) => connection.defaultRoles.includes(r) || mapped.includes(r));
}

export async function provisionSsoUser(
  connection: ConnectionSecrets,
  person: IdpPerson,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<Provisioned> {
  const email = person.email.toLowerCase();
  const known = await db().ssoIdentity.findUnique({
    where: { connectionId_subject: { connectionId: connection.id, subject: person.subject } },
  });
  // A new account's password is random and never shown (hashing is slow: outside the transaction).
  const needsAccount = !known && !(await db().user.findUnique({ where: { email }, select: { id: true } }));
  const passwordHash = needsAccount ? await hashPassword(randomBase62(40)) : null;
  const actorFor = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });
  try {
    const out = await db().$transaction(async (tx) => {
      await lockCompany(tx, connection.companyId);
      let user = known ? await tx.user.findUnique({ where: { id: known.userId } }) : await tx.user.findUnique({ where: { email } });
      let firstSignIn = false;
      if (!user) {
        if (!passwordHash) throw new AppError("conflict", "The account changed while signing in. Try again.");
        user = await tx.user.create({ data: { id: newId("user"), email, name: person.name || email, passwordHash, emailVerifiedAt: now } });
        await writeAudit(
          tx,
          actorFor(user),
          {
            event: "user.signed_up",
            targetType: "user",
            targetId: user.id,
            companyId: connection.companyId,
            metadata: { email, via: "sso" },
          },
          ctx,
        );
      } else if (!user.emailVerifiedAt && user.email === email) {
        user = await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
      }
      if (user.status !== "ACTIVE") throw new AppError("forbidden", "This account is suspended.");
      // Deactivated over SCIM: the identity provider's sign-in does not bring them back.
      if (await tx.scimUser.count({ where: { companyId: connection.companyId, userId: user.id, active: false } })) {
        throw new AppError("forbidden", "Your company's identity provider deactivated this account.");
      }
      if (!known) {
        firstSignIn = true;
        await tx.ssoIdentity.create({
          data: { id: newId("ssoIdentity"), connectionId: connection.id, subject: person.subject, userId: user.id, lastSignInAt: now },
        });
      } else {
        await tx.ssoIdentity.update({ where: { id: known.id }, data: { lastSignInAt: now } });
      }
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });

      const companyId = connection.companyId;
      const membership = await tx.membership.findUnique({
        where: { companyId_userId: { companyId, userId: user.id } },
        select: { id: true },
      });
      let membershipCreated = false;
      let suspendedAppIds: string[] = [];
      const mapped = mappedRolesFor(connection.groupRoles, person.groups);
      if (!membership) {
        const roles = rolesFor(connection, person.groups);
        const created = await tx.membership.create({ data: { id: newId("membership"), companyId, userId: user.id } });
        for (const role of roles) {
          // A role only the groups claim gives follows the claim at later sign-ins; a default role stays.
          const source = connection.defaultRoles.includes(role) ? null : "IDP_GROUPS";
          await tx.roleAssignment.create({ data: { id: newId("role"), membershipId: created.id, role, source } });
        }
        await writeAudit(
          tx,
          actorFor(user),
          {
            event: "membership.added",
            targetType: "membership",
            targetId: created.id,
            companyId,
            metadata: { email: user.email, roles, via: "sso" },
          },
          ctx,
        );
        membershipCreated = true;
      } else {
        // Every later sign-in: the roles the mapping gave follow the current groups claim.
        const change = await applyMappedRoles(
          tx,
          actorFor(user),
          { companyId, membershipId: membership.id, user },
          "IDP_GROUPS",
          mapped,
          ctx,
        );
        suspendedAppIds = change.suspendedAppIds;
      }
      const held = await tx.roleAssignment.findMany({ where: { membership: { companyId, userId: user.id } }, select: { role: true } });
      const roles = ROLES.filter((r) => held.some((h) => h.role === r));
      await writeAudit(
        tx,
        actorFor(user),
        {
          event: "sso.signed_in",
          targetType: "user",
          targetId: user.id,
          companyId,
          metadata: { email: user.email, protocol: connection.protocol, connectionId: connection.id, first: firstSignIn },
        },
        ctx,
      );
      return { userId: user.id, email: user.email, firstSignIn, membershipCreated, roles, suspendedAppIds };
    });
    if (out.suspendedAppIds.length) invalidate("apps", { appIds: out.suspendedAppIds });
    const { suspendedAppIds: _, ...provisioned } = out;
    return provisioned;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "Someone signed in as this person at the same moment. Try again.");
    throw error;
  }
}
