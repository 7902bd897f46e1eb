// The sender against a real SMTP server: a down server delays mail and loses none; each arrives once.
import { describe, expect, it } from "vitest";
import { withTestSmtp } from "../../tests/env";
import { TestSmtpServer } from "../../tests/smtp-server";
import { db } from "../db";
import { enqueueMail } from "./outbox";
import { backoffSeconds, deliverDue } from "./sender";
import { escapeHtml } from "./templates/layout";
import { noticeMail } from "./templates/notice";

const smtp = new TestSmtpServer(Number(process.env.TEST_SMTP_PORT ?? 4551));

withTestSmtp(smtp, { start: false });

/** Other test files write mail into the same outbox at the same time: keep theirs out of these rounds. */
async function onlyOurs(ids: string[]) {
  await db().outboxMail.updateMany({
    where: { id: { notIn: ids }, status: "PENDING" },
    data: { nextAttemptAt: new Date(Date.now() + 3600_000) },
  });
}

const mail = (subject: string) => noticeMail({ subject, lines: ["<b>not html</b>"], consoleUrl: "http://localhost:3000" });

describe("the mail sender", () => {
  it("keeps mail while the SMTP server is down and delivers each exactly once when it is back", { timeout: 120_000 }, async () => {
    const to = `fault.${Date.now()}@example.com`;
    const ids = [await enqueueMail(db(), "notice", to, mail("one")), await enqueueMail(db(), "notice", to, mail("two"))];
    // Other test files write mail too: run rounds until ours were tried.
    for (let i = 0; i < 30 && (await db().outboxMail.count({ where: { id: { in: ids }, attempts: { gt: 0 } } })) < 1; i++) {
      await onlyOurs(ids);
      await db().outboxMail.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date() } });
      await deliverDue();
    }
    const waiting = await db().outboxMail.findMany({ where: { id: { in: ids } } });
    expect(waiting.map((m) => m.status)).toEqual(["PENDING", "PENDING"]);
    // Tried and failed; after a refused connection the rest of the round waits too (no hammering).
    expect(waiting.some((m) => m.attempts >= 1 && m.lastError)).toBe(true);

    await smtp.start();
    // The retry is due after its backoff; make it due now instead of waiting.
    for (let i = 0; i < 30 && (await db().outboxMail.count({ where: { id: { in: ids }, status: "SENT" } })) < 2; i++) {
      await onlyOurs(ids);
      await db().outboxMail.updateMany({ where: { id: { in: ids }, status: "PENDING" }, data: { nextAttemptAt: new Date() } });
      await deliverDue();
    }
    await deliverDue();
    const got = smtp.to(to);
    expect(got.map((m) => m.subject).sort()).toEqual(["one", "two"]);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(2);
    expect(got[0]!.html).toContain(escapeHtml("<b>not html</b>"));
    const sent = await db().outboxMail.findMany({ where: { id: { in: ids } } });
    expect(sent.every((m) => m.status === "SENT" && m.sentAt)).toBe(true);
  });

  it("waits longer after each failure, up to the ceiling", () => {
    expect([1, 2, 3, 4, 12].map((a) => backoffSeconds(a, 300))).toEqual([1, 2, 4, 8, 300]);
  });
});
