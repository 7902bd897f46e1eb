import "server-only";
// THE check of an app's call to an API against its subscription: the subscription's state (pending
// approval → 403) and its plan (rate per UTC minute, quotas per UTC day and month → 429 with
// Retry-After). Every API the console serves or forwards calls checkPlan once per call, after the
// access token and the subscription are checked (lib/resource/bearer.ts for the built-in APIs; the
// gateway the same way). The answer carries the IETF RateLimit-Policy and RateLimit headers for every
// limited plan; an unlimited plan costs one cached lookup and no counting.
import { db } from "../db";
import { type HttpAnswer, jsonAnswer } from "../http/answer";
import { hotCached } from "../oauth/hot-cache";
import { countCall } from "./counters";
import { noticeQuotaThresholds } from "./quota-notices";
import { hasLimits, type PlanLimits, rateLimitHeaders, verdictOf, windowsOf } from "./windows";

export interface SubscriptionPlan extends PlanLimits {
  status: "ACTIVE" | "PENDING";
  planId: string | null;
  planName: string;
}

const UNLIMITED: PlanLimits = { ratePerMinute: null, callsPerDay: null, callsPerMonth: null };

/** The subscription's state and plan (the API's default plan when it has none), or null when not subscribed. */
export async function loadSubscriptionPlan(appId: string, apiId: string): Promise<SubscriptionPlan | null> {
  const limits = { id: true, name: true, ratePerMinute: true, callsPerDay: true, callsPerMonth: true } as const;
  const sub = await db().appApiSubscription.findUnique({
    where: { appId_apiId: { appId, apiId } },
    select: { status: true, plan: { select: limits } },
  });
  if (!sub) return null;
  const plan = sub.plan ?? (await db().plan.findFirst({ where: { apiId, isDefault: true }, select: limits }));
  const status = sub.status === "PENDING" ? "PENDING" : "ACTIVE";
  if (!plan) return { status, planId: null, planName: "Unlimited", ...UNLIMITED };
  const { id, name, ...rest } = plan;
  return { status, planId: id, planName: name, ...rest };
}

export type PlanRefusalRule = "not_subscribed" | "pending_approval";

export type PlanCheck =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; status: 403; error: "insufficient_scope"; rule: PlanRefusalRule; message: string; headers: Record<string, string> }
  | {
      ok: false;
      status: 429;
      error: "rate_limited" | "quota_exceeded";
      retryAfter: number;
      message: string;
      headers: Record<string, string>;
    };

const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Checks and counts one call of `appId` to `apiId` at `now` (ms). `ok` answers carry the RateLimit
 * headers to add to the API's answer; refusals say the status, the error and the rule.
 */
export async function checkPlan({ appId, apiId, now = Date.now() }: { appId: string; apiId: string; now?: number }): Promise<PlanCheck> {
  // Plans and subscriptions change rarely; every change forgets this cache (catalog / apps invalidations).
  const sub = await hotCached(`plan:${appId}:${apiId}`, () => loadSubscriptionPlan(appId, apiId));
  if (!sub) {
    return {
      ok: false,
      status: 403,
      error: "insufficient_scope",
      rule: "not_subscribed",
      message: "The app is not subscribed to this API.",
      headers: NO_HEADERS,
    };
  }
  if (sub.status === "PENDING") {
    return {
      ok: false,
      status: 403,
      error: "insufficient_scope",
      rule: "pending_approval",
      message: "The app's subscription to this API is pending approval by the platform administrator.",
      headers: NO_HEADERS,
    };
  }
  if (!hasLimits(sub)) return { ok: true, headers: NO_HEADERS };
  const windows = windowsOf(sub, now);
  const counted = await countCall(appId, apiId, windows);
  const verdict = verdictOf(windows, counted.before);
  if (!verdict.ok) {
    const headers = { ...rateLimitHeaders(windows, counted.before), "retry-after": String(verdict.retryAfter) };
    const message =
      verdict.error === "quota_exceeded"
        ? `The app has used its plan's quota (${sub.planName}). Try again in ${verdict.retryAfter} seconds.`
        : `Too many requests for the app's plan (${sub.planName}). Try again in ${verdict.retryAfter} seconds.`;
    return { ok: false, status: 429, error: verdict.error, retryAfter: verdict.retryAfter, message, headers };
  }
  const after = counted.counted ? counted.before.map((c) => c + 1) : counted.before;
  noticeQuotaThresholds(appId, apiId, sub, windows, after);
  return { ok: true, headers: rateLimitHeaders(windows, after) };
}

/** The JSON answer of a refusal: 429 `{"error":"rate_limited"|"quota_exceeded"}`, 403 naming the rule. */
export function planRefusalAnswer(check: Exclude<PlanCheck, { ok: true }>): HttpAnswer {
  if (check.status === 429) return jsonAnswer({ error: check.error, error_description: check.message }, 429, check.headers);
  return jsonAnswer({ error: check.error, rule: check.rule, error_description: check.message }, 403, {
    ...check.headers,
    "www-authenticate": `Bearer realm="api-console", error="insufficient_scope", error_description="${check.message}"`,
  });
}
