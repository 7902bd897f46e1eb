import "server-only";
import type { DbOrTx } from "../db";
import { emitEvent } from "../events/emit";
import type { EventType } from "../events/types";
import { mailNoticeToEach } from "../mail/notices";

/** What sendAppSecretNotice reads of the app. */
export const noticedAppSelect = {
  id: true,
  name: true,
  clientId: true,
  companyId: true,
  status: true,
  createdById: true,
  company: { select: { name: true } },
} as const;

export interface NoticedApp {
  id: string;
  name: string;
  clientId: string;
  companyId: string;
  status: string;
  createdById: string | null;
  company: { name: string };
}

/**
 * Tells the people who look after an app about its Client Secret (expiring, leaked): a security notice to
 * its creator and the company's Delegated Administrators, each only while active with a verified address,
 * and the webhook event with the app. The mail's facts start with the app, its Client ID and company and
 * it links to the app's page; the event's data starts with the company and the app.
 */
export async function sendAppSecretNotice(
  tx: DbOrTx,
  app: NoticedApp,
  notice: { subject: string; text: string; facts: [string, string][] },
  event: { type: EventType; data: Record<string, unknown> },
  now: Date,
): Promise<void> {
  const das = await tx.roleAssignment.findMany({
    where: { role: "DELEGATED_ADMIN", membership: { companyId: app.companyId } },
    select: { membership: { select: { userId: true } } },
  });
  const ids = new Set([...(app.createdById ? [app.createdById] : []), ...das.map((d) => d.membership.userId)]);
  const people = await tx.user.findMany({
    where: { id: { in: [...ids] }, status: "ACTIVE", emailVerifiedAt: { not: null } },
    select: { email: true, name: true },
  });
  await mailNoticeToEach(tx, "security_notice", people, {
    subject: notice.subject,
    lines: [notice.text],
    facts: [["App", app.name], ["Client ID", app.clientId], ["Company", app.company.name], ...notice.facts],
    linkPath: `/apps/${app.id}`,
  });
  await emitEvent(
    tx,
    app.companyId,
    event.type,
    { companyId: app.companyId, app: { id: app.id, clientId: app.clientId, name: app.name, status: app.status }, ...event.data },
    { now },
  );
}
