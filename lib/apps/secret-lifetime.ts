import "server-only";
// Secret lifetimes: a company's policy ("Client secrets expire after (days)" on /company/security, blank:
// never) gives every new or rotated Client Secret an end (ClientSecret.expiresAt, which the token service
// already refuses past). Setting the policy gives the secrets that exist then the same lifetime counted
// from that day, never less than 30 days. The job "secret-expiry-reminders" mails the owner and the
// Delegated Administrators and sends the webhook event app.secret_expiring 30, 7 and 1 days before the
// end of an app's current secret.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import type { Person } from "../companies/guards";
import { requireCompanyRole } from "../companies/guards";
import { db, type DbOrTx } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { noticedAppSelect, sendAppSecretNotice } from "./app-secret-notice";

const DAY_MS = 86_400_000;
/** Reminders before a secret's end, in days (largest first). */
export const SECRET_REMINDER_DAYS = [30, 7, 1] as const;
/** Secrets that exist when a policy is set keep at least this long. */
export const MIN_EXISTING_LIFETIME_DAYS = 30;
export const MAX_LIFETIME_DAYS = 3650;

export async function secretLifetimeDays(client: DbOrTx, companyId: string): Promise<number | null> {
  const row = await client.companySecurityPolicy.findUnique({ where: { companyId }, select: { secretLifetimeDays: true } });
  return row?.secretLifetimeDays ?? null;
}

/** The company's policy for its /company/security page (null: secrets never expire). */
export async function companySecretLifetimeDays(companyId: string): Promise<number | null> {
  return secretLifetimeDays(db(), companyId);
}

/** When a secret issued now for the app ends under its company's policy (null: never). */
export async function secretExpiryFor(client: DbOrTx, appId: string, now = new Date()): Promise<Date | null> {
  const app = await client.app.findUnique({ where: { id: appId }, select: { companyId: true } });
  const days = app ? await secretLifetimeDays(client, app.companyId) : null;
  return days ? new Date(now.getTime() + days * DAY_MS) : null;
}

/** The policy from the form: blank means never; otherwise whole days from 1 to 3650. */
export function parseLifetimeDays(value: unknown): number | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return null;
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > MAX_LIFETIME_DAYS) {
    const message = `Enter a whole number of days from 1 to ${MAX_LIFETIME_DAYS}, or leave it blank for no expiry.`;
    throw new AppError("validation", message, { fieldErrors: { secretLifetimeDays: [message] } });
  }
  return days;
}

/**
 * Sets the company's secret lifetime (null: never). With a lifetime, every live secret of the company
 * that would outlive max(lifetime, 30 days) from now ends then. Audited. Returns how many secrets got
 * an earlier end.
 */
export async function setSecretLifetimePolicy(
  actor: Person,
  companyId: string,
  input: unknown,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<{ days: number | null; shortened: number }> {
  const days = parseLifetimeDays(input);
  await requireCompanyRole(db(), actor, companyId, "security.manage.company");
  const result = await db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "security.manage.company");
    await tx.companySecurityPolicy.upsert({
      where: { companyId },
      create: { companyId, secretLifetimeDays: days, updatedById: actor.id },
      update: { secretLifetimeDays: days, updatedById: actor.id },
    });
    let shortened = 0;
    if (days) {
      const end = new Date(now.getTime() + Math.max(days, MIN_EXISTING_LIFETIME_DAYS) * DAY_MS);
      const live = { revokedAt: null, app: { companyId } };
      shortened += (await tx.clientSecret.updateMany({ where: { ...live, expiresAt: null }, data: { expiresAt: end } })).count;
      shortened += (await tx.clientSecret.updateMany({ where: { ...live, expiresAt: { gt: end } }, data: { expiresAt: end } })).count;
    }
    await writeAudit(
      tx,
      actor,
      {
        event: "company.secret_lifetime_changed",
        targetType: "company",
        targetId: companyId,
        companyId,
        metadata: { lifetimeDays: days, shortenedCredentials: shortened },
      },
      ctx,
    );
    return { days, shortened };
  });
  invalidate("apps", { companyId });
  return result;
}

/**
 * The job: for each app whose current (newest live) secret ends within 30 days, the reminder of the
 * smallest threshold reached (30, 7 or 1 days) unless it was sent, by mail to the owner and the
 * company's Delegated Administrators and as the webhook event app.secret_expiring.
 */
export async function remindExpiringSecrets(now = new Date()): Promise<{ reminded: number }> {
  const soon = await db().clientSecret.findMany({
    where: { revokedAt: null, expiresAt: { gt: now, lte: new Date(now.getTime() + SECRET_REMINDER_DAYS[0] * DAY_MS) } },
    orderBy: { expiresAt: "asc" },
    take: 500,
    select: { id: true, appId: true, expiresAt: true, remindedDays: true, createdAt: true },
  });
  let reminded = 0;
  for (const secret of soon) {
    const left = (secret.expiresAt!.getTime() - now.getTime()) / DAY_MS;
    const threshold = [...SECRET_REMINDER_DAYS].reverse().find((d) => left <= d)!;
    if (secret.remindedDays !== null && secret.remindedDays <= threshold) continue;
    const sent = await db().$transaction(async (tx) => {
      // Only the app's current secret: a previous one in its rotation grace period ends as planned.
      const newer = await tx.clientSecret.count({ where: { appId: secret.appId, revokedAt: null, createdAt: { gt: secret.createdAt } } });
      const claimed = await tx.clientSecret.updateMany({
        where: { id: secret.id, OR: [{ remindedDays: null }, { remindedDays: { gt: threshold } }] },
        data: { remindedDays: threshold },
      });
      if (newer || claimed.count !== 1) return false;
      const app = await tx.app.findUnique({ where: { id: secret.appId }, select: noticedAppSelect });
      if (!app) return false;
      const when = secret.expiresAt!.toUTCString();
      await sendAppSecretNotice(
        tx,
        app,
        {
          subject: `The Client Secret of ${app.name} expires in ${threshold} day${threshold === 1 ? "" : "s"}`,
          text: `Your company's policy ends the Client Secret of ${app.name} on ${when}. Rotate it on the app's page and give your app the new one before then: after that, the token endpoint refuses the old secret.`,
          facts: [["Secret expires", when]],
        },
        { type: "app.secret_expiring", data: { expiresAt: secret.expiresAt!.toISOString(), daysLeft: threshold } },
        now,
      );
      return true;
    });
    if (sent) reminded++;
  }
  return { reminded };
}
