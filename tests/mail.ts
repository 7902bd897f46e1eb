// Mail in Vitest: read what a change wrote to the outbox, and follow its link as the person would.
import { db } from "../lib/db";
import { verifyEmail } from "../lib/users/verification";

export async function latestMailTo(to: string, kind?: string) {
  return db().outboxMail.findFirst({
    where: { toAddress: to.toLowerCase(), ...(kind ? { kind } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

/** The token of the link in the newest mail of the kind to the address (from its text part). */
export async function tokenMailedTo(to: string, kind: string, param = "token"): Promise<string> {
  const mail = await latestMailTo(to, kind);
  if (!mail) throw new Error(`no ${kind} mail to ${to}`);
  const m = mail.text.match(new RegExp(`[?&]${param}=([A-Za-z0-9_]+)`)) ?? mail.text.match(/\/invitations\/([A-Za-z0-9_]+)/);
  if (!m) throw new Error(`no link in ${kind} mail to ${to}`);
  return m[1]!;
}

/** Follows the newest verification link mailed to the address. */
export async function verifyAddress(to: string): Promise<void> {
  const outcome = await verifyEmail(await tokenMailedTo(to, "verify_email"));
  if (!outcome.ok) throw new Error(outcome.message);
}
