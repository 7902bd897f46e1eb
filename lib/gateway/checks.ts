import "server-only";
// The gateway's checks, as a list of small named steps that every entry runs in order (the gateway
// itself, GET /gateway/check for NGINX and Envoy, the Next.js route under `next dev`): the first
// step that refuses decides the answer. The last step is the subscription's plan (approval, rate, quotas).
import { companyMayUse } from "../apis/catalog";
import { db } from "../db";
import type { HttpAnswer } from "../http/answer";
import { apiAudience } from "../oauth/config";
import { DPOP_ALGS } from "../oauth/dpop";
import { checkDpopForResource } from "../oauth/dpop-resource";
import { hotCached } from "../oauth/hot-cache";
import { apiResource } from "../oauth/resources";
import { InvalidAccessToken, type VerifiedAccessToken, verifyAccessToken, verifyAccessTokenSignature } from "../oauth/verify-access-token";
import { checkPlan, planRefusalAnswer } from "../plans/enforce";
import type { GatewayRoute } from "./routes";

const REALM = "api-console";

/** Why a call was refused with 403: the JSON body's `rule`. */
export type GatewayRule = "app_inactive" | "company_suspended" | "not_entitled" | "not_subscribed" | "scope_missing";

export interface CheckInput {
  route: GatewayRoute;
  method: string;
  authorization: string | null;
  dpop: string | null;
  /** RFC 9449 htu of this request (no query). */
  url: string;
}

export interface CheckState extends CheckInput {
  raw?: string;
  scheme?: "Bearer" | "DPoP";
  token?: VerifiedAccessToken;
  /** Set when the token is sound but its app or company is no longer active. */
  inactive?: { appActive: boolean; companyActive: boolean; companyId: string; appId: string };
  /** RateLimit-Policy / RateLimit of the app's plan, for the answer (set by the "plan" check). */
  planHeaders?: Record<string, string>;
}

export interface Refusal {
  answer: HttpAnswer;
  /** The app the call is counted for (403s): a 401 counts for nobody. */
  counted?: { appId: string; companyId: string };
}

export interface GatewayCheck {
  name: string;
  run(state: CheckState): Promise<Refusal | null> | Refusal | null;
}

function challenge(status: 401 | 403, params: Record<string, string>, body: Record<string, string>, scheme = "Bearer") {
  const attrs = [`realm="${REALM}"`, ...Object.entries(params).map(([k, v]) => `${k}="${v.replace(/["\\\r\n]/g, "")}"`)].join(", ");
  const answer: HttpAnswer & { headers: Record<string, string> } = {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", "www-authenticate": `${scheme} ${attrs}` },
    body: JSON.stringify(body),
  };
  return answer;
}

export function invalidToken(description: string): Refusal {
  const e = { error: "invalid_token", error_description: description };
  return { answer: challenge(401, e, e) };
}

const RULE_TEXT: Record<GatewayRule, string> = {
  app_inactive: "The app is not active.",
  company_suspended: "The app's company is suspended.",
  not_entitled: "The app's company may not use this API.",
  not_subscribed: "The app is not subscribed to this API.",
  scope_missing: "The access token lacks this API's scope: get a new token.",
};

export function forbiddenRefusal(rule: GatewayRule, state: CheckState, who: { appId: string; companyId: string }): Refusal {
  const slug = state.route.slug;
  return {
    answer: challenge(
      403,
      { error: "insufficient_scope", scope: slug, error_description: RULE_TEXT[rule] },
      { error: "insufficient_scope", rule, error_description: RULE_TEXT[rule] },
    ),
    counted: who,
  };
}

/** Status of the app and its company, read when verifyAccessToken said "inactive" (to name the rule). */
async function statusOf(clientId: string) {
  return db().app.findUnique({
    where: { clientId },
    select: { id: true, status: true, companyId: true, company: { select: { status: true } } },
  });
}

const tokenCheck: GatewayCheck = {
  name: "token",
  async run(state) {
    const authorization = state.authorization?.trim() ?? "";
    const m = /^(Bearer|DPoP) +(\S+)$/i.exec(authorization);
    if (!m) return invalidToken(authorization ? "The Authorization header is not a Bearer token." : "No access token was sent.");
    state.scheme = m[1]!.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
    state.raw = m[2]!;
    try {
      state.token = await verifyAccessToken(state.raw);
      return null;
    } catch (error) {
      if (!(error instanceof InvalidAccessToken)) throw error;
      if (error.reason !== "inactive") return invalidToken(error.message);
      // Sound token, but the app or its company stopped: a 403 naming the rule, not a 401.
      const claims = await verifyAccessTokenSignature(state.raw);
      const app = await statusOf(claims.clientId);
      if (!app || (app.status === "ACTIVE" && app.company.status === "ACTIVE")) return invalidToken(error.message);
      state.inactive = {
        appActive: app.status === "ACTIVE",
        companyActive: app.company.status === "ACTIVE",
        appId: app.id,
        companyId: app.companyId,
      };
      return null;
    }
  },
};

