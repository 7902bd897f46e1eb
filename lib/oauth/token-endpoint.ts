import "server-only";
// The token endpoint (RFC 6749 3.2, 4.1.3, 4.3, 4.4, 6; RFC 8628 3.4) as one list of named steps, run
// by the Next.js route and by the server's fast path (scripts/serve.ts) alike: the client endpoint's
// steps (lib/oauth/client-endpoint.ts CLIENT_STEPS: parseForm, refuseLockedOut, authenticateClient,
// limitClientRate), then TOKEN_STEPS:
//   checkGrantType       grant_type present (invalid_request) and one this server issues (unsupported_grant_type)
//   checkGrantAllowed    registered for the app (unauthorized_client)
//   checkClientActive    the app and its company are not suspended (unauthorized_client)
//   verifyDpop           a DPoP proof (RFC 9449) binds the token to the client's key; required when the app says so
//   callGrantHandler     GRANT_HANDLERS[grant_type]: one handler per grant type, no default
// Each step is synchronous when it can be (lib/runtime/maybe-sync): a client_credentials request of a
// cached client without a DPoP proof, with the memory limiter and a cached signing key, is answered in
// the tick its body ended; the others await the database or the proof check. Answers carry CORS
// headers for a Single-page app's allowed origins, and every outcome of the token steps is counted
// in console_tokens_issued_total.
import { recordLastUse } from "../apps/last-used";
import type { HttpAnswer } from "../http/answer";
import { recordTokenIssued } from "../observability/metrics";
import { noteFirstToken } from "../onboarding/first-token";
import { andThen, attempt, type MaybePromise, runSteps, type Step } from "../runtime/maybe-sync";
import { clientEndpoint, type ClientEndpointCall, webHandler } from "./client-endpoint";
import { clientIsActive } from "./clients";
import { DEVICE_CODE_GRANT_TYPE, ENDPOINTS, issuer, TOKEN_GRANT_TYPES } from "./config";
import { corsHeaders } from "./cors";
import { type DpopBinding, InvalidDpopProof, verifyDpopProof } from "./dpop";
import { OAuthError, oauthError, oauthJson } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { deviceCodeGrant } from "./grants/device-code";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import type { TokenResponseBody } from "./tokens";

export type TokenGrantType = (typeof TOKEN_GRANT_TYPES)[number];

/** What the token steps know of a request so far. */
interface TokenContext extends ClientEndpointCall {
  /** The grant_type parameter as sent (until checkGrantType has accepted it). */
  grantType: string | undefined;
  dpop?: DpopBinding;
  body?: TokenResponseBody;
}

type GrantHandler = (context: TokenContext) => MaybePromise<TokenResponseBody>;

/** One handler per grant type the token endpoint issues for. */
const GRANT_HANDLERS: Record<TokenGrantType, GrantHandler> = {
  client_credentials: ({ client, params, dpop }) => clientCredentialsGrant(client, params, dpop),
  authorization_code: ({ client, params, dpop }) => authorizationCodeGrant(client, params, dpop),
  password: ({ client, params, request, dpop }) => passwordGrant(client, params, { ip: request.ip, userAgent: request.userAgent }, dpop),
  refresh_token: ({ client, params, dpop }) => refreshTokenGrant(client, params, dpop),
  [DEVICE_CODE_GRANT_TYPE]: ({ client, params, dpop }) => deviceCodeGrant(client, params, dpop),
};

function isTokenGrantType(grantType: string | undefined): grantType is TokenGrantType {
  return grantType !== undefined && Object.hasOwn(GRANT_HANDLERS, grantType);
}

function checkGrantType({ grantType }: TokenContext): void {
  if (!grantType) throw new OAuthError("invalid_request", "The parameter grant_type is missing.");
  if (!isTokenGrantType(grantType)) {
    throw new OAuthError("unsupported_grant_type", `The grant type ${grantType.slice(0, 64)} is not supported.`);
  }
}

function checkGrantAllowed({ client, grantType }: TokenContext): void {
  if (!client.grantTypes.includes(grantType!)) {
    throw new OAuthError("unauthorized_client", `The app is not registered for the ${grantType} grant type.`);
  }
}

function checkClientActive({ client }: TokenContext): void {
  if (!clientIsActive(client)) {
    throw new OAuthError("unauthorized_client", "The app or its company is suspended: no tokens are issued.");
  }
}

const NO_DPOP_PROOF = "This application must send a DPoP proof (RFC 9449) with its token requests.";

function verifyDpop(context: TokenContext): MaybePromise<void> {
  const proof = context.request.dpop;
  if (!proof) {
    if (context.client.requireDpop) throw new OAuthError("invalid_dpop_proof", NO_DPOP_PROOF);
    return;
  }
  return verifyDpopProof(proof, { method: "POST", url: issuer() + ENDPOINTS.token }).then(
    (binding) => {
      context.dpop = binding;
    },
    (error: unknown) => {
      if (error instanceof InvalidDpopProof) throw new OAuthError("invalid_dpop_proof", error.message);
      throw error;
    },
  );
}

function callGrantHandler(context: TokenContext): MaybePromise<void> {
  return andThen(GRANT_HANDLERS[context.grantType as TokenGrantType](context), (body) => {
    context.body = body;
  });
}

/** The token endpoint's own steps, in order, after the client endpoint's (CLIENT_STEPS). */
export const TOKEN_STEPS: readonly Step<TokenContext>[] = [
  checkGrantType,
  checkGrantAllowed,
  checkClientActive,
  verifyDpop,
  callGrantHandler,
];

/** Adds CORS headers when the request's Origin is one of the app's allowed web origins. */
function withCors(response: HttpAnswer, { request, client }: TokenContext): HttpAnswer {
  if (!request.origin) return response;
  return { ...response, headers: { ...response.headers, ...corsHeaders(request.origin, client.allowedOrigins, true) } };
}

/** "Last used" of the app and of the secret it presented: memory only, written in batches (lib/apps/last-used.ts). */
function noteLastUse({ client, request }: TokenContext): void {
  recordLastUse(client.appId, request.ip, client.secretDigest ?? null);
}

function issued(context: TokenContext): HttpAnswer {
  recordTokenIssued(context.grantType!, "issued");
  noteFirstToken(context.client.appId);
  noteLastUse(context);
  return withCors(oauthJson(context.body), context);
}

function refused(context: TokenContext, error: unknown): HttpAnswer {
  recordTokenIssued(isTokenGrantType(context.grantType) ? context.grantType : "other", error instanceof OAuthError ? error.code : "error");
  return withCors(oauthError(error), context);
}

/** The token endpoint, transport-neutral: the answer at once when every step could answer at once, else a promise. */
export const processTokenRequest = clientEndpoint("token", (call) => {
  const context: TokenContext = { ...call, grantType: call.params.get("grant_type") };
  return attempt(
    () => andThen(runSteps(TOKEN_STEPS, context), () => issued(context)),
    (error) => refused(context, error),
  );
});

/** The Next.js route handler's entry (app/oauth2/token/route.ts). */
export const handleTokenRequest = webHandler(processTokenRequest);
