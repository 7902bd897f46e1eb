import "server-only";
// The one wrapper of the token service's client endpoints (token, revocation, introspection):
// parse the form → refuse a client or address that failed authentication too often (429) →
// authenticate the client (a failure is counted per client id and per address) → the per-client rate
// limit (429) → the endpoint's own work → RFC 6749 5.2 JSON for anything thrown (413 for an oversized
// body, 503 + Retry-After when the database is unreachable).
import { type HttpAnswer, toResponse } from "../http/answer";
import { hit, hitNow, peek, peekNow, penalize } from "../limiter";
import { authenticateClient, authenticateClientNow, type AuthenticatedClient } from "./clients";
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

/**
 * A client endpoint's synchronous work: decides, without side effects, whether it can answer at once;
 * when it can, the function it returns computes the answer (after the rate limit has counted).
 */
export type ClientEndpointNow = (call: ClientEndpointCall) => (() => HttpAnswer) | undefined;

/** A client endpoint; `now` answers at once when everything it needs is in memory (else undefined). */
export interface ClientEndpoint {
  (request: OAuthHttpRequest): Promise<HttpAnswer>;
  /**
   * The same answer as the endpoint's, computed synchronously, or undefined — and then nothing was
   * counted or changed, and the caller awaits the endpoint. Answers at once only on the memory limiter,
   * with no failure lockout in force, a cached client whose credentials check out and a `now` work
   * that accepts the request; every refusal of the lockouts or of client authentication takes the
   * asynchronous way, which counts it as always.
   */
  now(request: OAuthHttpRequest): HttpAnswer | undefined;
}

/** Builds a client endpoint from its work; the result serves an OAuthHttpRequest (fast path and Next route alike). */
export function clientEndpoint(
  name: ClientEndpointName,
  work: (call: ClientEndpointCall) => Promise<HttpAnswer>,
  workNow?: ClientEndpointNow,
): ClientEndpoint {
  const endpoint = async (request: OAuthHttpRequest): Promise<HttpAnswer> => {
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
  const now = (request: OAuthHttpRequest): HttpAnswer | undefined => {
    if (!workNow) return undefined;
    let params: Params;
    try {
      params = readFormBody(request);
    } catch {
      return undefined;
    }
    const clientId = namedClientId(request, params);
    const byAddress = peekNow("clientAuthFailuresPerAddress", request.ip);
    if (!byAddress?.ok) return undefined; // Redis, or locked: the asynchronous way answers
    if (clientId && !peekNow("clientAuthFailures", clientId)?.ok) return undefined;
    const client = authenticateClientNow(request.authorization, params);
    if (!client) return undefined;
    const call = { client, params, request };
    const answer = workNow(call);
    if (!answer) return undefined;
    const limited = hitNow("tokenPerClient", `${name}:${client.clientId}`);
    if (!limited) return undefined; // not reached: the store was memory a moment ago
    try {
      if (!limited.ok) throw tooManyRequests("Too many requests from this client.", limited.retryAfterSeconds);
      return answer();
    } catch (error) {
      return oauthError(error);
    }
  };
  return Object.assign(endpoint, { now });
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
