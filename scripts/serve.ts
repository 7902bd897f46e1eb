// The console's HTTP server (started by scripts/start.ts). Every request passes the edge first
// (lib/http): a request id (X-Request-Id, on every answer), the client's address by the one rule
// (lib/http/client-address.ts, CONSOLE_TRUSTED_PROXIES), the input limits of the one table
// (lib/http/limits.js: 414 / 413 before reading / a growing body cut off and its connection
// destroyed; Node answers 431 and 408), the security headers (lib/http/security-headers.js), a latency
// observation for /metrics and a structured log line. Then two fast paths are answered here directly,
// by the same transport-neutral functions the Next.js routes use — `POST /oauth2/token`
// (lib/oauth/token-endpoint processTokenRequest) and `GET /api/hello` (lib/resource/hello helloAnswer) —
// skipping Next.js's routing and Web Request/Response objects for the platform's hottest paths (see
// bench/). Everything else goes to Next.js's request handler.
// Run with the react-server condition (lib/ modules import "server-only"). lib/ is loaded here and
// inside the Next.js bundle: module state lives in lib/runtime/singleton.ts, so both copies share it.
import http from "node:http";
import next from "next";
import { parseEnv } from "../lib/env";
import { errorAnswer } from "../lib/http";
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
import { helloAnswer } from "../lib/resource/hello";

const env = parseEnv();
const log = logger();
const app = next({ dev: false, dir: process.cwd(), port: env.port });
await app.prepare();
const handle = app.getRequestHandler();
const securityHeaders = securityHeaderRecord(env.consoleUrl);

async function token(req: http.IncomingMessage, res: http.ServerResponse, limit: number, ip: string): Promise<void> {
  const body = await readBody(req, limit);
  const answer = await processTokenRequest({
    method: "POST",
    contentType: header(req, "content-type"),
    authorization: header(req, "authorization"),
    body,
    ip,
    userAgent: userAgentOf(header(req, "user-agent")),
    origin: header(req, "origin"),
    dpop: header(req, "dpop"),
  });
  writeAnswer(res, answer, securityHeaders);
}

async function hello(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  writeAnswer(res, await helloAnswer(header(req, "authorization"), header(req, "dpop")), securityHeaders);
}

function fail(res: http.ServerResponse, answer: { status: number; headers: Record<string, string>; body: string }): void {
  if (res.headersSent) res.destroy();
  else writeAnswer(res, answer, securityHeaders);
}

const server = http.createServer({
  maxHeaderSize: REQUEST_LIMITS.headerBytes,
  requestTimeout: env.requestTimeoutMs ?? REQUEST_LIMITS.requestTimeoutMs,
  headersTimeout: Math.min(REQUEST_LIMITS.headersTimeoutMs, env.requestTimeoutMs ?? REQUEST_LIMITS.headersTimeoutMs),
  // How often Node checks the two timeouts above (its default, 30 s, would let slow requests live longer).
  connectionsCheckingInterval: 1000,
}, (req, res) => {
  const started = performance.now();
  const requestId = requestIdFrom(header(req, REQUEST_ID_HEADER));
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  // The client's address, by the one rule; passed on to Next.js in a header the caller cannot set.
  const ip = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], env.trustedProxies);
  req.headers[CLIENT_ADDRESS_HEADER] = ip;
  req.headers["x-forwarded-for"] = ip;
  const path = (req.url ?? "/").split("?")[0]!;
  res.on("finish", () => {
    const seconds = (performance.now() - started) / 1000;
    observeRequest(path, req.method ?? "GET", res.statusCode, seconds);
    log.debug({ requestId, method: req.method, path: path.slice(0, 200), status: res.statusCode, ms: Math.round(seconds * 1000), ip }, "request");
  });
  requestScope(requestId, () => {
    const limit = guardRequest(req, res, path, securityHeaders);
    if (limit === false) return;
    if (req.method === "POST" && path === "/oauth2/token") {
      token(req, res, limit, ip).catch((error) => fail(res, oauthError(error)));
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
});
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
// Housekeeping (lib/jobs/runner.ts, issue 12): pruning, usage roll-ups, signing-key rotation; one instance at a time.
(await import("../lib/jobs/runner")).startJobRunner();
// Mail (lib/mail/sender.ts): delivers the outbox with retries, or logs action links without SMTP_URL.
(await import("../lib/mail/sender")).startMailSender();

// SIGTERM / SIGINT: /api/ready answers 503 from now on, stop accepting connections, let in-flight
// requests finish (at most CONSOLE_DRAIN_TIMEOUT_MS), flush the buffered usage counters, then exit.
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
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
    log.info({ pending }, `[serve] flushed ${pending} buffered API call(s) to the usage counters`);
  } catch (error) {
    log.error(errorFields(error), "[serve] could not flush usage counters");
  }
  await app.close().catch(() => {});
  log.info("[serve] stopped");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
