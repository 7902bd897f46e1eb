import "server-only";
// The outbox: every email is a row written in the SAME transaction as the change that causes it
// (sign-up, invitation, reset …), so a change never happens without its mail and a rolled-back change
// sends nothing. lib/mail/sender.ts delivers the rows. Reading the outbox is for the platform
// administrator (/admin/outbox); action links are masked there once SMTP_URL delivers them.
import { db, type DbOrTx } from "../db";
import { env } from "../env";
import { newId } from "../ids";
import { singleton } from "../runtime/singleton";
import type { RenderedMail } from "./templates/layout";

export type MailKind = "verify_email" | "password_reset" | "invitation" | "added_to_company" | "notice" | "security_notice";

/** Writes one mail to the outbox inside the caller's transaction. */
export async function enqueueMail(tx: DbOrTx, kind: MailKind, to: string, mail: RenderedMail): Promise<string> {
  const id = newId("mail");
  await tx.outboxMail.create({
    data: {
      id,
      kind,
      toAddress: to.toLowerCase(),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      actionUrl: mail.actionUrl ?? null,
    },
  });
  pokeSender();
  return id;
}

/** Asks this process's sender (scripts/serve.ts started it) to look at the outbox now. */
export function pokeSender(): void {
  const sender = singleton("mail.sender", () => ({ started: false, poke: undefined as (() => void) | undefined }));
  // After the transaction commits: a short delay is enough (the sender also polls every second).
  setTimeout(() => sender.poke?.(), 50).unref?.();
}

/** The base of absolute links in mail. */
export function consoleUrl(): string {
  return env().consoleUrl;
}

export interface OutboxRow {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** The action link, or null when there is none or SMTP delivers it (masked). */
  actionUrl: string | null;
  actionMasked: boolean;
  text: string;
}

const MASK = "[link hidden: delivered by SMTP]";

/** The latest mail (platform administrator's page; the caller checks the permission). */
export async function listOutbox(opts: { to?: string; limit?: number } = {}): Promise<OutboxRow[]> {
  const masked = Boolean(env().smtpUrl);
  const to = opts.to?.trim().toLowerCase().slice(0, 254);
  const rows = await db().outboxMail.findMany({
    where: to ? { toAddress: { contains: to } } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.limit ?? 50, 1), 200),
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.toAddress,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    actionUrl: masked ? null : r.actionUrl,
    actionMasked: masked && Boolean(r.actionUrl),
    text: masked && r.actionUrl ? r.text.replaceAll(r.actionUrl, MASK) : r.text,
  }));
}
