import "server-only";
// The ending both single sign-on routes share (the OpenID Connect callback and the SAML assertion
// consumer service): start the session, or finish a connection test, or show /sso/error; then forget
// the browser cookie and send the browser on. One function, so the two protocols cannot drift apart.
import { cookies } from "next/headers";
import { startSession } from "../auth/start-session";
import { env } from "../env";
import { type RequestContext, requestContext } from "../server/request-context";
import { finishSsoTest } from "./connection-test";
import { auditSsoFailure, type CompletedSignIn, SSO_BROWSER_COOKIE, SsoFailure } from "./signin";

/** Runs `complete` with the browser cookie and the request's context, and answers with the 303 redirect. */
export async function finishSsoRoute(
  complete: (browserCookie: string | undefined, ctx: RequestContext) => Promise<CompletedSignIn>,
): Promise<Response> {
  const ctx = await requestContext();
  const jar = await cookies();
  let target: string;
  try {
    const done = await complete(jar.get(SSO_BROWSER_COOKIE)?.value, ctx);
    if (done.purpose === "TEST") {
      target = await finishSsoTest(done, ctx);
    } else {
      await startSession(done.person!.userId, ctx);
      target = done.returnTo;
    }
  } catch (error) {
    if (!(error instanceof SsoFailure)) throw error;
    await auditSsoFailure(error, ctx);
    target = `/sso/error?reason=${error.reason}`;
  }
  jar.delete({ name: SSO_BROWSER_COOKIE, path: "/sso" });
  return new Response(null, { status: 303, headers: { location: new URL(target, env().consoleUrl).href, "cache-control": "no-store" } });
}
