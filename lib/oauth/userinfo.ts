import "server-only";
// The UserInfo endpoint (OpenID Connect Core 5.3): GET or POST with the access token as a Bearer (or
// DPoP-bound) token, or in a form body (access_token, POST only). Needs the openid scope; answers the
// claims of the scopes granted (oidc-claims.ts claimsFor: sub always, name and updated_at for profile,
// email and email_verified for email — true once the address was verified). CORS for the calling app's allowed web origins.
import { db } from "../db";
import type { HttpAnswer } from "../http/answer";
import { bearerFromHeader } from "../resource/bearer";
import { findClient } from "./clients";
import { corsHeaders } from "./cors";
import { checkDpopForResource } from "./dpop-resource";
import { CLAIM_SOURCE_SELECT, claimsFor } from "./oidc-claims";
import type { OAuthHttpRequest } from "./params";
import { InvalidAccessToken, verifyAccessToken } from "./verify-access-token";

function challenge(status: number, error?: string, description?: string, extra: Record<string, string> = {}): HttpAnswer {
  const attrs = [
    'realm="api-console"',
    ...(error ? [`error="${error}"`] : []),
    ...(description ? [`error_description="${description.replace(/["\\]/g, "")}"`] : []),
  ].join(", ");
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", "www-authenticate": `Bearer ${attrs}`, ...extra },
    body: JSON.stringify(error ? { error, error_description: description } : { error: "invalid_token" }),
  };
}

export async function processUserinfoRequest(request: OAuthHttpRequest): Promise<HttpAnswer> {
  const auth = request.authorization ?? "";
  const dpopScheme = /^DPoP\s+(.+)$/i.exec(auth.trim());
  let token = dpopScheme ? dpopScheme[1]!.trim() : bearerFromHeader(auth);
  if (
    !token &&
    request.method === "POST" &&
    (request.contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded") &&
    request.body
  ) {
    token = new URLSearchParams(request.body).get("access_token") ?? undefined;
  }
  if (!token) return challenge(401);
  let verified;
  try {
    verified = await verifyAccessToken(token);
  } catch (error) {
    if (error instanceof InvalidAccessToken) return challenge(401, "invalid_token", error.message);
    throw error;
  }
  const client = await findClient(verified.clientId);
  const cors = corsHeaders(request.origin, client?.allowedOrigins ?? [], true);
  const dpopProblem = await checkDpopForResource(verified, {
    scheme: dpopScheme ? "DPoP" : "Bearer",
    proof: request.dpop ?? null,
    method: request.method,
    url: request.url ?? "",
    token,
  });
  if (dpopProblem)
    return {
      ...challenge(401, "invalid_token", dpopProblem),
      headers: { ...challenge(401).headers, ...cors, "www-authenticate": `DPoP error="invalid_token", algs="ES256 RS256 EdDSA PS256"` },
    };
  if (!verified.scope.includes("openid") || !verified.userId) {
    const r = challenge(403, "insufficient_scope", "The access token was not issued for OpenID Connect (scope openid).", cors);
    return r;
  }
  const user = await db().user.findUnique({ where: { id: verified.userId }, select: CLAIM_SOURCE_SELECT });
  if (!user) return challenge(401, "invalid_token", "The person no longer exists.");
  const claims = claimsFor(user, verified.scope);
  return {
    status: 200,
    headers: { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache", ...cors },
    body: JSON.stringify(claims),
  };
}
