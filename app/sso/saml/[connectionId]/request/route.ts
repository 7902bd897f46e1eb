// For identity providers that take the AuthnRequest only by HTTP-POST: an auto-submitting form (the
// script carries the page's CSP nonce; a button remains without script). Thin: lib/sso/saml-signin.ts.
import { cookies, headers } from "next/headers";
import { samlRequestForm } from "@/lib/sso/saml-signin";
import { SSO_BROWSER_COOKIE } from "@/lib/sso/signin";

export const dynamic = "force-dynamic";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function GET(request: Request, { params }: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const { connectionId } = await params;
  const requestId = new URL(request.url).searchParams.get("id") ?? "";
  const form = await samlRequestForm(connectionId, requestId, (await cookies()).get(SSO_BROWSER_COOKIE)?.value);
  if (!form) return Response.redirect(new URL("/sso/error?reason=state", request.url), 303);
  const nonce = (await headers()).get("x-nonce") ?? "";
  const inputs = Object.entries(form.fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("");
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Signing in…</title></head><body>
<form method="post" action="${esc(form.action)}">${inputs}<noscript><button type="submit">Continue to your identity provider</button></noscript></form>
<script nonce="${esc(nonce)}">document.forms[0].submit();</script></body></html>`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
