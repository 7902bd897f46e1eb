import "server-only";
// The built-in gateway: CONSOLE_URL/gateway/<slug>/<path>, every method. One transport-neutral call
// (scripts/serve.ts's fast path and the Next.js route under `next dev` both adapt it): the API's
// route, the checks (lib/gateway/checks.ts GATEWAY_CHECKS), the body limit, then the upstream request
// through undici with both bodies streamed (never buffered whole). The upstream gets no Authorization,
// Cookie or hop-by-hop header; it gets X-Forwarded-*, X-Request-Id, the identity headers and
// X-Console-Assertion. Faults: refused or reset 502, too slow 504, no upstream detail. `done(status)`
// counts the call (usage per app and API, Prometheus) and logs it (request logs) once it has ended.
import type { IncomingHttpHeaders } from "node:http";
import { Readable, Transform } from "node:stream";
import { Agent } from "undici";
import { env } from "../env";
import { type HttpAnswer, jsonAnswer } from "../http/answer";
import { isUnavailableError, RETRY_AFTER_SECONDS } from "../http/unavailable";
import { recordApiCall } from "../metrics/recorder";
import type { VerifiedAccessToken } from "../oauth/verify-access-token";
import { errorFields, logger } from "../observability/log";
import { observeGatewayUpstream, recordGatewayRequest } from "../observability/metrics";
import { singleton } from "../runtime/singleton";
import { gatewayBaseUrl, signGatewayAssertion } from "./assertion";
import { runGatewayChecks } from "./checks";
import { recordRequestLog, redactQuery } from "./request-log";
import { type GatewayRoute, gatewayRoute } from "./routes";

export const GATEWAY_PREFIX = "/gateway/";

export interface GatewayRequest {
  method: string;
  /** The request path as received, starting with /gateway/ (not decoded). */
  path: string;
  /** The query string without "?", or "". */
  query: string;
  headers: IncomingHttpHeaders;
  /** The request body, or null when there is none. */
  body: Readable | null;
  ip: string;
  requestId: string;
  /** Aborted when the client goes away: the upstream request is aborted with it. */
  signal: AbortSignal;
}

export type GatewayResult =
  | { kind: "answer"; answer: HttpAnswer; done: (status: number) => void }
  | {
      kind: "upstream";
      status: number;
      headers: Record<string, string | string[]>;
      body: Readable;
      done: (status: number) => void;
    };

const noop = () => {};

/** Request headers never forwarded (hop-by-hop, credentials, the console's own and forwarding ones). */
// read-only
const DROP_REQUEST = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "expect",
  "host",
  "authorization",
  "cookie",
  "dpop",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-real-ip",
  "x-request-id",
]);

/** Response headers never passed back (hop-by-hop). */
// read-only
const DROP_RESPONSE = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function connectionTokens(value: string | string[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value.join(",") : value).split(",").map((t) => t.trim().toLowerCase());
}

export function upstreamRequestHeaders(headers: IncomingHttpHeaders, route: GatewayRoute): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const listed = connectionTokens(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROP_REQUEST.has(name) || name.startsWith("x-console-") || listed.includes(name)) continue;
    out[name] = value;
  }
  for (const [name, value] of Object.entries(route.headers)) out[name] = value;
  return out;
}

export function downstreamHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const listed = connectionTokens(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || DROP_RESPONSE.has(name) || listed.includes(name)) continue;
    out[name] = value;
  }
  return out;
}

const dispatcher = singleton("gateway.agent", () => new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1 }));

function errorAnswer(status: number, error: string, description: string): HttpAnswer {
  return jsonAnswer({ error, error_description: description }, status);
}

export const GATEWAY_ANSWERS = {
  notFound: () => errorAnswer(404, "not_found", "No API is served at this address."),
  badRequest: () => errorAnswer(400, "invalid_request", "The path has dot segments."),
  tooLarge: (limit: number) => errorAnswer(413, "payload_too_large", `The request body is limited to ${limit} bytes for this API.`),
  badGateway: () => jsonAnswer({ error: "bad_gateway" }, 502),
  timeout: () => jsonAnswer({ error: "gateway_timeout" }, 504),
  unavailable: () =>
    jsonAnswer({ error: "temporarily_unavailable", error_description: "The service is temporarily unavailable. Retry later." }, 503, {
      "retry-after": String(RETRY_AFTER_SECONDS),
    }),
};

class BodyTooLarge extends Error {
  constructor() {
    super("The request body is over the API's limit.");
    this.name = "BodyTooLarge";
  }
}

/** Counts the bytes of a body without a Content-Length and fails past the limit. */
function limited(body: Readable, limit: number): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new BodyTooLarge());
      else callback(null, chunk);
    },
  });
  body.on("error", (error) => counter.destroy(error));
  counter.on("error", noop); // undici reports it (the request fails); nobody else listens once it has
  return body.pipe(counter);
}

const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/** The slug and the rest of a gateway path: `/gateway/orders/v1/items` → ["orders", "/v1/items"]. */
export function splitGatewayPath(path: string): { slug: string; rest: string } | null {
  if (!path.startsWith(GATEWAY_PREFIX)) return null;
  const tail = path.slice(GATEWAY_PREFIX.length);
  const slash = tail.indexOf("/");
  const slug = slash < 0 ? tail : tail.slice(0, slash);
  return slug ? { slug, rest: slash < 0 ? "" : tail.slice(slash) } : null;
}

