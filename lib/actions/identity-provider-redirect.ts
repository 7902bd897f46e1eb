import "server-only";
// Both ways to an identity provider (signing in on /signin/sso, "Test" on /company/sso) bind the browser
// the same way: the short-lived cookie the SSO callback checks, then the redirect.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { SSO_BROWSER_COOKIE, type StartedSignIn } from "@/lib/sso/signin";

export async function redirectToIdentityProvider(started: StartedSignIn): Promise<never> {
  (await cookies()).set(SSO_BROWSER_COOKIE, started.browserCookie, {
    httpOnly: true,
    sameSite: started.sameSite ?? "lax",
    secure: env().secureCookies,
    path: "/sso",
    maxAge: 600,
  });
  redirect(started.redirectTo);
}
