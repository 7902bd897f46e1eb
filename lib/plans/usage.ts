import "server-only";
// What a developer sees of an app's plans: per subscribed API, its plan, whether it waits for approval,
// and how much of each quota the current UTC day and month have used. Whoever may see the app may see
// this (lib/apps/access.ts appFor, the one rule); another company's app is not found.
import { type AppActor, appFor } from "../apps/access";
import { db } from "../db";
import { quotaCount } from "./counters";
import { loadSubscriptionPlan } from "./enforce";
import { thresholdOf } from "./quota-notices";
import { windowsOf } from "./windows";

export interface QuotaUse {
  policy: "day" | "month";
  window: string;
  used: number;
  limit: number;
  /** 0, 80 or 100: the highest notice threshold reached. */
  threshold: number;
  resetsAt: Date;
}

export interface ApiPlanUse {
  apiId: string;
  apiName: string;
  apiSlug: string;
  status: "ACTIVE" | "PENDING";
  planId: string | null;
  planName: string;
  ratePerMinute: number | null;
  callsPerDay: number | null;
  callsPerMonth: number | null;
  quotas: QuotaUse[];
  /** Other plans of the API (for "Change plan"). */
  otherPlans: { id: string; name: string }[];
  /** A plan change waiting for approval. */
  pendingPlanChange: { planId: string | null; planName: string } | null;
}

export async function appPlanUsage(actor: AppActor, appId: string, now = Date.now()): Promise<ApiPlanUse[]> {
  const app = await appFor(
    (where) =>
      db().app.findFirst({
        where,
        select: {
          id: true,
          companyId: true,
          createdById: true,
          subscriptions: { select: { api: { select: { id: true, name: true, slug: true } } }, orderBy: { createdAt: "asc" } },
        },
      }),
    actor,
    appId,
    "view",
  );
  const waiting = await db().accessRequest.findMany({
    where: { kind: "plan", appId: app.id, status: "PENDING" },
    select: { apiId: true, planId: true },
  });
  const out: ApiPlanUse[] = [];
  for (const { api } of app.subscriptions) {
    const sub = await loadSubscriptionPlan(app.id, api.id);
    if (!sub) continue;
    const quotas: QuotaUse[] = [];
    for (const w of windowsOf(sub, now)) {
      if (w.policy === "minute") continue;
      const used = Math.min(await quotaCount(app.id, api.id, w.key), w.limit);
      quotas.push({
        policy: w.policy,
        window: w.key,
        used,
        limit: w.limit,
        threshold: thresholdOf(used, w.limit),
        resetsAt: new Date(now + w.secondsLeft * 1000),
      });
    }
    const plans = await db().plan.findMany({ where: { apiId: api.id }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    const asked = waiting.find((r) => r.apiId === api.id);
    out.push({
      apiId: api.id,
      apiName: api.name,
      apiSlug: api.slug,
      status: sub.status,
      planId: sub.planId,
      planName: sub.planName,
      ratePerMinute: sub.ratePerMinute,
      callsPerDay: sub.callsPerDay,
      callsPerMonth: sub.callsPerMonth,
      quotas,
      otherPlans: plans.filter((p) => p.id !== sub.planId),
      pendingPlanChange: asked
        ? { planId: asked.planId, planName: plans.find((p) => p.id === asked.planId)?.name ?? "another plan" }
        : null,
    });
  }
  return out;
}

/** The names of the APIs whose subscription by this app waits for approval (the app's page; the caller has checked the app). */
export async function pendingApprovals(appId: string): Promise<string[]> {
  const rows = await db().appApiSubscription.findMany({ where: { appId, status: "PENDING" }, select: { api: { select: { name: true } } } });
  return rows.map((r) => r.api.name);
}
