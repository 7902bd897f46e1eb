// The console's input limits, in ONE table (contract: "Limits live in one table with per-route
// entries"). scripts/serve.ts enforces them for every request before Next.js sees it (413 on a
// Content-Length over the route's limit, before reading; a body that grows past it is cut off and the
// connection destroyed; 414 on an over-long URL; 431 on over-large headers; 408 on a request that
// takes too long to arrive). Route handlers check again when they read (lib/http/body.ts), so
// `next dev` is bounded too. Plain JavaScript so next.config.js can read it (types: limits.d.ts).
const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * Body limits by path, first match wins. `prefix: true` matches the path and everything under it.
 * Pages take POSTs only as server actions; their entry is serverActions.bodySizeLimit's ceiling.
 */
export const BODY_LIMITS = Object.freeze([
  { path: "/oauth2/token", bytes: 16 * KiB, why: "RFC 6749 form: a code, a verifier, a refresh token" },
  { path: "/oauth2/revoke", bytes: 16 * KiB, why: "RFC 7009 form: one token" },
  { path: "/oauth2/introspect", bytes: 16 * KiB, why: "RFC 7662 form: one token" },
  {
    path: "/gateway",
    prefix: true,
    bytes: 1024 * MiB,
    why: "the gateway's ceiling; each API's own body limit (default 10 MiB) applies below it",
  },
  { path: "/api/auth", prefix: true, bytes: 16 * KiB, why: "Auth.js: CSRF token, sign-out, session" },
  { path: "/api/secret-scanning", prefix: true, bytes: 1 * MiB, why: "leaked-secret reports: a scanner may send many matches in one list" },
  { path: "/api", prefix: true, bytes: 64 * KiB, why: "the console's JSON route handlers and the APIs" },
  { path: "/admin/apis", prefix: true, bytes: 2 * MiB, why: "catalog edits with documentation (and API description uploads)" },
  { path: "/", prefix: true, bytes: 256 * KiB, why: "server actions of every other page (forms)" },
]);

/** Everything else about a request's size and pace. */
export const REQUEST_LIMITS = Object.freeze({
  /** Request line + query string (414 above). */
  urlBytes: 8 * KiB,
  /** All request headers together (Node's maxHeaderSize: 431 above). */
  headerBytes: 16 * KiB,
  /** Time to receive a whole request, headers and body (408 and the connection closed after). */
  requestTimeoutMs: 30_000,
  /** Time to receive the headers. */
  headersTimeoutMs: 20_000,
});

/** The body limit of a path (bytes). */
export function bodyLimitFor(pathname) {
  for (const rule of BODY_LIMITS) {
    if (pathname === rule.path || (rule.prefix && (rule.path === "/" || pathname.startsWith(rule.path + "/")))) return rule.bytes;
  }
  return BODY_LIMITS[BODY_LIMITS.length - 1].bytes;
}

/** The largest limit of a page path: what Next.js's serverActions.bodySizeLimit must allow. */
export function serverActionBodyLimit() {
  return Math.max(
    ...BODY_LIMITS.filter((r) => !r.path.startsWith("/api") && !r.path.startsWith("/oauth2") && !r.path.startsWith("/gateway")).map(
      (r) => r.bytes,
    ),
  );
}
