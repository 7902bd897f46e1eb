import "server-only";
// The token endpoint (RFC 6749 3.2, 4.1.3, 4.3, 4.4, 6): parse, authenticate the client, check the
// grant type is registered and the app may obtain tokens, limit the rate, then hand off to the grant.
import { contextFromHeaders } from "../request-context";
import { authenticateClient, clientIsActive } from "./clients";
import { TOKEN_GRANT_TYPES } from "./config";
import { OAuthError, oauthErrorResponse, oauthJson } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import { readFormBody } from "./params";
import { enforceClientRateLimit } from "./rate-limit-guard";

export async function handleTokenRequest(request: Request): Promise<Response> {
  try {
    const params = await readFormBody(request);
    const client = await authenticateClient(request.headers, params);
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
        body = await passwordGrant(client, params, contextFromHeaders(request.headers));
        break;
      default:
        body = await refreshTokenGrant(client, params);
    }
    return oauthJson(body);
  } catch (error) {
    return oauthErrorResponse(error);
  }
}
