// The console's HTTP server (started by scripts/start.ts once the database is ready): Next.js's
// request handler on a plain Node server, so that a SIGTERM or SIGINT drains in-flight requests,
// then flushes the buffered usage counters, then exits. Plain JavaScript: no loaders in the server.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT ?? 3000);
const drainTimeoutMs = Number(process.env.CONSOLE_DRAIN_TIMEOUT_MS ?? 15_000);

const app = next({ dev: false, dir: process.cwd(), port });
const handle = app.getRequestHandler();
await app.prepare();

// The caller's address comes from the socket unless the operator says a trusted proxy sets
// X-Forwarded-For (CONSOLE_TRUST_PROXY=1); a client cannot pick its own address for the throttles.
const trustProxy = process.env.CONSOLE_TRUST_PROXY === "1";
const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  return handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, () => console.log(`[server] ready on port ${port}`));

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[server] ${signal}: draining requests …`);
  const drained = new Promise((resolve) => server.close(() => resolve(undefined)));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), drainTimeoutMs);
  await drained;
  clearTimeout(timer);
  // lib/metrics/recorder.ts keeps its buffer on globalThis so the shutdown can reach it.
  const usage = globalThis.__apiConsoleUsage;
  if (usage) {
    try {
      const pending = usage.pending();
      await usage.flush();
      console.log(`[server] flushed ${pending} buffered API call(s) to usage counters`);
    } catch (error) {
      console.error("[server] could not flush usage counters:", error);
    }
  }
  await app.close?.();
  console.log("[server] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
