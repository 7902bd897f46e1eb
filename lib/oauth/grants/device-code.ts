import "server-only";
// RFC 8628 3.4, 3.5: the device polls with its device code. Answers authorization_pending until the
// person decides, slow_down when it polls faster than its interval (which then grows by 5 s),
// access_denied, expired_token, or — once — the tokens (a refresh token when the app registered it).
import { db } from "../../db";
import { newId } from "../../ids";
import type { AuthenticatedClient } from "../clients";
import { type DpopBinding, refreshBinding } from "../dpop";
import { OAuthError } from "../errors";
import { CLAIM_SOURCE_SELECT } from "../oidc-claims";
import type { Params } from "../params";
import { scopeForResources } from "../resources";
import { createRefreshToken, splitScope, tokenDigest, type TokenResponseBody } from "../tokens";
import { userTokenResponse } from "./user-token-response";

export async function deviceCodeGrant(client: AuthenticatedClient, params: Params, dpop?: DpopBinding): Promise<TokenResponseBody> {
  const code = params.get("device_code");
  if (!code) throw new OAuthError("invalid_request", "The parameter device_code is missing.");
  const row = code.length <= 200 ? await db().deviceAuthorization.findUnique({ where: { deviceCodeDigest: tokenDigest(code) } }) : null;
  if (!row || row.appId !== client.appId) throw new OAuthError("invalid_grant", "The device code is invalid.");
  const now = new Date();
  if (row.status === "consumed") throw new OAuthError("invalid_grant", "The device code was already used.");
  if (row.expiresAt.getTime() <= now.getTime()) throw new OAuthError("expired_token", "The device code has expired: start again.");
  if (row.status === "denied") throw new OAuthError("access_denied", "The person denied the request.");
  if (row.status === "pending") {
    // The interval is stored with the device authorization, so it holds on every instance. A compare-
    // and-set on the last poll: of two polls at once (from any instances) one is the other's "too soon".
    const tooSoon = row.lastPolledAt !== null && now.getTime() - row.lastPolledAt.getTime() < row.intervalSeconds * 1000;
    const { count } = await db().deviceAuthorization.updateMany({
      where: { id: row.id, lastPolledAt: row.lastPolledAt, intervalSeconds: row.intervalSeconds },
      data: { lastPolledAt: now, ...(tooSoon ? { intervalSeconds: { increment: 5 } } : {}) },
    });
    if (count === 1 && !tooSoon) throw new OAuthError("authorization_pending", "The person has not decided yet.");
    const interval =
      count === 1
        ? row.intervalSeconds + 5
        : (await db().deviceAuthorization.update({ where: { id: row.id }, data: { lastPolledAt: now, intervalSeconds: { increment: 5 } } }))
            .intervalSeconds;
    throw new OAuthError("slow_down", `Poll at most every ${interval} seconds.`);
  }
  // approved: issue once.
  const userId = row.userId!;
  const user = await db().user.findUnique({ where: { id: userId }, select: { status: true, ...CLAIM_SOURCE_SELECT } });
  if (!user || user.status !== "ACTIVE") throw new OAuthError("invalid_grant", "The person who authorized the app can no longer do so.");
  const resources = (row.resource ?? "").split(" ").filter(Boolean);
  const scope = scopeForResources(splitScope(row.scope), resources);
  const withRefresh = client.grantTypes.includes("refresh_token");
  const issued = await db().$transaction(async (tx) => {
    const { count } = await tx.deviceAuthorization.updateMany({ where: { id: row.id, status: "approved" }, data: { status: "consumed" } });
    if (count !== 1) return null;
    const consent = await tx.consentGrant.findUnique({ where: { userId_appId: { userId, appId: client.appId } } });
    const grant = await tx.tokenGrant.create({
      data: {
        id: newId("grant"),
        appId: client.appId,
        userId,
        consentGrantId: consent?.id ?? null,
        kind: "device_code",
        scope: scope.join(" "),
      },
    });
    const refresh = withRefresh
      ? await createRefreshToken(tx, { appId: client.appId, tokenGrantId: grant.id, scope, now, jkt: refreshBinding(client, dpop) })
      : undefined;
    return { grantId: grant.id, refresh };
  });
  if (!issued) throw new OAuthError("invalid_grant", "The device code was already used.");
  return userTokenResponse({
    client,
    user,
    subject: userId,
    scope,
    resources,
    grantId: issued.grantId,
    refreshToken: issued.refresh,
    dpop,
    authTime: row.decidedAt,
  });
}