function faultOf(error: unknown): "timeout" | "bad_gateway" | "too_large" | "aborted" {
  if (error instanceof BodyTooLarge || (error as { cause?: unknown })?.cause instanceof BodyTooLarge) return "too_large";
  const code = (error as { code?: string }).code ?? "";
  const name = (error as { name?: string }).name ?? "";
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT" || name === "TimeoutError") return "timeout";
  if (code === "UND_ERR_ABORTED" || name === "AbortError") return "aborted";
  return "bad_gateway";
}

/**
 * Who is calling, for the upstream: X-Console-Client-Id, X-Console-Company-Id, X-Console-Subject and
 * X-Console-Assertion (lib/gateway/assertion.ts).
 */
export async function identityHeaders(token: VerifiedAccessToken, slug: string): Promise<Record<string, string>> {
  return {
    "x-console-client-id": token.clientId,
    "x-console-company-id": token.companyId,
    "x-console-subject": token.subject,
    "x-console-assertion": await signGatewayAssertion(token, slug),
  };
}

/**
 * Counts a call once it has ended: Prometheus by API and status class; for a call of a known app
 * (allowed, or refused with 403), the usage counters per app and API (latency from `started`) and a
 * request-log row.
 */
export function callCounter(
  route: { apiId: string; slug: string },
  call: { method: string; path: string; query: string; requestId: string },
  started: number,
) {
  return (who: { appId: string; companyId: string } | undefined) => (status: number) => {
    recordGatewayRequest(route.slug, status);
    if (!who) return;
    const latencyMs = performance.now() - started;
    recordApiCall({ companyId: who.companyId, appId: who.appId, apiId: route.apiId, status, latencyMs });
    recordRequestLog({
      companyId: who.companyId,
      appId: who.appId,
      apiId: route.apiId,
      at: new Date(),
      method: call.method,
      path: call.path,
      query: redactQuery(call.query),
      status,
      latencyMs,
      requestId: call.requestId,
    });
  };
}

/** Answers one gateway call. Never throws. */
export async function gatewayCall(req: GatewayRequest): Promise<GatewayResult> {
  const started = performance.now();
  const parts = splitGatewayPath(req.path);
  if (!parts) return { kind: "answer", answer: GATEWAY_ANSWERS.notFound(), done: noop };
  if (DOT_SEGMENT.test(parts.rest)) return { kind: "answer", answer: GATEWAY_ANSWERS.badRequest(), done: noop };
  try {
    const route = await gatewayRoute(parts.slug);
    if (!route?.origin) return { kind: "answer", answer: GATEWAY_ANSWERS.notFound(), done: noop };
    const origin = route.origin;
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : Array.isArray(v) ? v.join(", ") : null;
    };
    const outcome = await runGatewayChecks({
      route,
      method: req.method,
      authorization: header("authorization"),
      dpop: header("dpop"),
      url: `${gatewayBaseUrl(route.slug)}${parts.rest}`,
    });
    const count = callCounter(route, req, started);
    if (!outcome.ok) return { kind: "answer", answer: outcome.refusal.answer, done: count(outcome.refusal.counted) };
    const token = outcome.token;
    const done = count({ appId: token.appId, companyId: token.companyId });

    const declared = header("content-length");
    if (declared !== null && Number(declared) > route.bodyLimitBytes) {
      return { kind: "answer", answer: GATEWAY_ANSWERS.tooLarge(route.bodyLimitBytes), done };
    }
    const hasBody = req.body !== null && (declared !== null ? Number(declared) > 0 : req.headers["transfer-encoding"] !== undefined);
    const body = hasBody ? (declared !== null ? req.body! : limited(req.body!, route.bodyLimitBytes)) : null;

    const headers = upstreamRequestHeaders(req.headers, route);
    const consoleUrl = new URL(env().consoleUrl);
    headers["x-forwarded-for"] = req.ip;
    headers["x-forwarded-proto"] = consoleUrl.protocol.slice(0, -1);
    headers["x-forwarded-host"] = consoleUrl.host;
    headers["x-request-id"] = req.requestId;
    Object.assign(headers, await identityHeaders(token, route.slug));

    const forwarded = performance.now();
    try {
      const answer = await dispatcher.request({
        origin,
        path: `${route.basePath}${parts.rest || "/"}${req.query ? `?${req.query}` : ""}`,
        method: req.method as "GET",
        headers,
        body,
        headersTimeout: route.timeoutMs,
        bodyTimeout: route.timeoutMs,
        signal: req.signal,
      });
      observeGatewayUpstream(route.slug, (performance.now() - forwarded) / 1000);
      return {
        kind: "upstream",
        status: answer.statusCode,
        headers: { ...downstreamHeaders(answer.headers), ...outcome.headers },
        body: answer.body,
        done,
      };
    } catch (error) {
      const fault = faultOf(error);
      if (fault === "bad_gateway" || fault === "timeout")
        logger().warn({ api: route.slug, fault, ...errorFields(error) }, "gateway: upstream fault");
      const answer =
        fault === "too_large"
          ? GATEWAY_ANSWERS.tooLarge(route.bodyLimitBytes)
          : fault === "timeout"
            ? GATEWAY_ANSWERS.timeout()
            : GATEWAY_ANSWERS.badGateway();
      return { kind: "answer", answer, done };
    }
  } catch (error) {
    if (isUnavailableError(error)) return { kind: "answer", answer: GATEWAY_ANSWERS.unavailable(), done: noop };
    logger().error(errorFields(error), "gateway: call failed");
    return { kind: "answer", answer: jsonAnswer({ error: "server_error" }, 500), done: noop };
  }
}
