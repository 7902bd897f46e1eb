// The console's HTTP server (started by scripts/start.ts). Every request passes the edge first
// (lib/http): a request id (X-Request-Id, on every answer), the client's address by the one rule
// (lib/http/client-address.ts, CONSOLE_TRUSTED_PROXIES), the input limits of the one table
// (lib/http/limits.js: 414 / 413 before reading / a growing body cut off and its connection
// destroyed; Node answers 431 and 408), the security headers (lib/http/security-headers.js), a latency
// observation for /metrics (batched, lib/observability/metrics) and, at debug level, a log line. Then
// two fast paths are answered here directly, by the same transport-neutral functions the Next.js
// routes use — `POST /oauth2/token` (lib/oauth/token-endpoint processTokenRequest) and `GET /api/hello`
// (lib/resource/hello helloAnswer) — skipping Next.js's routing and Web Request/Response objects for
// the platform's hottest paths (see bench/). The token path runs the endpoint's one pipeline of steps,
// which answers in the tick the body ends when everything is in memory (lib/runtime/maybe-sync;
// docs/performance.md). Everything else goes to Next.js's request handler.
// Run with the react-server condition (lib/ modules import "server-only"). lib/ is loaded here and
// inside the Next.js bundle: module state lives in lib/runtime/singleton.ts, so both copies share it.
import http from "node:http";
import next from "next";
import { flushLastUsed } from "../lib/apps/last-used";
import { parseEnv } from "../lib/env";
import { isGatewayPath, serveGateway } from "../lib/gateway/node";
import { flushRequestLogs } from "../lib/gateway/request-log";
import { errorAnswer } from "../lib/http";
import type { HttpAnswer } from "../lib/http/answer";
import { CLIENT_ADDRESS_HEADER, clientAddress, userAgentOf } from "../lib/http/client-address";
import { REQUEST_LIMITS } from "../lib/http/limits.js";
import { guardRequest, header, readBody, writeAnswer } from "../lib/http/node";
import { securityHeaderRecord } from "../lib/http/security-headers.js";
import { flushUsage, pendingUsage } from "../lib/metrics/recorder";
import { oauthError } from "../lib/oauth/errors";
import { processTokenRequest } from "../lib/oauth/token-endpoint";
import { markDraining } from "../lib/observability/health";
import { errorFields, logger, REQUEST_ID_HEADER, requestIdFrom, requestScope } from "../lib/observability/log";
import { observeRequest } from "../lib/observability/metrics";
import { flushQuotaCounters } from "../lib/plans/counters";
import { helloAnswer } from "../lib/resource/hello";
import { isPromise } from "../lib/runtime/maybe-sync";

const env = parseEnv();
const log = logger();
const app = next({ dev: false, dir: process.cwd(), port: env.port });
await app.prepare();
const handle = app.getRequestHandler();
const securityHeaders = securityHeaderRecord(env.consoleUrl);

/**
 * POST /oauth2/token. The body is read with the stream's own callbacks; when its end has come the
 * endpoint's pipeline runs (lib/oauth/token-endpoint.ts): its answer is written in the same tick when
 * every step found what it needed in memory (memory limiter, cached client and signing key), else when
 * its promise settles. A body over the limit is `null` (413), a request cut off before its end is
 * refused as before.
 */
function token(req: EdgeRequest, res: http.ServerResponse, limit: number, headers: Record<string, string>): void {
  readBody(
    req,
    limit,
    (body) => {
      const request = {
        method: "POST",
        contentType: header(req, "content-type"),
        authorization: header(req, "authorization"),
        body,
        ip: req.ip,
        userAgent: userAgentOf(header(req, "user-agent")),
        origin: header(req, "origin"),
        dpop: header(req, "dpop"),
      };
      requestScope(req.requestId, () => {
        let answer;
        try {
          answer = processTokenRequest(request);
        } catch (error) {
          answer = oauthError(error);
        }
        if (isPromise(answer)) {
          answer.then(
            (a) => writeAnswer(res, a, headers),
            (error: unknown) => fail(res, oauthError(error), headers),
          );
        } else writeAnswer(res, answer, headers);
      });
    },
    (error) => requestScope(req.requestId, () => fail(res, oauthError(error), headers)),
  );
}

async function hello(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  writeAnswer(res, await helloAnswer(header(req, "authorization"), header(req, "dpop")), securityHeaders);
}

function fail(res: http.ServerResponse, answer: HttpAnswer, headers: Record<string, string> = securityHeaders): void {
  if (res.headersSent) res.destroy();
  else writeAnswer(res, answer, headers);
}

/** What the edge keeps about a request for its latency observation and log line (no closure per request). */
class EdgeRequest extends http.IncomingMessage {
  started = 0;
  requestId = "";
  path = "";
  ip = "";
}

