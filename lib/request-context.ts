import "server-only";
// Who is calling from where: the address and user agent written to the audit log and used by the
// throttles. Next.js fills X-Forwarded-For with the socket's address when the request has none; behind
// a reverse proxy, that proxy must set (overwrite) X-Forwarded-For.
import { headers } from "next/headers";

export interface RequestContext {
  ip: string;
  userAgent: string;
}

export function contextFromHeaders(h: Headers): RequestContext {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = (forwarded || h.get("x-real-ip") || "unknown").replace(/^::ffff:/, "");
  return { ip: ip.slice(0, 64), userAgent: (h.get("user-agent") ?? "").slice(0, 256) };
}

/** In server components and server actions. */
export async function requestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}
