// The per-request hooks count in plain numbers and hand them to prom-client when /metrics is read:
// the text is the same as observing each request with prom-client directly.
import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { metricsText, observeRequest } from "./metrics";

function lines(text: string, name: string): string[] {
  return text.split("\n").filter((l) => l.startsWith(name) && !l.startsWith("#"));
}

describe("batched request latencies", () => {
  it("give the buckets, sums and counts of a plain prom-client histogram", async () => {
    const plain = new Histogram({
      name: "console_http_request_duration_seconds",
      help: "x",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [new Registry()],
    });
    const before = await metricsText();
    const base = lines(before.body, "console_http_request_duration_seconds");
    expect(base).toEqual([]);
    const seen: [string, string, number, number][] = [
      ["/oauth2/token", "POST", 200, 0.0004],
      ["/oauth2/token", "POST", 200, 0.001],
      ["/oauth2/token", "POST", 401, 0.03],
      ["/api/hello", "GET", 200, 7],
      ["/apps", "GET", 200, 0.2],
    ];
    const observeBoth = (route: string, method: string, status: number, s: number) => {
      observeRequest(route, method, status, s);
      plain.observe({ route: route === "/apps" ? "page" : route, method, status: String(status) }, s);
    };
    for (const o of seen) observeBoth(...o);
    const first = lines((await metricsText()).body, "console_http_request_duration_seconds");
    // More after a first read add to the same series.
    for (const o of seen.slice(0, 3)) observeBoth(...o);
    const second = lines((await metricsText()).body, "console_http_request_duration_seconds");
    const registry = new Registry();
    registry.registerMetric(plain);
    const expected = lines(await registry.metrics(), "console_http_request_duration_seconds");
    expect(first.length).toBe(expected.length);
    expect(second).toEqual(expected);
  });
});
