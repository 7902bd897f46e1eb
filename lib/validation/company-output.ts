// What the console's company and admin route handlers send: parsed through these schemas, so only
// the listed fields leave the server (unknown keys are dropped).
import { z } from "zod";

const iso = z.date().transform((d) => d.toISOString());
const person = z.object({ name: z.string(), email: z.string() });

export const memberOut = z.object({
  membershipId: z.string(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  addedAt: iso,
  roles: z.array(z.object({ role: z.string(), grantedBy: person.nullable(), grantedAt: iso })),
});

export const appOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  suspendedReason: z.string().nullable(),
  createdAt: iso,
  owner: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});

export const memberDetailOut = memberOut.extend({ apps: z.array(appOut) });

export const invitationOut = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  invitedBy: person.nullable(),
  createdAt: iso,
});

export const auditOut = z.object({
  id: z.string(),
  createdAt: iso,
  event: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  metadata: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});

export const companyRowOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  createdAt: iso,
  memberCount: z.number(),
  pendingInvitations: z.number(),
  delegatedAdmins: z.array(z.string()),
});

export const companyDetailOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  suspendedAt: iso.nullable(),
  createdAt: iso,
  members: z.array(memberOut),
  invitations: z.array(invitationOut),
  apiAccess: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      slug: z.string(),
      status: z.string(),
      openToAll: z.boolean(),
      choice: z.string(),
      effective: z.boolean(),
    }),
  ),
  apps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      suspendedReason: z.string().nullable(),
      ownerEmail: z.string().nullable(),
    }),
  ),
});
