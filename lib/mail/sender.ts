import "server-only";
// Delivers the outbox. One loop per server process (scripts/serve.ts calls startMailSender once):
// every second, or at once when this process wrote a mail, it claims due rows with a lease (so several
// instances never send one row twice), sends them through SMTP_URL with nodemailer, and marks them
// SENT. A failure leaves the row PENDING with a doubling wait (1 s, 2 s, 4 s … MAIL_RETRY_MAX_SECONDS):
// a down SMTP server delays mail and loses none. The Message-ID is the row's id, so a receiver can
// tell a repeat. Without SMTP_URL, mail stays in the outbox and the log prints each action link once.
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "../db";
import { env } from "../env";
import { singleton } from "../runtime/singleton";
import { noticeGraceEnded } from "./notices";

const LEASE_MS = 60_000;
const BATCH = 20;

let transporter: Transporter | null = null; // memo: one SMTP transport per copy, same settings
function transport(): Transporter {
  transporter ??= nodemailer.createTransport(env().smtpUrl!, { from: env().mailFrom });
  return transporter;
}

export function backoffSeconds(attempts: number, max = env().mailRetryMaxSeconds): number {
  return Math.min(max, 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

function messageIdOf(id: string): string {
  const host = new URL(env().consoleUrl).hostname || "console.local";
  return `<${id}@${host}>`;
}

/** Sends what is due once; returns how many were sent. */
export async function deliverDue(now = new Date()): Promise<number> {
  const e = env();
  if (!e.smtpUrl) {
    await logUnsentLinks();
    return 0;
  }
  const due = await db().outboxMail.findMany({
    where: {
      OR: [
        { status: "PENDING", nextAttemptAt: { lte: now } },
        { status: "SENDING", leaseUntil: { lt: now } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) {
    const leaseUntil = new Date(Date.now() + LEASE_MS);
    const claimed = await db().outboxMail.updateMany({
      where: { id, OR: [{ status: "PENDING" }, { status: "SENDING", leaseUntil: { lt: new Date() } }] },
      data: { status: "SENDING", leaseUntil },
    });
    if (claimed.count === 0) continue;
    const mail = await db().outboxMail.findUnique({ where: { id } });
    if (!mail) continue;
    try {
      await transport().sendMail({
        from: e.mailFrom,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.id),
      });
      await db().outboxMail.update({
        where: { id },
        data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, leaseUntil: null, lastError: null },
      });
      sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const wait = backoffSeconds(attempts);
      await db().outboxMail.update({
        where: { id },
        data: {
          status: "PENDING",
          attempts,
          leaseUntil: null,
          nextAttemptAt: new Date(Date.now() + wait * 1000),
          lastError: String((error as Error)?.message ?? error).slice(0, 300),
        },
      });
      // The server is down: the rest waits for the next round rather than failing one by one.
      if (/ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH/.test(String((error as Error)?.message))) {
        await db().outboxMail.updateMany({
          where: { status: "PENDING", nextAttemptAt: { lte: new Date() }, id: { in: due.map((d) => d.id) } },
          data: { nextAttemptAt: new Date(Date.now() + wait * 1000) },
        });
        break;
      }
    }
  }
  return sent;
}

/** Without SMTP_URL: prints each action link once (nothing else can deliver it). */
async function logUnsentLinks(): Promise<void> {
  const rows = await db().outboxMail.findMany({ where: { loggedAt: null, status: "PENDING" }, orderBy: { createdAt: "asc" }, take: BATCH });
  for (const r of rows) {
    const claimed = await db().outboxMail.updateMany({ where: { id: r.id, loggedAt: null }, data: { loggedAt: new Date() } });
    if (claimed.count === 0) continue;
    console.log(
      `[mail] not sent (no SMTP_URL), kept in the outbox: to ${r.toAddress} “${r.subject}”${r.actionUrl ? ` ${r.actionUrl}` : ""}`,
    );
  }
}

const senderState = singleton("mail.sender", () => ({ started: false, poke: undefined as (() => void) | undefined }));
/** Starts the delivery loop of this process (once). */
export function startMailSender(opts: { intervalMs?: number } = {}): () => void {
  if (senderState.started) return () => {};
  senderState.started = true;
  const interval = opts.intervalMs ?? 1000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let stopped = false;
  let lastGraceCheck = 0;
  const tick = async () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    if (timer) clearTimeout(timer);
    try {
      if (Date.now() - lastGraceCheck > 60_000) {
        lastGraceCheck = Date.now();
        await noticeGraceEnded(db());
      }
      do {
        again = false;
        // A full batch means a backlog (after an outage, or mail written while no SMTP server was set):
        // keep sending rather than BATCH a second.
        if ((await deliverDue()) >= BATCH) again = true;
      } while (again && !stopped);
    } catch (error) {
      console.error("[mail] delivery round failed:", (error as Error).message);
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(tick, interval);
      timer?.unref?.();
    }
  };
  senderState.poke = () => void tick();
  timer = setTimeout(tick, 200);
  timer.unref?.();
  return () => {
    stopped = true;
    senderState.started = false;
    if (timer) clearTimeout(timer);
  };
}
