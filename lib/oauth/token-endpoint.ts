import "server-only";
// The token endpoint (RFC 6749 3.2, 4.1.3, 4.3, 4.4, 6): parse, authenticate the client, check the
// grant type is registered and the app may obtain tokens, limit the rate, then hand off to the grant.
import { authenticateClient, clientIsActive } from "./clients";
import { TOKEN_GRANT_TYPES } from "./config";
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
    let body;
    switch (grantType) {
      case "client_credentials":
        body = await clientCredentialsGrant(client, params);
        break;
      case "authorization_code":
        body = await authorizationCodeGrant(client, params);
        break;
      case "password":
        body = await passwordGrant(client, params, { ip: request.ip, userAgent: request.userAgent });
        break;
      case "refresh_token":
        body = await refreshTokenGrant(client, params);
        break;
      default:
        body = await deviceCodeGrant(client, params);
    }
    return withCors(oauthJson(body), request.origin, allowedOrigins);
  } catch (error) {
    return withCors(oauthError(error), request.origin, allowedOrigins);
  }
}
