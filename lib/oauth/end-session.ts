import "server-only";
// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): GET /oauth2/logout with id_token_hint
// and/or client_id, post_logout_redirect_uri and state. The redirect goes only to the post-logout
// redirect URL registered on the app (exact match); without a valid one the person stays on the
// console's page. The page asks before signing out (a link alone must not sign anyone out).
import { jwtVerify } from "jose";
import { findClient, type OAuthClient } from "./clients";
import { issuer, SIGNING_ALG } from "./config";
import { verificationKey } from "./keys";

export type EndSessionCheck =
  { ok: true; client: OAuthClient | null; redirectTo: string | null; hintSubject: string | null } | { ok: false; message: string };

async function hintClaims(hint: string): Promise<{ aud: string; sub: string } | null> {
  try {
    const { payload } = await jwtVerify(
      hint,
      async (header) => {
        const key = await verificationKey(header.kid);
        if (!key) throw new Error("unknown key");
        return key;
      },
      // An expired ID token is still a fine hint (Core: the OP need not check expiry of the hint).
      { algorithms: [SIGNING_ALG], issuer: issuer(), currentDate: new Date(0) },
    );
    const aud = Array.isArray(payload.aud) ? payload.aud[0] : payload.aud;
    return typeof aud === "string" && typeof payload.sub === "string" ? { aud, sub: payload.sub } : null;
  } catch {
    return null;
  }
}

export async function checkEndSession(search: URLSearchParams): Promise<EndSessionCheck> {
  const hint = search.get("id_token_hint");
  const clientId = search.get("client_id");
  const redirect = search.get("post_logout_redirect_uri");
  const state = search.get("state");
  let hinted: { aud: string; sub: string } | null = null;
  if (hint) {
    hinted = hint.length <= 8192 ? await hintClaims(hint) : null;
    if (!hinted) return { ok: false, message: "The id_token_hint is not an ID token of this console." };
    if (clientId && clientId !== hinted.aud) return { ok: false, message: "client_id does not match the id_token_hint." };
  }
  const id = clientId ?? hinted?.aud ?? null;
  const client = id && id.length <= 200 ? await findClient(id) : null;
  if (id && !client) return { ok: false, message: "No application is registered with this client ID." };
  if (!redirect) return { ok: true, client, redirectTo: null, hintSubject: hinted?.sub ?? null };
  if (!client) return { ok: false, message: "A post_logout_redirect_uri needs client_id or id_token_hint to say which application asks." };
  if (!client.postLogoutRedirectUri || client.postLogoutRedirectUri !== redirect) {
    return { ok: false, message: "The post_logout_redirect_uri is not the application's registered post-logout redirect URL." };
  }
  const url = new URL(redirect);
  if (state) url.searchParams.append("state", state.slice(0, 2048));
  return { ok: true, client, redirectTo: url.toString(), hintSubject: hinted?.sub ?? null };
}
