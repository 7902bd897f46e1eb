import "server-only";
// Which upstream serves CONSOLE_URL/gateway/<slug>: the API's row, its headers opened once, cached
// briefly in the hot cache (lib/oauth/hot-cache: every catalog change forgets it at once). A retired
// API is unknown (404); one without an upstream (documentation only) is not proxied, though
// GET /gateway/check still answers for it (the upstream sits behind the caller's own gateway).
import { db } from "../db";
import { hotCached } from "../oauth/hot-cache";
import { openUpstreamHeaders } from "./upstream-config";

export interface GatewayRoute {
  apiId: string;
  slug: string;
  /** The upstream base: origin and base path, no trailing slash; null when the API has no upstream. */
  origin: string | null;
  basePath: string;
  timeoutMs: number;
  bodyLimitBytes: number;
  headers: Record<string, string>;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function gatewayRoute(slug: string): Promise<GatewayRoute | null> {
  if (!SLUG.test(slug) || slug.length > 40) return null;
  return hotCached(`gateway.route:${slug}`, async () => {
    const api = await db().api.findUnique({
      where: { slug },
      select: {
        id: true,
        slug: true,
        status: true,
        upstreamUrl: true,
        upstreamTimeoutMs: true,
        upstreamHeaders: true,
        bodyLimitBytes: true,
      },
    });
    if (!api || api.status === "RETIRED") return null;
    const url = api.upstreamUrl ? new URL(api.upstreamUrl) : null;
    return {
      apiId: api.id,
      slug: api.slug,
      origin: url ? url.origin : null,
      basePath: url ? url.pathname.replace(/\/+$/, "") : "",
      timeoutMs: api.upstreamTimeoutMs,
      bodyLimitBytes: api.bodyLimitBytes,
      headers: openUpstreamHeaders(api.id, api.upstreamHeaders),
    };
  });
}
