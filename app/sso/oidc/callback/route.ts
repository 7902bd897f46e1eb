// The OpenID Connect redirect URI of company single sign-on. Thin: lib/sso/signin.ts decides; this
// starts the session (the same Auth.js session as a password sign-in) or shows /sso/error.
import { finishSsoRoute } from "@/lib/sso/finish-route";
import { completeOidcSignIn } from "@/lib/sso/signin";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return finishSsoRoute((browserCookie, ctx) => completeOidcSignIn(new URL(request.url).searchParams, browserCookie, ctx));
}
