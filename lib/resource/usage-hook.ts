import "server-only";
// Usage metrics for the platform's APIs: protectApi() calls countApiCall once per call that carried a
// valid token (success, client error or server error, with its latency). It only touches the
// in-memory buffer of lib/metrics/recorder (flushed in batches), so it never slows or fails the call.
import { apiIdOfSlug } from "../apis/catalog";
import { recordApiCall as record } from "../metrics/recorder";
import type { VerifiedAccessToken } from "../oauth/verify-access-token";
import { errorFields, logger } from "../observability/log";
import { recordApiCallMetric } from "../observability/metrics";
import { singleton } from "../runtime/singleton";

export interface CountedApiCall {
  token: VerifiedAccessToken;
  apiSlug: string;
  /** Known when the subscription was found; otherwise looked up by slug (cached). */
  apiId?: string;
  status: number;
  latencyMs: number;
}

// Process-wide (lib/runtime/singleton): the fast path and the Next.js routes share it.
const apiIdBySlug = singleton("usage.apiIdBySlug", () => new Map<string, string>());

async function apiIdFor(slug: string): Promise<string | null> {
  const known = apiIdBySlug.get(slug);
  if (known) return known;
  const id = await apiIdOfSlug(slug);
  if (id) apiIdBySlug.set(slug, id);
  return id;
}

export function countApiCall(call: CountedApiCall): void {
  recordApiCallMetric(call.apiSlug, call.status);
  const write = (apiId: string) =>
    record({ companyId: call.token.companyId, appId: call.token.appId, apiId, status: call.status, latencyMs: call.latencyMs });
  const apiId = call.apiId ?? apiIdBySlug.get(call.apiSlug);
  if (apiId) {
    write(apiId);
    return;
  }
  void apiIdFor(call.apiSlug)
    .then((id) => id && write(id))
    .catch((error) => logger().error(errorFields(error), "usage: could not attribute an API call"));
}
