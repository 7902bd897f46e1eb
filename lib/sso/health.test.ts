// A failing connection: the company's Delegated Administrators get one mail per failing streak (at the
// FAILURES_BEFORE_MAIL-th failure of a connection that never worked, at the first failure after a
// success), received by a real SMTP server in this process (port 0); /company/sso's state and the audit.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { withTestSmtp } from "../../tests/env";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { uniqueDomain, verifiedDomain } from "../../tests/factories/sso";
import { TestSmtpServer } from "../../tests/smtp-server";
import { db } from "../db";
import { newId } from "../ids";
import { deliverDue } from "../mail/sender";
import { FAILURES_BEFORE_MAIL, listConnectionHealth, recordConnectionSuccess } from "./health";
import { startSsoSignIn } from "./start";

const smtp = new TestSmtpServer(0);
const ctx = { ip: "203.0.113.15", userAgent: "vitest sso health" };

withTestSmtp(smtp, { start: true });

/** A port nothing listens on: the identity provider is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function deliverTo(address: string, subject: string, expected: number) {
  for (let i = 0; i < 30 && smtp.to(address).length < expected; i++) {
    // Other test files run the sender too (and may push pending mail back): ours are due now.
    await db().outboxMail.updateMany({
      where: { toAddress: address, subject, status: { in: ["PENDING", "SENDING"] } },
      data: { status: "PENDING", nextAttemptAt: new Date(), leaseUntil: null },
    });
    await deliverDue();
  }
  return smtp.to(address).filter((m) => m.subject === subject);
}

describe("a failing connection", () => {
  it(
    "mails the company's DAs once per failing streak, audits it, and shows “Failing since” until a sign-in works",
    { timeout: 120_000 },
    async () => {
      const company = await makeCompany(db());
      const da = await makeUser(db());
      const developer = await makeUser(db());
      await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN"]);
      await addMember(db(), company.id, developer.id, ["API_DEVELOPER"]);
      const domain = uniqueDomain("hl");
      await verifiedDomain(db(), company.id, domain);
      const connection = await db().ssoConnection.create({
        data: {
          id: newId("ssoConnection"),
          companyId: company.id,
          protocol: "OIDC",
          issuer: `http://127.0.0.1:${await closedPort()}`,
          clientId: "c",
          defaultRoles: ["API_DEVELOPER"],
          groupRoles: {},
        },
      });
      const subject = `Single sign-on for ${company.name} is failing`;
      const attempt = () => expectAppError(startSsoSignIn({ email: `p@${domain}`, returnTo: "/" }, ctx), "unavailable");
      const mails = () => db().outboxMail.count({ where: { toAddress: da.email, subject } });

      // Never worked: the first failures could be a setup in progress; the Nth consecutive one mails.
      for (let i = 1; i < FAILURES_BEFORE_MAIL; i++) await attempt();
      expect(await mails()).toBe(0);
      await attempt();
      expect(await mails()).toBe(1);
      await attempt();
      await attempt();
      expect(await mails()).toBe(1);
      expect(await db().outboxMail.count({ where: { toAddress: developer.email, subject } })).toBe(0);

      const failing = (await listConnectionHealth(da, company.id)).get(connection.id)!;
      expect(failing.failingSince).not.toBeNull();
      expect(failing.failureCount).toBe(FAILURES_BEFORE_MAIL + 2);
      expect(failing.lastError).toMatch(/discovery failed/);
      const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "sso.connection.failing" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.metadata).toMatchObject({ failures: FAILURES_BEFORE_MAIL, mailedTo: [da.email] });

      // A sign-in works: the streak ends. The first failure after it mails at once, and only once.
      await recordConnectionSuccess(connection.id);
      expect((await listConnectionHealth(da, company.id)).get(connection.id)!.failingSince).toBeNull();
      await attempt();
      expect(await mails()).toBe(2);
      await attempt();
      expect(await mails()).toBe(2);
      expect(await db().auditLog.count({ where: { companyId: company.id, event: "sso.connection.failing" } })).toBe(2);

      // Each refused start is a failed sign-in in the company's audit log too.
      const failedSignIns = await db().auditLog.findMany({ where: { companyId: company.id, event: "sso.signin_failed" } });
      expect(failedSignIns).toHaveLength(FAILURES_BEFORE_MAIL + 4);
      expect(failedSignIns[0]!.metadata).toMatchObject({ reason: "unavailable" });

      const received = await deliverTo(da.email, subject, 2);
      expect(received).toHaveLength(2);
      expect(received[0]!.text).toContain("Failing since");
      expect(received[0]!.text).toContain("discovery failed");
      expect(received[0]!.text).toContain("/company/sso");
    },
  );
});
