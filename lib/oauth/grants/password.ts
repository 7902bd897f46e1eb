import "server-only";
// RFC 6749 4.3, Resource Owner Password Credentials (legacy: prefer Authorization Code). Any active
// console user may authorize an app this way, as they could through the consent page; membership of
// the app's company is not required. The password is checked by lib/users/accounts verifyCredentials,
// with the sign-in throttles (per account and per address); every failure answers invalid_grant.
// Giving the password counts as consent: the grant shows on the person's "Manage grants" page.
import { db } from "../../db";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { hit } from "../../limiter";
import { hasSecondFactor } from "../../security/two-factor/factors";
import type { RequestContext } from "../../server/request-context";
import { ssoRequiredMessage, ssoRequirementFor } from "../../sso/policy";
import { verifyCredentials } from "../../users/accounts";
import type { AuthenticatedClient } from "../clients";
import { type DpopBinding, refreshBinding } from "../dpop";
import { OAuthError, tooManyRequests } from "../errors";
import { type Params, required } from "../params";
import { createRefreshToken, resolveScope, signAccessToken, splitScope, type TokenResponseBody, tokenResponseBody } from "../tokens";

export async function passwordGrant(
  client: AuthenticatedClient,
  params: Params,
  ctx: RequestContext,
  dpop?: DpopBinding,
): Promise<TokenResponseBody> {
  const username = required(params, "username");
  const password = required(params, "password");
  const scope = resolveScope(params.get("scope"), client.apiSlugs);
  if (!scope) throw new OAuthError("invalid_scope", "The app may ask only for the APIs it subscribes to.");
  const limited = await hit("passwordGrant", client.clientId);
  if (!limited.ok) throw tooManyRequests("Too many password grant requests from this client.", limited.retryAfterSeconds);
  let userId: string;
  try {
    userId = (await verifyCredentials({ email: username, password }, ctx)).id;
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") {
      throw new OAuthError(
        "invalid_grant",
        `Too many failed attempts for this account. Try again in ${error.retryAfterSeconds ?? 60} seconds.`,
      );
    }
    if (error instanceof AppError && error.code !== "internal") {
      throw new OAuthError("invalid_grant", "The username or password is incorrect, or the account may not sign in.");
    }
    throw error;
  }
  // "Require SSO for this domain": the company's people sign in through its identity provider, never
  // with a password here. No break-glass: it needs a second factor, which this grant refuses anyway.
  const ssoRequired = await ssoRequirementFor(username.trim().toLowerCase());
  if (ssoRequired) throw new OAuthError("invalid_grant", `${ssoRequiredMessage(ssoRequired.domain)} Use the authorization code flow.`);
  // Documented decision (contract, "Second factor and machines"): a password alone cannot stand in for a person who enrolled a
  // second factor, so the password grant refuses them.
  if (await hasSecondFactor(userId)) {
    throw new OAuthError(
      "invalid_grant",
      "This account uses two-step sign-in: the password grant is not available for it. Use the authorization code flow.",
    );
  }
  const withRefresh = client.grantTypes.includes("refresh_token");
  const now = new Date();
  const { grantId, refreshToken } = await db().$transaction(async (tx) => {
    const existing = await tx.consentGrant.findUnique({ where: { userId_appId: { userId, appId: client.appId } } });
    const consentScope = [...new Set([...(existing && !existing.revokedAt ? splitScope(existing.scope) : []), ...scope])].sort().join(" ");
    const consent = await tx.consentGrant.upsert({
      where: { userId_appId: { userId, appId: client.appId } },
      create: { id: newId("consent"), userId, appId: client.appId, scope: consentScope },
      update: { scope: consentScope, revokedAt: null },
    });
    const grant = await tx.tokenGrant.create({
      data: { id: newId("grant"), appId: client.appId, userId, consentGrantId: consent.id, kind: "password", scope: scope.join(" ") },
    });
    const refresh = withRefresh
      ? await createRefreshToken(tx, { appId: client.appId, tokenGrantId: grant.id, scope, now, jkt: refreshBinding(client, dpop) })
      : undefined;
    return { grantId: grant.id, refreshToken: refresh };
  });
  const access = await signAccessToken({ clientId: client.clientId, subject: userId, scope, grantId, jkt: dpop?.jkt });
  return tokenResponseBody(access, scope, refreshToken, dpop ? "DPoP" : "Bearer");
}
