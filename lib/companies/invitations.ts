import "server-only";
// Pending invitations (nominations) bind to the account that owns the email, when that account
// is created. Roles come from the invitation, recorded as granted by whoever invited.
import type { Tx } from "../db";
import { writeAudit } from "../audit";
import { newId } from "../ids";
import { isRole } from "../permissions";
import type { RequestContext } from "../request-context";
import { z } from "zod";

const rolesJson = z.array(z.string()).catch([]);

/** Applies every pending invitation for the user's email. Call inside the sign-up transaction. */
export async function acceptPendingInvitations(
  tx: Tx,
  user: { id: string; email: string },
  ctx?: RequestContext | null,
): Promise<number> {
  const pending = await tx.invitation.findMany({ where: { email: user.email, status: "PENDING" }, orderBy: { createdAt: "asc" } });
  for (const inv of pending) {
    const membership =
      (await tx.membership.findUnique({ where: { companyId_userId: { companyId: inv.companyId, userId: user.id } } })) ??
      (await tx.membership.create({
        data: { id: newId("membership"), companyId: inv.companyId, userId: user.id, addedById: inv.invitedById },
      }));
    for (const role of rolesJson.parse(inv.roles).filter(isRole)) {
      await tx.roleAssignment.upsert({
        where: { membershipId_role: { membershipId: membership.id, role } },
        create: { id: newId("role"), membershipId: membership.id, role, grantedById: inv.invitedById },
        update: {},
      });
    }
    await tx.invitation.update({
      where: { id: inv.id },
      data: { status: "ACCEPTED", acceptedById: user.id, acceptedAt: new Date() },
    });
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "invitation.accepted", targetType: "invitation", targetId: inv.id, companyId: inv.companyId, metadata: { roles: inv.roles } },
      ctx,
    );
  }
  return pending.length;
}
