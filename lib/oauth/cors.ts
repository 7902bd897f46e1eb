import "server-only";
// CORS for Single-page apps: the token, userinfo and JWKS endpoints answer a browser only
// from the "Allowed web origins" registered on a Single-page app — the token endpoint and userinfo for
// the calling app's own origins, preflights and the JWKS for any active app's. Every other origin gets
// no Access-Control-Allow-Origin, so the browser keeps the answer from the page.
import { db } from "../db";
import { singleton } from "../runtime/singleton";

const ALLOW_HEADERS = "authorization, content-type, dpop";
const TTL_MS = 2000;

const holder = singleton("oauth.cors", () => ({}) as { __corsOrigins?: { at: number; origins: Set<string> } });

/** Every allowed web origin of an active app (cached 2 s). */
async function registeredOrigins(fresh = false): Promise<Set<string>> {
  const hit = holder.__corsOrigins;
  if (!fresh && hit && Date.now() - hit.at < TTL_MS) return hit.origins;
  const rows = await db().app.findMany({ where: { allowedOrigins: { not: "" }, status: "ACTIVE" }, select: { allowedOrigins: true } });
  const origins = new Set(rows.flatMap((r) => r.allowedOrigins.split(" ").filter(Boolean)));
  holder.__corsOrigins = { at: Date.now(), origins };
  return origins;
}

export function forgetCorsOrigins(): void {
  holder.__corsOrigins = undefined;
}

/** The headers that let this origin read the answer, when the app allows it. */
export function corsHeaders(
  origin: string | null | undefined,
  allowed: readonly string[],
  exposeAuthenticate = false,
): Record<string, string> {
  if (!origin || !allowed.includes(origin)) return origin ? { vary: "Origin" } : {};
  return {
    "access-control-allow-origin": origin,
    vary: "Origin",
    ...(exposeAuthenticate ? { "access-control-expose-headers": "WWW-Authenticate, DPoP-Nonce" } : {}),
  };
}

/** CORS headers for an origin registered on any active app (preflights, JWKS). */
export async function registeredOriginHeaders(origin: string | null | undefined): Promise<Record<string, string>> {
  if (!origin || origin.length > 300) return {};
  // A miss is read once more: an app registered a moment ago counts at once.
  const known = (await registeredOrigins()).has(origin) || (await registeredOrigins(true)).has(origin);
  return corsHeaders(origin, known ? [origin] : []);
}

/** The answer to a CORS preflight (OPTIONS) at a token-service endpoint. */
export async function preflight(request: Request, methods: string): Promise<Response> {
  const origin = request.headers.get("origin");
  const headers: Record<string, string> = await registeredOriginHeaders(origin);
  if (headers["access-control-allow-origin"]) {
    headers["access-control-allow-methods"] = methods;
    headers["access-control-allow-headers"] = ALLOW_HEADERS;
    headers["access-control-max-age"] = "600";
  }
  return new Response(null, { status: 204, headers: { ...headers, allow: `${methods}, OPTIONS` } });
}
