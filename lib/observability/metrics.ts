// Prometheus metrics (prom-client), one registry per process (lib/runtime/singleton: the Next.js
// bundle and scripts/serve.ts's fast paths count into the same one). Served at GET /metrics only when
// CONSOLE_METRICS_TOKEN is set, and then only to `Authorization: Bearer <that token>`.
// Hooks for other modules: recordTokenIssued, recordApiCallMetric, observeRequest, recordJobRun.
import { timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { singleton } from "../runtime/singleton";

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "console_process_" });
  return {
    registry,
    tokens: new Counter({
      name: "console_tokens_issued_total",
      help: "Token endpoint requests by grant type and outcome (issued, or the OAuth error code)",
      labelNames: ["grant", "outcome"] as const,
      registers: [registry],
    }),
    apiCalls: new Counter({
      name: "console_api_calls_total",
      help: "Calls of the platform's APIs by API and status class",
      labelNames: ["api", "outcome"] as const,
      registers: [registry],
    }),
    requests: new Histogram({
      name: "console_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route group, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    jobs: new Counter({
      name: "console_job_runs_total",
      help: "Housekeeping job runs by job and outcome",
      labelNames: ["job", "outcome"] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: "console_job_duration_seconds",
      help: "Housekeeping job run time",
      labelNames: ["job"] as const,
      buckets: [0.01, 0.1, 1, 10, 60, 600],
      registers: [registry],
    }),
  };
}

function metrics() {
  return singleton("metrics.registry", create);
}

export function recordTokenIssued(grant: string, outcome: string): void {
  metrics().tokens.inc({ grant: grant.slice(0, 32), outcome });
}

export function recordApiCallMetric(api: string, status: number): void {
  metrics().apiCalls.inc({ api, outcome: status < 400 ? "success" : status < 500 ? "client_error" : "server_error" });
}

/** The route group of a path: a small fixed set, so labels stay bounded. */
export function routeGroup(pathname: string): string {
  if (pathname === "/oauth2/token" || pathname === "/oauth2/revoke" || pathname === "/oauth2/introspect" || pathname === "/oauth2/jwks") return pathname;
  if (pathname.startsWith("/oauth2/authorize")) return "/oauth2/authorize";
  if (pathname === "/api/hello" || pathname === "/api/health" || pathname === "/api/ready" || pathname === "/metrics") return pathname;
  if (pathname.startsWith("/api/auth/")) return "/api/auth";
  if (pathname.startsWith("/api/")) return "/api/*";
  if (pathname.startsWith("/_next/")) return "/_next";
  return "page";
}

export function observeRequest(pathname: string, method: string, status: number, seconds: number): void {
  metrics().requests.observe({ route: routeGroup(pathname), method: method.slice(0, 8), status: String(status) }, seconds);
}

/** For the housekeeping job runner: one run of `job` ended with `outcome` ("ok" or "failed") after `seconds`. */
export function recordJobRun(job: string, outcome: "ok" | "failed", seconds?: number): void {
  metrics().jobs.inc({ job, outcome });
  if (seconds !== undefined) metrics().jobDuration.observe({ job }, seconds);
}

export type MetricsAccess = "off" | "denied" | "allowed";

/** Whether a request may read /metrics: off without CONSOLE_METRICS_TOKEN; Bearer that token otherwise. */
export function metricsAccess(authorization: string | null | undefined, token: string | undefined): MetricsAccess {
  if (!token) return "off";
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m) return "denied";
  const a = Buffer.from(m[1]!);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? "allowed" : "denied";
}

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
