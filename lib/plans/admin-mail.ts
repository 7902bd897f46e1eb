import "server-only";
// Mail to the platform administrators that a request waits in the Requests inbox.
import type { DbOrTx } from "../db";
import { mailNoticeToEach } from "../mail/notices";

/** Tells the platform administrators that something waits (a link to the inbox: they decide there). */
export async function mailAdminsAboutRequest(tx: DbOrTx, subject: string, facts: [string, string][]): Promise<void> {
  const admins = await tx.user.findMany({ where: { isPlatformAdmin: true, status: "ACTIVE" }, select: { email: true, name: true } });
  await mailNoticeToEach(tx, "notice", admins, {
    subject,
    lines: [`${subject}. Approve or reject it in the Requests inbox.`],
    facts,
    linkPath: "/admin/requests",
  });
}
