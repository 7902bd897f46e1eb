import "server-only";
// What a person authorized: the apps they gave consent to (through the consent page or by giving
// their password to an app), and revoking one, which kills its refresh and access tokens.
import { writeAudit } from "../audit";
import { db } from "../db";
import { notFound } from "../errors";
import type { RequestContext } from "../server/request-context";
import { revokeTokenGrant } from "./revocation";
import { splitScope } from "./tokens";

export interface UserGrant {
  id: string;
  appName: string;
  companyName: string;
  scope: string[];
  grantedAt: Date;
  lastIssuedAt: Date | null;
}

export async function listUserGrants(userId: string): Promise<UserGrant[]> {
  const rows = await db().consentGrant.findMany({
    where: { userId, revokedAt: null },
    include: {
      app: { select: { name: true, company: { select: { name: true } } } },
      tokenGrants: { where: { revokedAt: null }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    appName: r.app.name,
    companyName: r.app.company.name,
    scope: splitScope(r.scope),
    grantedAt: r.createdAt,
    lastIssuedAt: r.tokenGrants[0]?.createdAt ?? null,
  }));
}

/** Revokes one of the person's own consents and every grant issued under it (or for that app). */
export async function revokeUserGrant(user: { id: string; email: string }, consentId: string, ctx: RequestContext | null): Promise<void> {
  const consent = await db().consentGrant.findUnique({ where: { id: consentId }, include: { app: { select: { companyId: true } } } });
  if (!consent || consent.userId !== user.id || consent.revokedAt) throw notFound("The authorization");
  const now = new Date();
  await db().$transaction(async (tx) => {
    await tx.consentGrant.update({ where: { id: consent.id }, data: { revokedAt: now } });
    const grants = await tx.tokenGrant.findMany({
      where: { userId: user.id, appId: consent.appId, revokedAt: null },
      select: { id: true },
    });
    for (const g of grants) await revokeTokenGrant(tx, g.id, "consent_revoked", now);
    await tx.authorizationCode.updateMany({
      where: { userId: user.id, appId: consent.appId, consumedAt: null },
      data: { consumedAt: now },
    });
    await writeAudit(
      tx,
      user,
      {
        event: "consent.revoked",
        targetType: "app",
        targetId: consent.appId,
        companyId: consent.app.companyId,
        metadata: { grants: grants.length },
      },
      ctx,
    );
  });
}