/** The answer is out: one latency observation for /metrics (batched) and, at debug level, a log line. */
function finished(this: http.ServerResponse & { req: EdgeRequest }): void {
  const req = this.req;
  const seconds = (performance.now() - req.started) / 1000;
  observeRequest(req.path, req.method ?? "GET", this.statusCode, seconds);
  if (log.isLevelEnabled("debug")) {
    log.debug(
      {
        requestId: req.requestId,
        method: req.method,
        path: req.path.slice(0, 200),
        status: this.statusCode,
        ms: Math.round(seconds * 1000),
        ip: req.ip,
      },
      "request",
    );
  }
}

const server = http.createServer<typeof EdgeRequest>(
  {
    IncomingMessage: EdgeRequest,
    maxHeaderSize: REQUEST_LIMITS.headerBytes,
    requestTimeout: env.requestTimeoutMs ?? REQUEST_LIMITS.requestTimeoutMs,
    headersTimeout: Math.min(REQUEST_LIMITS.headersTimeoutMs, env.requestTimeoutMs ?? REQUEST_LIMITS.headersTimeoutMs),
    // How often Node checks the two timeouts above (its default, 30 s, would let slow requests live longer).
    connectionsCheckingInterval: 1000,
  },
  (req, res) => {
    req.started = performance.now();
    const requestId = requestIdFrom(header(req, REQUEST_ID_HEADER));
    req.requestId = requestId;
    req.headers[REQUEST_ID_HEADER] = requestId;
    // The client's address, by the one rule; passed on to Next.js in a header the caller cannot set.
    const ip = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], env.trustedProxies);
    req.ip = ip;
    req.headers[CLIENT_ADDRESS_HEADER] = ip;
    req.headers["x-forwarded-for"] = ip;
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    req.path = path;
    res.on("finish", finished);
    // The two fast paths need no request scope here: the token path enters it when the body has come
    // (its only asynchronous part), the Hello API's awaits run inside the one below. The token path
    // writes the request id with its answer's headers: one header set beforehand (setHeader) sends
    // Node's writeHead down its slower path, a setHeader per header (docs/performance.md).
    if (req.method === "POST" && path === "/oauth2/token") {
      const headers = { ...securityHeaders, [REQUEST_ID_HEADER]: requestId };
      const limit = guardRequest(req, res, path, headers);
      if (limit !== false) token(req, res, limit, headers);
      return;
    }
    res.setHeader(REQUEST_ID_HEADER, requestId);
    requestScope(requestId, () => {
      const limit = guardRequest(req, res, path, securityHeaders);
      if (limit === false) return;
      // The built-in gateway and its check endpoint (lib/gateway): streamed both ways, outside Next.js.
      if (isGatewayPath(path)) {
        serveGateway(req, res, { path, ip, requestId, refusalHeaders: securityHeaders });
        return;
      }
      if (req.method === "GET" && path === "/api/hello") {
        hello(req, res).catch((error) => fail(res, errorAnswer(error)));
        return;
      }
      handle(req, res).catch((error) => {
        log.error(errorFields(error), "next.js request handler failed");
        fail(res, errorAnswer(error));
      });
    });
  },
);
server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
  // Node's own refusals: over-large headers (431), a request too slow to arrive (408), malformed HTTP (400).
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  if (socket.writable && !(socket as { _httpMessage?: unknown })._httpMessage) {
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  }
  socket.destroy();
});
server.keepAliveTimeout = 65_000;
server.listen(env.port, () => log.info({ port: env.port }, `[serve] listening on port ${env.port}`));
// Housekeeping (lib/jobs/runner.ts): pruning, usage roll-ups, signing-key rotation; one instance at a time.
(await import("../lib/jobs/runner")).startJobRunner();
// Mail (lib/mail/sender.ts): delivers the outbox with retries, or logs action links without SMTP_URL.
(await import("../lib/mail/sender")).startMailSender();

// SIGTERM / SIGINT: /api/ready answers 503 from now on, stop accepting connections, let in-flight
// requests finish (at most CONSOLE_DRAIN_TIMEOUT_MS), flush the buffered usage counters, then exit.
let stopping = false;
/** How long the flushes after the drain may take before the process exits anyway. */
const STOP_GRACE_MS = 15_000;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // However the steps below go (a flush whose database is gone can wait on it), the process ends: a
  // server that outlives its stop keeps its timers polling and its port taken.
  setTimeout(() => {
    log.error("[serve] did not stop in time; exiting");
    process.exit(1);
  }, env.drainTimeoutMs + STOP_GRACE_MS).unref();
  markDraining();
  log.info({ signal }, `[serve] ${signal}: draining requests …`);
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), env.drainTimeoutMs);
  await drained;
  clearTimeout(force);
  const pending = pendingUsage();
  try {
    await flushUsage();
    await flushQuotaCounters();
    await flushLastUsed();
    log.info({ pending }, `[serve] flushed ${pending} buffered API call(s) to the usage counters`);
  } catch (error) {
    log.error(errorFields(error), "[serve] could not flush usage counters");
  }
  await flushRequestLogs().catch((error) => log.error(errorFields(error), "[serve] could not flush request logs"));
  await app.close().catch(() => {});
  log.info("[serve] stopped");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
// Started by scripts/start.ts with an IPC channel: its closing means the starter is gone; stop too.
if (process.connected) process.on("disconnect", () => void shutdown("starter gone"));
