import "server-only";
// "Try it" for an Authorization Code app: the developer who registered the app is signed in to
// the console, which is both the authorization server and, for this one call, the app's front channel.
// So the console makes the authorization request the app would make (validated by the same
// checkAuthorizationRequest, with a fresh PKCE S256 challenge; as a pushed request, since it never travels
// through a browser), the developer's press of "Send" is their consent (recorded and audited as on the
// consent page), and the code is handed back here instead of being redirected to the app's Redirect URL.
// The caller redeems it at the real token endpoint like the app would (its secret, or client_id only for
// a public app, with the verifier). `endOwnAuthorization` then revokes what the try was issued and, when
// the developer had not authorized the app before, the authorization itself: a try leaves no live token,
// refresh token or remembered consent behind.
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { approveAuthorization, checkAuthorizationRequest } from "./authorize";
import { findClient } from "./clients";
import { revokeUserGrant } from "./consents";
import { s256 } from "./pkce";
import { revokeTokenGrant } from "./revocation";
import { tokenDigest } from "./tokens";

export interface OwnAuthorization {
  appId: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
  /** Whether the person had a live authorization (consent) of the app before the try. */
  consentExisted: boolean;
}

/** Authorizes the app for the signed-in person, for `scope`, and returns the code (never redirected). */
export async function authorizeOwnApp(
  user: { id: string; email: string },
  clientId: string,
  scope: readonly string[],
  ctx: RequestContext | null,
): Promise<OwnAuthorization> {
  const client = await findClient(clientId);
  if (!client?.redirectUri) throw new AppError("conflict", "The app has no Redirect URL, so it cannot use Authorization Code.");
  const codeVerifier = randomBytes(32).toString("base64url");
  const check = await checkAuthorizationRequest(
    new URLSearchParams({
      response_type: "code",
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: scope.join(" "),
      code_challenge: s256(codeVerifier),
      code_challenge_method: "S256",
    }),
    { pushed: true, fixedClient: client },
  );
  if (!check.ok) throw new AppError("conflict", check.kind === "redirect" ? `${check.error}: ${check.description}` : check.message);
  const before = await db().consentGrant.findUnique({
    where: { userId_appId: { userId: user.id, appId: client.appId } },
    select: { revokedAt: true },
  });
  const url = new URL(await approveAuthorization(user, check.request, ctx, { authTime: Math.floor(Date.now() / 1000) }));
  const code = url.searchParams.get("code");
  if (!code) throw new AppError("internal", "No authorization code was issued.");
  return { appId: client.appId, code, redirectUri: client.redirectUri, codeVerifier, consentExisted: !!before && !before.revokedAt };
}

/** After the try: revoke its tokens (and an unused code), and the consent when it was made for the try. */
export async function endOwnAuthorization(
  user: { id: string; email: string },
  auth: OwnAuthorization,
  ctx: RequestContext | null,
): Promise<void> {
  const now = new Date();
  const row = await db().authorizationCode.findUnique({
    where: { codeDigest: tokenDigest(auth.code) },
    select: { id: true, tokenGrantId: true, consumedAt: true },
  });
  if (row?.tokenGrantId) await revokeTokenGrant(db(), row.tokenGrantId, "try_it", now);
  if (row && !row.consumedAt) await db().authorizationCode.deleteMany({ where: { id: row.id, consumedAt: null } });
  if (!auth.consentExisted) {
    const consent = await db().consentGrant.findUnique({
      where: { userId_appId: { userId: user.id, appId: auth.appId } },
      select: { id: true, revokedAt: true },
    });
    if (consent && !consent.revokedAt) await revokeUserGrant(user, consent.id, ctx);
  }
}
