// The console's HTTP server (started by scripts/start.ts): Next.js serves everything through its
// request handler, except `POST /oauth2/token`, which is answered here directly by the same domain
// function the Next.js route uses (lib/oauth/token-endpoint processTokenRequest). The token endpoint
// is the hot path of the platform; skipping Next.js's routing and Web Request/Response objects for it
// roughly triples its throughput (see bench/token-endpoint.ts). Everything else — the route handler
// app/oauth2/token/route.ts included, which `next dev` uses — behaves the same.
// Run with the react-server condition (lib/ modules import "server-only").
import http from "node:http";
import next from "next";
import { parseEnv } from "../lib/env";
import { MAX_BODY_BYTES } from "../lib/oauth/params";
import { processTokenRequest } from "../lib/oauth/token-endpoint";
import { helloAnswer } from "../lib/resource/hello";

const env = parseEnv();
const app = next({ dev: false, dir: process.cwd(), port: env.port });
await app.prepare();
const handle = app.getRequestHandler();

function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(", ") : null;
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const forwarded = header(req, "x-forwarded-for")?.split(",")[0]?.trim();
  const result = await processTokenRequest({
    method: "POST",
    contentType: header(req, "content-type"),
    authorization: header(req, "authorization"),
    body: await readBody(req),
    ip: (forwarded || header(req, "x-real-ip") || req.socket.remoteAddress || "unknown").replace(/^::ffff:/, "").slice(0, 64),
    userAgent: (header(req, "user-agent") ?? "").slice(0, 256),
  });
  res.writeHead(result.status, { ...result.headers, "content-length": Buffer.byteLength(result.body) });
  res.end(result.body);
}

// GET /api/hello (the sample API, hot for every client that tries the platform) answered by the same
// handler as app/api/hello/route.ts (which `next dev` uses), without Next.js's routing: only the
// Authorization header matters to it. Security headers are set here too
// (the same as next.config.js gives every path).
const helloHeaders = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
};
async function hello(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const answer = await helloAnswer(header(req, "authorization"));
  res.writeHead(answer.status, { ...helloHeaders, ...answer.headers, "content-length": Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

// The caller's address comes from the socket unless the operator says a trusted proxy sets
// X-Forwarded-For (CONSOLE_TRUST_PROXY=1): a client cannot choose its own address for the throttles.
const server = http.createServer((req, res) => {
  if (!env.trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  const path = req.url?.split("?")[0];
  if (req.method === "POST" && path === "/oauth2/token") {
    token(req, res).catch((error) => {
      console.error("[serve] token endpoint failed", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" });
      res.end('{"error":"invalid_request","error_description":"The server could not handle the request. Try again."}');
    });
    return;
  }
  if (req.method === "GET" && path === "/api/hello") {
    hello(req, res).catch((error) => {
      console.error("[serve] Hello API failed", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
      res.end('{"error":"server_error"}');
    });
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(env.port, () => console.log(`[serve] listening on port ${env.port}`));
// Housekeeping (lib/jobs/runner.ts): pruning, usage roll-ups, signing-key rotation; one instance at a time.
(await import("../lib/jobs/runner")).startJobRunner();

// SIGTERM / SIGINT: stop accepting connections, let in-flight requests finish (at most
// CONSOLE_DRAIN_TIMEOUT_MS), flush the buffered usage counters, then exit. The recorder lives on
// globalThis, so this reaches the one the Next.js routes fill as well as the fast path's.
const drainTimeoutMs = Number(process.env.CONSOLE_DRAIN_TIMEOUT_MS ?? 15_000);
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[serve] ${signal}: draining requests …`);
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
  await drained;
  clearTimeout(force);
  const usage = (globalThis as { __apiConsoleUsage?: { pending(): number; flush(): Promise<void> } }).__apiConsoleUsage;
  if (usage) {
    const pending = usage.pending();
    try {
      await usage.flush();
      console.log(`[serve] flushed ${pending} buffered API call(s) to the usage counters`);
    } catch (error) {
      console.error("[serve] could not flush usage counters:", error);
    }
  }
  await app.close().catch(() => {});
  console.log("[serve] stopped");
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutdown(signal));
