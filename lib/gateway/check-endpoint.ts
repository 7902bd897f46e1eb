import "server-only";
// GET /gateway/check: the gateway's checks for gateways people already run. NGINX `auth_request`
// sends the original method and URI in X-Original-Method / X-Original-URI; Envoy's HTTP `ext_authz`
// forwards the original request itself with /gateway/check as path prefix. The API is named by the
// X-Console-Api header or the `api` query parameter, else it is the first segment of the original
// path (`/gateway/<slug>/…` or `/<slug>/…`). Answers 200 with the identity headers (and the
// assertion) for the upstream, or the gateway's 401 / 403 / 404; every answer for a known app counts
// like a gateway call.
import type { IncomingHttpHeaders } from "node:http";
import type { HttpAnswer } from "../http/answer";
import { isUnavailableError } from "../http/unavailable";
import { errorFields, logger } from "../observability/log";
import { gatewayBaseUrl } from "./assertion";
import { runGatewayChecks } from "./checks";
import { callCounter, GATEWAY_ANSWERS, identityHeaders } from "./gateway";
import { gatewayRoute } from "./routes";

export const CHECK_PATH = "/gateway/check";

export interface CheckRequest {
  method: string;
  /** The check request's path (from /gateway/check on) and query. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  requestId: string;
}

function one(headers: IncomingHttpHeaders, name: string): string | null {
  const v = headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}

/** The original request: method, path, query and the API's slug. */
export function originalRequest(req: CheckRequest): { method: string; path: string; query: string; slug: string | null } {
  const givenUri = one(req.headers, "x-original-uri");
  let method = one(req.headers, "x-original-method") ?? req.method;
  let uri: string;
  if (givenUri !== null) uri = givenUri;
  else {
    uri = (req.path.slice(CHECK_PATH.length) || "/") + (req.query ? `?${req.query}` : "");
    method = req.method; // Envoy: the check request is the original request
  }
  const q = uri.indexOf("?");
  const path = q < 0 ? uri : uri.slice(0, q);
  const query = q < 0 ? "" : uri.slice(q + 1);
  const named = one(req.headers, "x-console-api") ?? new URLSearchParams(req.query).get("api");
  const segments = path
    .replace(/^\/gateway\//, "/")
    .split("/")
    .filter(Boolean);
  return { method: method.toUpperCase().slice(0, 16), path, query, slug: named ?? segments[0] ?? null };
}

export async function gatewayCheck(req: CheckRequest): Promise<{ answer: HttpAnswer; done: (status: number) => void }> {
  const started = performance.now();
  const original = originalRequest(req);
  const none = () => {};
  try {
    const route = original.slug ? await gatewayRoute(original.slug) : null;
    if (!route) return { answer: GATEWAY_ANSWERS.notFound(), done: none };
    const rest = original.path.startsWith(`/gateway/${route.slug}`) ? original.path.slice(`/gateway/${route.slug}`.length) : original.path;
    const outcome = await runGatewayChecks({
      route,
      method: original.method,
      authorization: one(req.headers, "authorization"),
      dpop: one(req.headers, "dpop"),
      url: `${gatewayBaseUrl(route.slug)}${rest}`,
    });
    const count = callCounter(route, { ...original, requestId: req.requestId }, started);
    if (!outcome.ok) return { answer: outcome.refusal.answer, done: count(outcome.refusal.counted) };
    const token = outcome.token;
    return {
      answer: {
        status: 200,
        headers: { "cache-control": "no-store", ...outcome.headers, ...(await identityHeaders(token, route.slug)) },
        body: "",
      },
      done: count({ appId: token.appId, companyId: token.companyId }),
    };
  } catch (error) {
    if (isUnavailableError(error)) return { answer: GATEWAY_ANSWERS.unavailable(), done: none };
    logger().error(errorFields(error), "gateway check failed");
    return { answer: { status: 500, headers: { "content-type": "application/json" }, body: '{"error":"server_error"}' }, done: none };
  }
}
