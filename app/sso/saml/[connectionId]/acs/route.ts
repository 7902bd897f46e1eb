// The SAML assertion consumer service of one connection (the identity provider's HTTP-POST). Thin:
// lib/sso/saml-signin.ts decides; this starts the session (the same Auth.js session as a password
// sign-in) or shows /sso/error, like the OpenID Connect callback.
import { finishSsoRoute } from "@/lib/sso/finish-route";
import { completeSamlSignIn } from "@/lib/sso/saml-signin";
import { SsoFailure } from "@/lib/sso/signin";

export const dynamic = "force-dynamic";

const MAX_BODY = 512 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const { connectionId } = await params;
  return finishSsoRoute(async (browserCookie, ctx) => {
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY) throw new SsoFailure("assertion", "response too large");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new SsoFailure("assertion", "not a form post");
    }
    const text = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" ? v : "";
    };
    return completeSamlSignIn(connectionId, { SAMLResponse: text("SAMLResponse"), RelayState: text("RelayState") }, browserCookie, ctx);
  });
}
