// Prometheus metrics (prom-client), one registry per process (lib/runtime/singleton: the Next.js
// bundle and scripts/serve.ts's fast paths count into the same one). Served at GET /metrics only when
// CONSOLE_METRICS_TOKEN is set, and then only to `Authorization: Bearer <that token>`.
// Hooks for other modules: recordTokenIssued, recordApiCallMetric, observeRequest, recordJobRun.
// The two per-request hooks (observeRequest, recordTokenIssued) only add to plain counts in memory;
// prom-client's metrics take them up when /metrics is read (their collect()), so a request pays a few
// additions instead of prom-client's label hashing and validation. What /metrics shows is the same.
import { timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { singleton } from "../runtime/singleton";

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Request latencies not yet handed to the histogram: per route, method and status, counts per bucket. */
interface PendingLatencies {
  labels: { route: string; method: string; status: string };
  /** Observations per bucket, LATENCY_BUCKETS order, the last one past every bucket (+Inf). */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * A latency histogram fed in batches: observations are counted per label set and bucket in plain
 * numbers, and handed to prom-client's histogram state when it is read (collect) — the same
 * buckets, sums and counts as observing each one. Labels are label values, bounded by routeGroup.
 */
class BatchedHistogram extends Histogram<"route" | "method" | "status"> {
  private pending = new Map<string, PendingLatencies>();

  record(route: string, method: string, status: number, seconds: number): void {
    const key = `${route} ${method} ${status}`;
    let p = this.pending.get(key);
    if (!p) {
      p = {
        labels: { route, method, status: String(status) },
        buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.pending.set(key, p);
    }
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++;
    p.buckets[i]!++;
    p.sum += seconds;
    p.count++;
  }

  /** Adds the pending counts to prom-client's state (called by get() before /metrics is written). */
  flush(): void {
    if (this.pending.size === 0) return;
    // prom-client 15's histogram state: one entry per label set ({ labels, bucketValues, sum, count });
    // zero() makes a label set's entry in that shape. lib/observability/metrics.test.ts compares the
    // text with a plain Histogram's.
    const state = () =>
      (
        this as unknown as {
          hashMap: Record<string, { labels: Record<string, string>; bucketValues: Record<number, number>; sum: number; count: number }>;
        }
      ).hashMap;
    const entryOf = (labels: PendingLatencies["labels"]) => Object.values(state()).find((e) => sameLabels(e.labels, labels));
    for (const p of this.pending.values()) {
      let entry = entryOf(p.labels);
      if (!entry) {
        this.zero(p.labels);
        entry = entryOf(p.labels)!;
      }
      const values = entry.bucketValues;
      LATENCY_BUCKETS.forEach((bound, i) => (values[bound] = (values[bound] ?? 0) + p.buckets[i]!));
      entry.sum += p.sum;
      entry.count += p.count;
    }
    this.pending.clear();
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  return a.route === b.route && a.method === b.method && a.status === b.status;
}

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "console_process_" });
  const tokenCounts = new Map<string, Map<string, number>>();
  const gatewayCounts = new Map<string, number>();
  return {
    registry,
    tokenCounts,
    gatewayCounts,
    gatewayRequests: new Counter({
      name: "console_gateway_requests_total",
      help: "Calls through the gateway (and GET /gateway/check) by API and status class",
      labelNames: ["api", "status_class"] as const,
      registers: [registry],
      collect() {
        for (const [key, n] of gatewayCounts) {
          const bar = key.indexOf("|");
          this.inc({ api: key.slice(0, bar), status_class: key.slice(bar + 1) }, n);
        }
        gatewayCounts.clear();
      },
    }),
    gatewayUpstream: new Histogram({
      name: "console_gateway_upstream_duration_seconds",
      help: "Time from forwarding a gateway call to the upstream's response headers, by API",
      labelNames: ["api"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    tokens: new Counter({
      name: "console_tokens_issued_total",
      help: "Token endpoint requests by grant type and outcome (issued, or the OAuth error code)",
      labelNames: ["grant", "outcome"] as const,
      registers: [registry],
      collect() {
        for (const [grant, outcomes] of tokenCounts) for (const [outcome, n] of outcomes) this.inc({ grant, outcome }, n);
        tokenCounts.clear();
      },
    }),
    apiCalls: new Counter({
      name: "console_api_calls_total",
      help: "Calls of the platform's APIs by API and status class",
      labelNames: ["api", "outcome"] as const,
      registers: [registry],
    }),
    requests: new BatchedHistogram({
      name: "console_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by route group, method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
      collect() {
        (this as BatchedHistogram).flush();
      },
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
  const counts = metrics().tokenCounts;
  const key = grant.length > 32 ? grant.slice(0, 32) : grant;
  let outcomes = counts.get(key);
  if (!outcomes) counts.set(key, (outcomes = new Map()));
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

export function recordApiCallMetric(api: string, status: number): void {
  metrics().apiCalls.inc({ api, outcome: status < 400 ? "success" : status < 500 ? "client_error" : "server_error" });
}

/** A gateway call (counted in plain numbers, taken up when /metrics is read). `api` is a catalog slug (bounded). */
export function recordGatewayRequest(api: string, status: number): void {
  const counts = metrics().gatewayCounts;
  const key = `${api}|${Math.floor(status / 100)}xx`;
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function observeGatewayUpstream(api: string, seconds: number): void {
  metrics().gatewayUpstream.observe({ api }, seconds);
}

/** The route group of a path: a small fixed set, so labels stay bounded. */
export function routeGroup(pathname: string): string {
  if (pathname === "/oauth2/token" || pathname === "/oauth2/revoke" || pathname === "/oauth2/introspect" || pathname === "/oauth2/jwks")
    return pathname;
  if (pathname.startsWith("/oauth2/authorize")) return "/oauth2/authorize";
  if (pathname === "/api/hello" || pathname === "/api/health" || pathname === "/api/ready" || pathname === "/metrics") return pathname;
  if (pathname === "/gateway/check" || pathname.startsWith("/gateway/check/")) return "/gateway/check";
  if (pathname.startsWith("/gateway/")) return "/gateway/*";
  if (pathname.startsWith("/api/auth/")) return "/api/auth";
  if (pathname.startsWith("/api/")) return "/api/*";
  if (pathname.startsWith("/_next/")) return "/_next";
  return "page";
}

export function observeRequest(pathname: string, method: string, status: number, seconds: number): void {
  metrics().requests.record(routeGroup(pathname), method.length > 8 ? method.slice(0, 8) : method, status, seconds);
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
