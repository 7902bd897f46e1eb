import "server-only";
// Bearer-token protection for the platform's APIs (RFC 6750): read the token from the Authorization
// header, verify it through lib/oauth/verify-access-token, check the app may call this API, and
// answer the standard challenges. Every API goes through protectApiAnswer().
import { entitledSubscriptionApiId } from "../apis/catalog";
import { type HttpAnswer, jsonAnswer } from "../http/answer";
import { isUnavailableError, RETRY_AFTER_SECONDS } from "../http/unavailable";
import { apiAudience } from "../oauth/config";
import { DPOP_ALGS } from "../oauth/dpop";
import { checkDpopForResource } from "../oauth/dpop-resource";
import { hotCached } from "../oauth/hot-cache";
import { apiResource } from "../oauth/resources";
import { InvalidAccessToken, type VerifiedAccessToken, verifyAccessToken } from "../oauth/verify-access-token";
import { errorFields, logger } from "../observability/log";
import { checkPlan, planRefusalAnswer } from "../plans/enforce";
import { countApiCall } from "./usage-hook";

const REALM = "api-console";

function challengeAnswer(status: number, params: Record<string, string> = {}, body: Record<string, string> = {}): HttpAnswer {
  const attrs = [`realm="${REALM}"`, ...Object.entries(params).map(([k, v]) => `${k}="${v.replace(/["\\]/g, "")}"`)].join(", ");
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", "www-authenticate": `Bearer ${attrs}` },
    body: JSON.stringify(Object.keys(body).length ? body : { error: "unauthorized" }),
  };
}

/** The token from an Authorization header value; undefined when it is not a Bearer one. */
export function bearerFromHeader(authorization: string | null | undefined): string | undefined {
  const m = /^Bearer(?: +(.*))?$/i.exec(authorization?.trim() ?? "");
  return m ? (m[1] ?? "").trim() : undefined;
}

/** The API's id when the app subscribes to it and its company may (still) use it; otherwise null. */
async function subscribedApiId(token: VerifiedAccessToken, apiSlug: string): Promise<string | null> {
  // Subscriptions and entitlements change rarely and every change forgets this cache at once.
  return hotCached(`sub:${token.appId}:${token.companyId}:${apiSlug}`, async () => {
    return entitledSubscriptionApiId(token.appId, token.companyId, apiSlug);
  });
}

type Checked =
  | { ok: true; token: VerifiedAccessToken; apiId: string; started: number; headers: Record<string, string> }
  | { ok: false; answer: HttpAnswer };

/**
 * The checks of every API call: a valid access token (else 401 with WWW-Authenticate: Bearer, with
 * error="invalid_token" when a token was sent but is invalid, expired or revoked) of an app subscribed
 * to the API whose scope (the API's slug) the token holds (else 403 insufficient_scope, counted).
 */
async function checkApiCall(
  authorization: string | null | undefined,
  apiSlug: string,
  dpopProof: string | null = null,
  method = "GET",
): Promise<Checked> {
  const started = performance.now();
  const dpopScheme = /^DPoP +(\S+)\s*$/i.exec(authorization?.trim() ?? "");
  const raw = dpopScheme ? dpopScheme[1]! : bearerFromHeader(authorization);
  if (raw === undefined) return { ok: false, answer: challengeAnswer(401) };
  let token: VerifiedAccessToken;
  try {
    token = await verifyAccessToken(raw);
  } catch (error) {
    if (!(error instanceof InvalidAccessToken)) throw error;
    const e = { error: "invalid_token", error_description: error.message };
    return { ok: false, answer: challengeAnswer(401, e, e) };
  }
  // RFC 8707: the token must be for this API — the platform audience every API accepts, or its own.
  if (!token.audiences.some((a) => a === apiAudience() || a === apiResource(apiSlug))) {
    const e = { error: "invalid_token", error_description: "The access token is for another API (aud)." };
    return { ok: false, answer: challengeAnswer(401, e, e) };
  }
  // RFC 9449: a DPoP-bound token needs the DPoP scheme and a proof for this request by the same key.
  const dpopProblem = await checkDpopForResource(token, {
    scheme: dpopScheme ? "DPoP" : "Bearer",
    proof: dpopProof,
    method,
    url: apiResource(apiSlug),
    token: raw,
  });
  if (dpopProblem) {
    const e = { error: "invalid_token", error_description: dpopProblem };
    const answer = challengeAnswer(401, e, e);
    answer.headers["www-authenticate"] = `DPoP error="invalid_token", algs="${DPOP_ALGS.join(" ")}"`;
    return { ok: false, answer };
  }
  const apiId = token.scope.includes(apiSlug) ? await subscribedApiId(token, apiSlug) : null;
  if (!apiId) {
    const message = `The app is not subscribed to this API, or the token lacks the scope ${apiSlug}.`;
    countApiCall({ token, apiSlug, status: 403, latencyMs: performance.now() - started });
    return {
      ok: false,
      answer: challengeAnswer(
        403,
        { error: "insufficient_scope", scope: apiSlug, error_description: message },
        { error: "insufficient_scope", error_description: message },
      ),
    };
  }
  // The subscription's state and plan (lib/plans/enforce.ts, the check the gateway runs too).
  const plan = await checkPlan({ appId: token.appId, apiId, now: Date.now() });
  if (!plan.ok) {
    countApiCall({ token, apiSlug, apiId, status: plan.status, latencyMs: performance.now() - started });
    return { ok: false, answer: planRefusalAnswer(plan) };
  }
  return { ok: true, token, apiId, started, headers: plan.headers };
}

/**
 * Runs `handler` for a call carrying a valid access token of an app subscribed to the API whose scope
 * (the API's slug) the token holds; otherwise 401 with WWW-Authenticate: Bearer (error="invalid_token"
 * when a token was sent but is invalid, expired or revoked) or 403 insufficient_scope. With the
 * database unreachable: 503 + Retry-After, error "temporarily_unavailable". Transport-neutral: the
 * Next.js route and scripts/serve.ts's fast path both call it.
 */
export async function protectApiAnswer(
  authorization: string | null | undefined,
  apiSlug: string,
  handler: (token: VerifiedAccessToken) => HttpAnswer,
  dpopProof: string | null = null,
): Promise<HttpAnswer> {
  let checked: Checked;
  try {
    checked = await checkApiCall(authorization, apiSlug, dpopProof);
  } catch (error) {
    if (!isUnavailableError(error)) throw error;
    logger().error({ api: apiSlug, ...errorFields(error) }, "API: a dependency is unavailable");
    return jsonAnswer(
      { error: "temporarily_unavailable", error_description: "The service is temporarily unavailable. Retry later." },
      503,
      { "retry-after": String(RETRY_AFTER_SECONDS) },
    );
  }
  if (!checked.ok) return checked.answer;
  const { token, apiId, started, headers } = checked;
  let answer: HttpAnswer;
  try {
    answer = handler(token);
  } catch (error) {
    countApiCall({ token, apiSlug, apiId, status: 500, latencyMs: performance.now() - started });
    throw error;
  }
  countApiCall({ token, apiSlug, apiId, status: answer.status, latencyMs: performance.now() - started });
  return headers["ratelimit"] ? { ...answer, headers: { ...answer.headers, ...headers } } : answer;
}
