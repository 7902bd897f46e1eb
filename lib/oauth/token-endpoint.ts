import "server-only";
// The token endpoint (RFC 6749 3.2, 4.1.3, 4.3, 4.4, 6; RFC 8628 3.4): parse, authenticate the client,
// check the grant type is registered and the app may obtain tokens, limit the rate, verify a DPoP proof
// (RFC 9449), then hand off to the grant. Parsing, client authentication and the limits are
// lib/oauth/client-endpoint.ts's. Answers carry CORS headers for a Single-page app's allowed origins.
import type { HttpAnswer } from "../http/answer";
import { recordTokenIssued } from "../observability/metrics";
import { clientEndpoint, webHandler } from "./client-endpoint";
import { type AuthenticatedClient, clientIsActive } from "./clients";
import { ENDPOINTS, issuer, TOKEN_GRANT_TYPES } from "./config";
import { corsHeaders } from "./cors";
import { type DpopBinding, InvalidDpopProof, verifyDpopProof } from "./dpop";
import { OAuthError, oauthError, oauthJson } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant, clientCredentialsGrantWith } from "./grants/client-credentials";
import { deviceCodeGrant } from "./grants/device-code";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import { cachedSigningKey } from "./keys";
import type { OAuthHttpRequest } from "./params";
import type { TokenResponseBody } from "./tokens";

/** Adds CORS headers when the request's Origin is one of the app's allowed web origins. */
function withCors(response: HttpAnswer, origin: string | null | undefined, allowed: readonly string[]): HttpAnswer {
  if (!origin) return response;
  return { ...response, headers: { ...response.headers, ...corsHeaders(origin, allowed, true) } };
}

/** The checks every grant shares, in order (after client authentication and the rate limit). */
function checkGrantType(grantType: string | undefined, client: AuthenticatedClient): asserts grantType is string {
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
}

const NO_DPOP_PROOF = "This application must send a DPoP proof (RFC 9449) with its token requests.";

function issued(grantType: string, body: TokenResponseBody, request: OAuthHttpRequest, client: AuthenticatedClient): HttpAnswer {
  recordTokenIssued(grantType, "issued");
  return withCors(oauthJson(body), request.origin, client.allowedOrigins);
}

function refused(grantType: string | undefined, error: unknown, request: OAuthHttpRequest, client: AuthenticatedClient): HttpAnswer {
  const known = grantType && (TOKEN_GRANT_TYPES as readonly string[]).includes(grantType) ? grantType : "other";
  recordTokenIssued(known, error instanceof OAuthError ? error.code : "error");
  return withCors(oauthError(error), request.origin, client.allowedOrigins);
}

/** The token endpoint, transport-neutral: also served directly by scripts/serve.ts (the fast path). */
export const processTokenRequest = clientEndpoint(
  "token",
  async ({ client, params, request }) => {
    const grantType = params.get("grant_type");
    try {
      checkGrantType(grantType, client);
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
        throw new OAuthError("invalid_dpop_proof", NO_DPOP_PROOF);
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
      return issued(grantType, body, request, client);
    } catch (error) {
      return refused(grantType, error, request, client);
    }
  },
  // The synchronous path: client_credentials without a DPoP proof while the signing key is cached —
  // the same checks in the same order, and the same answers, without a promise.
  ({ client, params, request }) => {
    const grantType = params.get("grant_type");
    const signer = grantType === "client_credentials" && !request.dpop ? cachedSigningKey() : null;
    if (!signer) return undefined;
    return () => {
      try {
        checkGrantType(grantType, client);
        if (client.requireDpop) throw new OAuthError("invalid_dpop_proof", NO_DPOP_PROOF);
        return issued(grantType, clientCredentialsGrantWith(signer, client, params), request, client);
      } catch (error) {
        return refused(grantType, error, request, client);
      }
    };
  },
);

/** The Next.js route handler's entry (app/oauth2/token/route.ts). */
export const handleTokenRequest = webHandler(processTokenRequest);
