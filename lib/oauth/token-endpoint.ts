import "server-only";
// The token endpoint (RFC 6749 3.2, 4.1.3, 4.3, 4.4, 6): parse, authenticate the client, check the
// grant type is registered and the app may obtain tokens, limit the rate, then hand off to the grant.
import { authenticateClient, clientIsActive } from "./clients";
import { ENDPOINTS, TOKEN_GRANT_TYPES, issuer } from "./config";
import { InvalidDpopProof, verifyDpopProof, type DpopBinding } from "./dpop";
import { OAuthError, oauthError, oauthJson, toWebResponse, type OAuthHttpResponse } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import { deviceCodeGrant } from "./grants/device-code";
import { fromWebRequest, readFormBody, type OAuthHttpRequest } from "./params";
import { enforceClientRateLimit } from "./rate-limit-guard";
import { corsHeaders } from "./cors";

/** Adds CORS headers when the request's Origin is one of the app's allowed web origins. */
function withCors(response: OAuthHttpResponse, origin: string | null | undefined, allowed: readonly string[]): OAuthHttpResponse {
  if (!origin) return response;
  return { ...response, headers: { ...response.headers, ...corsHeaders(origin, allowed, true) } };
}

/** The Next.js route handler's entry (app/oauth2/token/route.ts). */
export async function handleTokenRequest(request: Request): Promise<Response> {
  return toWebResponse(await processTokenRequest(await fromWebRequest(request)));
}

/** The token endpoint, transport-neutral: also served directly by scripts/serve.ts (the fast path). */
export async function processTokenRequest(request: OAuthHttpRequest): Promise<OAuthHttpResponse> {
  let allowedOrigins: string[] = [];
  try {
    const params = readFormBody(request);
    const client = await authenticateClient(request.authorization, params);
    allowedOrigins = client.allowedOrigins;
    await enforceClientRateLimit("token", client.clientId);
    const grantType = params.get("grant_type");
    if (!grantType) throw new OAuthError("invalid_request", "The parameter grant_type is missing.");
    if (!(TOKEN_GRANT_TYPES as readonly string[]).includes(grantType)) {
      throw new OAuthError("unsupported_grant_type", `The grant type ${grantType.slice(0, 64)} is not supported.`);
    }
    if (!client.grantTypes.includes(grantType)) {
      throw new OAuthError("unauthorized_client", `The app is not registered for the ${grantType} grant type.`);
    }
    if (!clientIsActive(client)) {
      throw new OAuthError("unauthorized_client", "The app or its company is suspended: no tokens are issued.");
    }
    // RFC 9449: a DPoP proof binds the token to the client's key (token_type DPoP, cnf.jkt).
    let dpop: DpopBinding | undefined;
    if (request.dpop) {
      try {
        dpop = await verifyDpopProof(request.dpop, { method: "POST", url: issuer() + ENDPOINTS.token });
      } catch (error) {
        if (error instanceof InvalidDpopProof) throw new OAuthError("invalid_dpop_proof", error.message);
        throw error;
      }
    } else if (client.requireDpop) {
      throw new OAuthError("invalid_dpop_proof", "This application must send a DPoP proof (RFC 9449) with its token requests.");
    }
    let body;
    switch (grantType) {
      case "client_credentials":
        body = await clientCredentialsGrant(client, params, dpop);
        break;
      case "authorization_code":
        body = await authorizationCodeGrant(client, params, dpop);
        break;
      case "password":
        body = await passwordGrant(client, params, { ip: request.ip, userAgent: request.userAgent }, dpop);
        break;
      case "refresh_token":
        body = await refreshTokenGrant(client, params, dpop);
        break;
      default:
        body = await deviceCodeGrant(client, params, dpop);
    }
    return withCors(oauthJson(body), request.origin, allowedOrigins);
  } catch (error) {
    return withCors(oauthError(error), request.origin, allowedOrigins);
  }
}
