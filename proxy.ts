// Redirects signed-out visitors of console pages to /signin. It only redirects: every page, action
// and route handler checks the session and permissions itself.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const url = request.nextUrl.clone();
  const returnTo = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(returnTo)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/apps/:path*", "/apis/:path*", "/company/:path*", "/admin/:path*", "/account/:path*"],
};
