import "server-only";
// The one wrapper of the token service's client endpoints (token, revocation, introspection):
// parse the form → refuse a client or address that failed authentication too often (429) →
// authenticate the client (a failure is counted per client id and per address) → the per-client rate
// limit (429) → the endpoint's own work → RFC 6749 5.2 JSON for anything thrown (413 for an oversized
// body, 503 + Retry-After when the database is unreachable).
import { type HttpAnswer, toResponse } from "../http/answer";
import { hit, peek, penalize } from "../limiter";
import { authenticateClient, type AuthenticatedClient } from "./clients";
import { OAuthError, oauthError, tooManyRequests } from "./errors";
import { fromWebRequest, type OAuthHttpRequest, type Params, readFormBody } from "./params";

export type ClientEndpointName = "token" | "revoke" | "introspect";

export interface ClientEndpointCall {
  client: AuthenticatedClient;
  params: Params;
  request: OAuthHttpRequest;
}

/** The client id a request names (Basic or form), without checking anything; null when none. */
function namedClientId(request: OAuthHttpRequest, params: Params): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(request.authorization ?? "");
  if (m) {
    const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      try {
        return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")).slice(0, 200);
      } catch {
        return decoded.slice(0, colon).slice(0, 200);
      }
    }
  }
  return params.get("client_id")?.slice(0, 200) ?? null;
}

async function refuseIfLocked(clientId: string | null, ip: string): Promise<void> {
  const [byClient, byAddress] = await Promise.all([
    clientId ? peek("clientAuthFailures", clientId) : null,
    peek("clientAuthFailuresPerAddress", ip),
  ]);
  const locked = [byClient, byAddress].filter((r) => r && !r.ok);
  if (locked.length) {
    throw tooManyRequests("Too many failed client authentications.", Math.max(...locked.map((r) => r!.retryAfterSeconds)));
  }
}

async function authenticateCounted(request: OAuthHttpRequest, params: Params): Promise<AuthenticatedClient> {
  const clientId = namedClientId(request, params);
  await refuseIfLocked(clientId, request.ip);
  try {
    return await authenticateClient(request.authorization, params);
  } catch (error) {
    if (error instanceof OAuthError && error.code === "invalid_client") {
      await Promise.all([clientId ? penalize("clientAuthFailures", clientId) : null, penalize("clientAuthFailuresPerAddress", request.ip)]);
    }
    throw error;
  }
}

/** Builds a client endpoint from its work; the result serves an OAuthHttpRequest (fast path and Next route alike). */
export function clientEndpoint(name: ClientEndpointName, work: (call: ClientEndpointCall) => Promise<HttpAnswer>): (request: OAuthHttpRequest) => Promise<HttpAnswer> {
  return async (request) => {
    try {
      const params = readFormBody(request);
      const client = await authenticateCounted(request, params);
      const limited = await hit("tokenPerClient", `${name}:${client.clientId}`);
      if (!limited.ok) throw tooManyRequests("Too many requests from this client.", limited.retryAfterSeconds);
      return await work({ client, params, request });
    } catch (error) {
      return oauthError(error);
    }
  };
}

/** The Next.js route handler of a client endpoint. */
export function webHandler(endpoint: (request: OAuthHttpRequest) => Promise<HttpAnswer>): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return toResponse(await endpoint(await fromWebRequest(request)));
    } catch (error) {
      return toResponse(oauthError(error));
    }
  };
}
