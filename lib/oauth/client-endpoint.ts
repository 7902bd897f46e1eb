import "server-only";
// The one wrapper of the token service's client endpoints (token, revocation, introspection): every
// request runs the same named steps, in this order (CLIENT_STEPS), then the endpoint's own work:
//   parseForm            the form body (RFC 6749 3.2; 413 for an oversized body)
//   refuseLockedOut      a client id or address that failed authentication too often: 429
//   authenticateClient   client_secret_basic / _post / none / private_key_jwt (lib/oauth/client-assertion.ts);
//                        a failure is counted per client id and address
//   limitClientRate      the per-client rate limit at this endpoint: 429
// and anything thrown answers RFC 6749 5.2 JSON (503 + Retry-After when the database is unreachable).
// Each step is synchronous when what it needs is in memory (the memory limiter, a cached client) and
// asynchronous otherwise (lib/runtime/maybe-sync): one pipeline, which the Next.js route and the
// server's fast path (scripts/serve.ts) both run.
import { type HttpAnswer, toResponse } from "../http/answer";
import { hit, type LimitResult, peek, penalize } from "../limiter";
import { andThen, attempt, isPromise, type MaybePromise, runSteps, type Step } from "../runtime/maybe-sync";
import { assertionSubject } from "./client-assertion";
import { type AuthenticatedClient, clientAuthentication } from "./clients";
import { ENDPOINTS } from "./config";
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
  const assertion = params.get("client_assertion");
  if (assertion) return assertionSubject(assertion) ?? params.get("client_id")?.slice(0, 200) ?? null;
  return params.get("client_id")?.slice(0, 200) ?? null;
}

/** Each client endpoint's path: a client assertion may name it as its aud. */
const ENDPOINT_PATHS: Record<ClientEndpointName, string> = {
  token: ENDPOINTS.token,
  revoke: ENDPOINTS.revocation,
  introspect: ENDPOINTS.introspection,
};

/** What the steps know of a request so far (filled in order: params and client id, then the client). */
interface ClientContext extends ClientEndpointCall {
  readonly name: ClientEndpointName;
  /** The client id the request names (Basic or form), not yet checked: what the lockouts count. */
  clientId: string | null;
}

function parseForm(context: ClientContext): void {
  context.params = readFormBody(context.request);
  context.clientId = namedClientId(context.request, context.params);
}

function refuseIfLocked(byClient: LimitResult | null, byAddress: LimitResult): void {
  const clientLocked = byClient !== null && !byClient.ok;
  if (!clientLocked && byAddress.ok) return;
  const wait = Math.max(clientLocked ? byClient.retryAfterSeconds : 0, byAddress.ok ? 0 : byAddress.retryAfterSeconds);
  throw tooManyRequests("Too many failed client authentications.", wait);
}

function refuseLockedOut(context: ClientContext): MaybePromise<void> {
  const byClient = context.clientId ? peek("clientAuthFailures", context.clientId) : null;
  const byAddress = peek("clientAuthFailuresPerAddress", context.request.ip);
  if (isPromise(byClient) || isPromise(byAddress)) {
    return Promise.all([byClient, byAddress]).then(([c, a]) => refuseIfLocked(c, a));
  }
  refuseIfLocked(byClient, byAddress);
}

/** Counts a failed client authentication per client id and per address. */
function countFailure(context: ClientContext): MaybePromise<unknown> {
  const byClient = context.clientId ? penalize("clientAuthFailures", context.clientId) : undefined;
  const byAddress = penalize("clientAuthFailuresPerAddress", context.request.ip);
  return isPromise(byClient) || isPromise(byAddress) ? Promise.all([byClient, byAddress]) : undefined;
}

function authenticateClient(context: ClientContext): MaybePromise<void> {
  return attempt(
    () =>
      andThen(clientAuthentication(context.request.authorization, context.params, ENDPOINT_PATHS[context.name]), (client) => {
        context.client = client;
      }),
    (error) => {
      if (!(error instanceof OAuthError && error.code === "invalid_client")) throw error;
      return andThen(countFailure(context), () => {
        throw error;
      });
    },
  );
}

function limitClientRate(context: ClientContext): MaybePromise<void> {
  return andThen(hit("tokenPerClient", `${context.name}:${context.client.clientId}`), (limited) => {
    if (!limited.ok) throw tooManyRequests("Too many requests from this client.", limited.retryAfterSeconds);
  });
}

/** The steps every client endpoint runs before its own work, in order. */
export const CLIENT_STEPS: readonly Step<ClientContext>[] = [parseForm, refuseLockedOut, authenticateClient, limitClientRate];

/**
 * A client endpoint, transport-neutral (the Next.js route and scripts/serve.ts's fast path alike): the
 * answer at once when every step found what it needed in memory, else a promise of it.
 */
export type ClientEndpoint = (request: OAuthHttpRequest) => MaybePromise<HttpAnswer>;

/** Builds a client endpoint from its work, which runs after CLIENT_STEPS with the authenticated client. */
export function clientEndpoint(name: ClientEndpointName, work: (call: ClientEndpointCall) => MaybePromise<HttpAnswer>): ClientEndpoint {
  return (request) =>
    attempt(() => {
      // params and client are filled by the first steps, before anything reads them.
      const context = { name, request, clientId: null } as ClientContext;
      return andThen(runSteps(CLIENT_STEPS, context), () => work(context));
    }, oauthError);
}

/** The Next.js route handler of a client endpoint. */
export function webHandler(endpoint: ClientEndpoint): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return toResponse(await endpoint(await fromWebRequest(request)));
    } catch (error) {
      return toResponse(oauthError(error));
    }
  };
}
