// Runs before pages: sets a per-request Content-Security-Policy nonce (Next.js applies it to its own
// scripts; the root layout applies it to the theme script) and redirects signed-out visitors of
// console pages to /signin. It only redirects: every page, action and route handler checks the
// session and permissions itself. Machine endpoints (token, APIs, health) are not matched.
import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, hstsHeaders } from "./lib/http/security-headers.js";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const CONSOLE_PREFIXES = ["/apps", "/apis", "/company", "/admin", "/account"];

export { contentSecurityPolicy };

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const needsSession = CONSOLE_PREFIXES.some((p) => pathname === p || pathname.startsWith(p + "/"));
  if (needsSession && !SESSION_COOKIES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  // HSTS only when the console is served over https (CONSOLE_URL), read at run time.
  for (const [name, value] of Object.entries(hstsHeaders(process.env.CONSOLE_URL ?? process.env.AUTH_URL)))
    response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|api/|oauth2/token|oauth2/revoke|oauth2/introspect|oauth2/jwks|metrics|oauth2/par|oauth2/userinfo|oauth2/device_authorization|gateway/|\\.well-known/).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
