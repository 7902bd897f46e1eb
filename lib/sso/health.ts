import "server-only";
// How a company's identity-provider connection fares, and mail to its Delegated Administrators when it
// starts failing. A failure is the connection's, not the person's: discovery or the provider not
// answering, a refused token exchange, an ID token or assertion that does not verify (SAML calls
// `recordConnectionFailure` for its assertion failures too). Not counted: an expired or reused state, an
// address outside the verified domains, a suspended account, a person cancelling at the provider.
// The rule: the DAs are mailed once per failing streak, at the first failure after a success or at the
// FAILURES_BEFORE_MAIL-th consecutive failure of a connection that never succeeded; a success ends the
// streak. The mail is audited `sso.connection.failing`; /company/sso shows "Failing since …" and the
// last error. The state lives in the database (SsoConnectionHealth): every instance sees the same streak.
import { writeAudit } from "../audit";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db } from "../db";
import { mailNoticeToEach } from "../mail/notices";
import { logger } from "../observability/log";

export const FAILURES_BEFORE_MAIL = 3;

export interface ConnectionHealth {
  failureCount: number;
  failingSince: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
  failureMailedAt: Date | null;
}

/** A sign-in or test through the connection went through: the failing streak (if any) ends. */
export async function recordConnectionSuccess(connectionId: string, now = new Date()): Promise<void> {
  try {
    await db().ssoConnectionHealth.upsert({
      where: { connectionId },
      create: { connectionId, lastSuccessAt: now },
      update: { failureCount: 0, failingSince: null, failureMailedAt: null, lastSuccessAt: now },
    });
  } catch (error) {
    logger().warn({ err: error, connectionId }, "[sso] could not record the connection's success");
  }
}

/** One failure of the connection; mails the company's DAs when the streak calls for it. Returns whether it mailed. */
export async function recordConnectionFailure(connectionId: string, error: string, now = new Date()): Promise<boolean> {
  const lastError = error.replace(/\s+/g, " ").trim().slice(0, 300) || "unknown error";
  try {
    return await db().$transaction(async (tx) => {
      const connection = await tx.ssoConnection.findUnique({
        where: { id: connectionId },
        select: { id: true, companyId: true, protocol: true, issuer: true, company: { select: { name: true } } },
      });
      if (!connection) return false;
      const health = await tx.ssoConnectionHealth.upsert({
        where: { connectionId },
        create: { connectionId, failureCount: 1, failingSince: now, lastError, lastErrorAt: now },
        update: { failureCount: { increment: 1 }, lastError, lastErrorAt: now },
      });
      if (!health.failingSince) await tx.ssoConnectionHealth.update({ where: { connectionId }, data: { failingSince: now } });
      const since = health.failingSince ?? now;
      const due =
        !health.failureMailedAt &&
        ((health.failureCount === 1 && health.lastSuccessAt !== null) || health.failureCount >= FAILURES_BEFORE_MAIL);
      if (!due) return false;
      // Once per streak, whichever instance gets here first.
      const claimed = await tx.ssoConnectionHealth.updateMany({
        where: { connectionId, failureMailedAt: null },
        data: { failureMailedAt: now },
      });
      if (claimed.count !== 1) return false;
      const das = await tx.user.findMany({
        where: {
          status: "ACTIVE",
          emailVerifiedAt: { not: null },
          memberships: { some: { companyId: connection.companyId, roles: { some: { role: "DELEGATED_ADMIN" } } } },
        },
        select: { email: true, name: true },
      });
      const company = connection.company.name;
      const kind = connection.protocol === "SAML" ? "SAML 2.0" : "OpenID Connect";
      await mailNoticeToEach(tx, "notice", das, {
        subject: `Single sign-on for ${company} is failing`,
        lines: [
          `Sign-ins through your company's ${kind} connection are failing, so your people may not be able to sign in to the console. Check the connection on the Single sign-on page.`,
        ],
        facts: [
          ["Company", company],
          ["Connection", `${kind}${connection.issuer ? ` (${connection.issuer})` : ""}`],
          ["Failing since", since.toISOString()],
          ["Consecutive failures", String(health.failureCount)],
          ["Last error", lastError],
        ],
        linkPath: "/company/sso",
      });
      await writeAudit(tx, null, {
        event: "sso.connection.failing",
        targetType: "sso_connection",
        targetId: connectionId,
        companyId: connection.companyId,
        metadata: {
          protocol: connection.protocol,
          failures: health.failureCount,
          failingSince: since.toISOString(),
          lastError,
          mailedTo: das.map((d) => d.email),
        },
      });
      return true;
    });
  } catch (err) {
    logger().warn({ err, connectionId }, "[sso] could not record the connection's failure");
    return false;
  }
}

/** The health of the company's connections, for /company/sso (DA only). */
export async function listConnectionHealth(actor: Person, companyId: string): Promise<Map<string, ConnectionHealth>> {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const rows = await db().ssoConnectionHealth.findMany({ where: { connection: { companyId } } });
  return new Map(rows.map((r) => [r.connectionId, r]));
}