const companyActiveCheck: GatewayCheck = {
  name: "company-active",
  run: (state) => (state.inactive && !state.inactive.companyActive ? forbiddenRefusal("company_suspended", state, state.inactive) : null),
};

const appActiveCheck: GatewayCheck = {
  name: "app-active",
  run: (state) => (state.inactive && !state.inactive.appActive ? forbiddenRefusal("app_inactive", state, state.inactive) : null),
};

const audienceCheck: GatewayCheck = {
  name: "audience",
  run(state) {
    // RFC 8707: a token asked for with `resource` must name this API (or be the platform's).
    const ok = state.token!.audiences.some((a) => a === apiAudience() || a === apiResource(state.route.slug));
    return ok ? null : invalidToken("The access token is for another API (aud).");
  },
};

const dpopCheck: GatewayCheck = {
  name: "dpop",
  async run(state) {
    const problem = await checkDpopForResource(state.token!, {
      scheme: state.scheme!,
      proof: state.dpop,
      method: state.method,
      url: state.url,
      token: state.raw!,
    });
    if (!problem) return null;
    const e = { error: "invalid_token", error_description: problem };
    const answer = challenge(401, e, e, "DPoP");
    answer.headers["www-authenticate"] = `DPoP error="invalid_token", algs="${DPOP_ALGS.join(" ")}"`;
    return { answer };
  },
};

const entitledCheck: GatewayCheck = {
  name: "entitled",
  async run(state) {
    const { companyId, appId } = state.token!;
    const apiId = state.route.apiId;
    const ok = await hotCached(`gateway.entitled:${companyId}:${apiId}`, () => companyMayUse(companyId, [apiId]));
    return ok ? null : forbiddenRefusal("not_entitled", state, { appId, companyId });
  },
};

const subscribedCheck: GatewayCheck = {
  name: "subscribed",
  async run(state) {
    const { companyId, appId } = state.token!;
    const apiId = state.route.apiId;
    const ok = await hotCached(`gateway.subscribed:${appId}:${apiId}`, async () =>
      Boolean(await db().appApiSubscription.findUnique({ where: { appId_apiId: { appId, apiId } }, select: { appId: true } })),
    );
    return ok ? null : forbiddenRefusal("not_subscribed", state, { appId, companyId });
  },
};

const scopeCheck: GatewayCheck = {
  name: "scope",
  run(state) {
    const { companyId, appId, scope } = state.token!;
    return scope.includes(state.route.slug) ? null : forbiddenRefusal("scope_missing", state, { appId, companyId });
  },
};

// The subscription's plan (lib/plans/enforce.ts, the same check as the built-in APIs): a subscription
// pending approval is 403 `pending_approval`; past the rate or a quota, 429 with Retry-After,
// RateLimit-Policy and RateLimit. Last, because it counts the call against the quotas.
const planCheck: GatewayCheck = {
  name: "plan",
  async run(state) {
    const { companyId, appId } = state.token!;
    const plan = await checkPlan({ appId, apiId: state.route.apiId, now: Date.now() });
    if (plan.ok) {
      state.planHeaders = plan.headers;
      return null;
    }
    return { answer: planRefusalAnswer(plan), counted: { appId, companyId } };
  },
};

/** Every gateway call runs these, in order; the first that refuses decides the answer. */
export const GATEWAY_CHECKS: readonly GatewayCheck[] = [
  tokenCheck,
  companyActiveCheck,
  appActiveCheck,
  audienceCheck,
  dpopCheck,
  entitledCheck,
  subscribedCheck,
  scopeCheck,
  planCheck,
];

export type CheckOutcome = { ok: true; token: VerifiedAccessToken; headers: Record<string, string> } | { ok: false; refusal: Refusal };

export async function runGatewayChecks(input: CheckInput): Promise<CheckOutcome> {
  const state: CheckState = { ...input };
  for (const check of GATEWAY_CHECKS) {
    const refusal = await check.run(state);
    if (refusal) return { ok: false, refusal };
  }
  return { ok: true, token: state.token!, headers: state.planHeaders ?? {} };
}
