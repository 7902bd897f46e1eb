import "server-only";
import type { HttpAnswer } from "../http/answer";
import { hit } from "../limiter";
// Pushed authorization requests (RFC 9126): POST /oauth2/par with the authorization request's
// parameters in the body and client authentication (a public app: client_id only). The request is
// validated exactly as the authorization endpoint would, kept on the server for 60 s, and answered with
// a request_uri the client sends to /oauth2/authorize with its client_id. Long requests (a large state)
// fit here: the body may be up to 16 KiB. An app can require PAR (App.requirePar).
import { checkAuthorizationRequest, storedRequest } from "./authorize";
import { authenticateClient } from "./clients";
import { ENDPOINTS } from "./config";
import { OAuthError, oauthError, oauthJson, type TokenErrorCode } from "./errors";
import { tooManyRequests } from "./errors";
import { type OAuthHttpRequest, readFormWithResources } from "./params";
import { createTransaction, PAR_TTL_SECONDS, REQUEST_URI_PREFIX } from "./transactions";

/** Client authentication, not part of the authorization request that is kept. */
const CLIENT_AUTH_PARAMS = new Set(["client_secret", "client_assertion", "client_assertion_type"]); // read-only

export async function processParRequest(request: OAuthHttpRequest): Promise<HttpAnswer> {
  try {
    const { search, params } = readFormWithResources(request);
    const client = await authenticateClient(request.authorization, params, ENDPOINTS.pushedAuthorization);
    const limited = await hit("tokenPerClient", `token:${client.clientId}`);
    if (!limited.ok) throw tooManyRequests("Too many requests from this client.", limited.retryAfterSeconds);
    const authParams = new URLSearchParams([...search].filter(([k]) => !CLIENT_AUTH_PARAMS.has(k)));
    if (!authParams.has("client_id")) authParams.set("client_id", client.clientId);
    const check = await checkAuthorizationRequest(authParams, { pushed: true, fixedClient: client });
    if (!check.ok) {
      if (check.kind === "page") throw new OAuthError("invalid_request", check.message);
      throw new OAuthError(check.error as TokenErrorCode, check.description);
    }
    const tx = await createTransaction("par", client.appId, storedRequest(check.request));
    return oauthJson({ request_uri: REQUEST_URI_PREFIX + tx.id, expires_in: PAR_TTL_SECONDS }, 201);
  } catch (error) {
    return oauthError(error);
  }
}
