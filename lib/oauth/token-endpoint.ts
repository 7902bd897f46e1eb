import "server-only";
// The token endpoint (RFC 6749 3.2, 4.1.3, 4.3, 4.4, 6): parse, authenticate the client, check the
// grant type is registered and the app may obtain tokens, limit the rate, then hand off to the grant.
// Parsing, client authentication and the limits are lib/oauth/client-endpoint.ts's.
import { clientEndpoint, webHandler } from "./client-endpoint";
import { clientIsActive } from "./clients";
import { TOKEN_GRANT_TYPES } from "./config";
import { OAuthError, oauthJson } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import { recordTokenIssued } from "../observability/metrics";

/** The token endpoint, transport-neutral: also served directly by scripts/serve.ts (the fast path). */
export const processTokenRequest = clientEndpoint("token", async ({ client, params, request }) => {
  const grantType = params.get("grant_type");
  try {
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
      default:
        body = await refreshTokenGrant(client, params);
    }
    recordTokenIssued(grantType, "issued");
    return oauthJson(body);
  } catch (error) {
    const known = grantType && (TOKEN_GRANT_TYPES as readonly string[]).includes(grantType) ? grantType : "other";
    recordTokenIssued(known, error instanceof OAuthError ? error.code : "error");
    throw error;
  }
});

/** The Next.js route handler's entry (app/oauth2/token/route.ts). */
export const handleTokenRequest = webHandler(processTokenRequest);
