import { env } from "@/lib/env";
import { metricsAccess, metricsText } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint: 404 unless CONSOLE_METRICS_TOKEN is set; then 401 without
// `Authorization: Bearer <that token>`.
export async function GET(request: Request): Promise<Response> {
  const access = metricsAccess(request.headers.get("authorization"), env().metricsToken);
  if (access === "off")
    return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain", "cache-control": "no-store" } });
  if (access === "denied") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: { "content-type": "text/plain", "cache-control": "no-store", "www-authenticate": 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await metricsText();
  return new Response(body, { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" } });
}
