import "server-only";
// Who is calling from where: the address and user agent written to the audit log and used by the
// throttles. The address follows lib/http/client-address.ts (the one rule: the rightmost hop that is
// not a trusted proxy, CONSOLE_TRUSTED_PROXIES).
import { headers } from "next/headers";
import { clientAddressFromHeaders, userAgentOf } from "../http/client-address";

export interface RequestContext {
  ip: string;
  userAgent: string;
}

export function contextFromHeaders(h: Headers): RequestContext {
  return { ip: clientAddressFromHeaders(h), userAgent: userAgentOf(h.get("user-agent")) };
}

/** In server components and server actions. */
export async function requestContext(): Promise<RequestContext> {
  return contextFromHeaders(await headers());
}
