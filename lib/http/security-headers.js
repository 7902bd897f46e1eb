// The console's security headers, defined once. Plain JavaScript so that next.config.js can import it
// as well as proxy.ts and scripts/serve.ts (types: security-headers.d.ts).

/** Headers every answer carries (next.config.js gives them to every path; serve.ts to its fast paths). */
export const SECURITY_HEADERS = Object.freeze({
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
});

/**
 * The consent page must not be framed (clickjacking of "Allow"; the CSP also says frame-ancestors
 * 'none') and must not leak the authorization request in a Referer.
 */
export const AUTHORIZE_PAGE_HEADERS = Object.freeze({
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
});

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/** HSTS only when the console is served over https. */
export function hstsHeaders(consoleUrl) {
  return (consoleUrl ?? "").startsWith("https://") ? { "Strict-Transport-Security": HSTS_VALUE } : {};
}

/** The Content-Security-Policy of pages, with a per-request nonce (proxy.ts). */
export function contentSecurityPolicy(nonce, dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** next.config.js `headers()` entries. */
export function nextHeaderRules() {
  const list = (o) => Object.entries(o).map(([key, value]) => ({ key, value }));
  return [
    { source: "/:path*", headers: list(SECURITY_HEADERS) },
    { source: "/oauth2/authorize", headers: list(AUTHORIZE_PAGE_HEADERS) },
  ];
}

/** The headers as a lower-case record, for Node's writeHead (scripts/serve.ts). */
export function securityHeaderRecord(consoleUrl) {
  return Object.fromEntries(Object.entries({ ...SECURITY_HEADERS, ...hstsHeaders(consoleUrl) }).map(([k, v]) => [k.toLowerCase(), v]));
}
