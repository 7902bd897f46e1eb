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
import { OAuthError, oauthError, oauthJson, type TokenErrorCode } from "./errors";
import { tooManyRequests } from "./errors";
import { type OAuthHttpRequest, parseParams } from "./params";
import { createTransaction, PAR_TTL_SECONDS, REQUEST_URI_PREFIX } from "./transactions";

export async function processParRequest(request: OAuthHttpRequest): Promise<HttpAnswer> {
  try {
    if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } });
    const type = (request.contentType ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded")
      throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
    if (request.body === null) throw new OAuthError("invalid_request", "The request body is too large.");
    const search = new URLSearchParams(request.body);
    // resource (RFC 8707) may repeat; every other parameter at most once.
    const single = new URLSearchParams([...search].filter(([k]) => k !== "resource"));
    const params = parseParams(single);
    const client = await authenticateClient(request.authorization, params);
    const limited = await hit("tokenPerClient", `token:${client.clientId}`);
    if (!limited.ok) throw tooManyRequests("Too many requests from this client.", limited.retryAfterSeconds);
    const authParams = new URLSearchParams([...search].filter(([k]) => k !== "client_secret"));
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
