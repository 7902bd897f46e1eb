import "server-only";
// Mail at 80 % and at 100 % of a quota, once per window: the app's developer and the company's
// Delegated Administrators. Once across instances: the QuotaCounter row's `notified` moves up by a
// conditional update, and only the caller whose update matched sends. Runs behind the call (never
// delays or fails it), with the webhook event quota.warning in the same transaction. The Usage tab shows the same thresholds as a notice.
import { db } from "../db";
import { emitEvent } from "../events/emit";
import { mailNoticeToEach } from "../mail/notices";
import { errorFields, logger } from "../observability/log";
import { singleton } from "../runtime/singleton";
import { addToCounter } from "./counters";
import type { Window } from "./windows";

// The last notice under way per app, API and window: the next waits for it, so 80 % is decided before 100 %
// (run side by side, the 100 % notice could raise `notified` first and the 80 % one would never be sent).
// A key's last notice settles after every earlier one of that key, so these are all there is to wait for.
const chains = singleton("plans.quotaNotices", () => new Map<string, Promise<void>>());

/** Resolves once every notice under way is written (tests, shutdown). */
export async function settledQuotaNotices(): Promise<void> {
  while (chains.size) await Promise.all([...chains.values()]);
}

export const QUOTA_THRESHOLDS = [80, 100] as const;

/** The highest threshold a count reaches (0 when below 80 %). */
export function thresholdOf(count: number, limit: number): number {
  let reached = 0;
  for (const t of QUOTA_THRESHOLDS) if (count * 100 >= limit * t) reached = t;
  return reached;
}

/** Called by checkPlan after counting: sends the notices of thresholds this call reached first. */
export function noticeQuotaThresholds(
  appId: string,
  apiId: string,
  plan: { planName: string },
  windows: readonly Window[],
  counts: readonly number[],
): void {
  windows.forEach((w, i) => {
    if (w.policy === "minute") return;
    const count = counts[i] ?? 0;
    const reached = thresholdOf(count, w.limit);
    // Only the call that crosses a threshold tries (cheap test first), so most calls do nothing here.
    if (reached === 0 || thresholdOf(count - 1, w.limit) === reached) return;
    const key = `${appId} ${apiId} ${w.key}`;
    const sent: Promise<void> = (chains.get(key) ?? Promise.resolve())
      .then(() => announce(appId, apiId, plan.planName, w, reached))
      .catch((error) => logger().error({ appId, apiId, ...errorFields(error) }, "plans: could not send a quota notice"))
      .finally(() => {
        if (chains.get(key) === sent) chains.delete(key);
      });
    chains.set(key, sent);
  });
}

async function announce(appId: string, apiId: string, planName: string, w: Window, threshold: number): Promise<void> {
  await addToCounter(appId, apiId, w.key, 0); // the row that records what was announced
  await db().$transaction(async (tx) => {
    const won = await tx.quotaCounter.updateMany({
      where: { appId, apiId, window: w.key, notified: { lt: threshold } },
      data: { notified: threshold },
    });
    if (won.count === 0) return;
    const app = await tx.app.findUnique({
      where: { id: appId },
      select: { name: true, companyId: true, createdById: true, company: { select: { name: true } } },
    });
    const api = await tx.api.findUnique({ where: { id: apiId }, select: { name: true, slug: true } });
    if (!app || !api) return;
    await emitEvent(tx, app.companyId, "quota.warning", {
      companyId: app.companyId,
      app: { id: appId, name: app.name },
      api: { id: apiId, slug: api.slug, name: api.name },
      plan: planName,
      window: w.policy,
      limit: w.limit,
      percent: threshold,
    });
    const das = await tx.roleAssignment.findMany({
      where: { role: "DELEGATED_ADMIN", membership: { companyId: app.companyId } },
      select: { membership: { select: { userId: true } } },
    });
    const ids = new Set([app.createdById, ...das.map((d) => d.membership.userId)].filter((id): id is string => Boolean(id)));
    const people = await tx.user.findMany({
      where: { id: { in: [...ids] }, status: "ACTIVE", noticesEnabled: true, emailVerifiedAt: { not: null } },
      select: { email: true, name: true },
    });
    const period = w.policy === "day" ? "today's" : "this month's";
    const subject =
      threshold >= 100
        ? `${app.name} has used ${period} quota of ${api.name}`
        : `${app.name} has used ${threshold} % of ${period} quota of ${api.name}`;
    await mailNoticeToEach(tx, "notice", people, {
      subject,
      lines: [
        threshold >= 100
          ? `Calls of ${app.name} to ${api.name} are refused (429 quota_exceeded) until the ${w.policy === "day" ? "day" : "month"} ends (UTC). Ask for another plan on the app's page if you need more.`
          : `${app.name} has made ${threshold} % of the calls its plan allows ${w.policy === "day" ? "per day" : "per month"}.`,
      ],
      facts: [
        ["App", app.name],
        ["Company", app.company.name],
        ["API", api.name],
        ["Plan", planName],
        [w.policy === "day" ? "Calls per day" : "Calls per month", String(w.limit)],
      ],
      linkPath: `/apps/${appId}`,
    });
  });
}
