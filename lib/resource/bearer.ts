import "server-only";
// Bearer-token protection for the platform's APIs (RFC 6750): read the token from the Authorization
// header, verify it through lib/oauth/verify-access-token, check the app may call this API, and
// answer the standard challenges. Every API route goes through protectApi().
import { db } from "../db";
import { entitledWhere } from "../apis/catalog";
import { InvalidAccessToken, verifyAccessToken, type VerifiedAccessToken } from "../oauth/verify-access-token";
import { recordApiCall } from "./usage-hook";
import { hotCached } from "../oauth/hot-cache";

const REALM = "api-console";

function challenge(status: number, params: Record<string, string> = {}, body: Record<string, string> = {}): Response {
  const attrs = [`realm="${REALM}"`, ...Object.entries(params).map(([k, v]) => `${k}="${v.replace(/["\\]/g, "")}"`)].join(", ");
  return new Response(JSON.stringify(Object.keys(body).length ? body : { error: "unauthorized" }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", "www-authenticate": `Bearer ${attrs}` },
  });
}

/** The credentials after `Authorization: Bearer `; undefined when no Bearer token was sent. */
export function bearerToken(request: Request): string | undefined {
  const m = /^Bearer(?: +(.*))?$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  return m ? (m[1] ?? "").trim() : undefined;
}

/** The API's id when the app subscribes to it and its company may (still) use it; otherwise null. */
async function subscribedApiId(token: VerifiedAccessToken, apiSlug: string): Promise<string | null> {
  // Subscriptions and entitlements change rarely and every change forgets this cache at once.
  return hotCached(`sub:${token.appId}:${token.companyId}:${apiSlug}`, async () => {
    const sub = await db().appApiSubscription.findFirst({
      where: { appId: token.appId, api: { slug: apiSlug, ...entitledWhere(token.companyId) } },
      select: { apiId: true },
    });
    return sub?.apiId ?? null;
  });
}

/**
 * Runs `handler` for a request carrying a valid access token of an app subscribed to the API whose
 * scope (the API's slug) the token holds. Otherwise 401 with WWW-Authenticate: Bearer (error=
 * "invalid_token" when a token was sent but is invalid, expired or revoked) or 403 insufficient_scope.
 */
export async function protectApi(
  request: Request,
  apiSlug: string,
  handler: (token: VerifiedAccessToken) => Promise<Response> | Response,
): Promise<Response> {
  const started = performance.now();
  const raw = bearerToken(request);
  if (raw === undefined) return challenge(401);
  let token: VerifiedAccessToken;
  try {
    token = await verifyAccessToken(raw);
  } catch (error) {
    if (!(error instanceof InvalidAccessToken)) throw error;
    return challenge(401, { error: "invalid_token", error_description: error.message }, { error: "invalid_token", error_description: error.message });
  }
  const apiId = token.scope.includes(apiSlug) ? await subscribedApiId(token, apiSlug) : null;
  if (!apiId) {
    const message = `The app is not subscribed to this API, or the token lacks the scope ${apiSlug}.`;
    const response = challenge(403, { error: "insufficient_scope", scope: apiSlug, error_description: message }, { error: "insufficient_scope", error_description: message });
    recordApiCall({ token, apiSlug, status: 403, latencyMs: performance.now() - started });
    return response;
  }
  let response: Response;
  try {
    response = await handler(token);
  } catch (error) {
    recordApiCall({ token, apiSlug, apiId, status: 500, latencyMs: performance.now() - started });
    throw error;
  }
  recordApiCall({ token, apiSlug, apiId, status: response.status, latencyMs: performance.now() - started });
  return response;
}
