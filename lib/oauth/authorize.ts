import "server-only";
// The authorization endpoint (RFC 6749 4.1.1, 4.2.1) as domain logic; app/oauth2/authorize renders it.
// Order of checks: the client and redirect URI first — when either is wrong the person sees an error
// page and is never redirected (4.1.2.1). Every later problem is sent back to the redirect URI (query
// for `code`, fragment for `token`) with the state unchanged.
import { writeAudit } from "../audit";
import { db, type DbOrTx } from "../db";
import { newId } from "../ids";
import type { RequestContext } from "../server/request-context";
import { loopbackRedirectMatches, REDIRECT_URI_MAX } from "../validation/app-registration";
import { clientIsActive, findClient, type OAuthClient } from "./clients";
import { ACCESS_TOKEN_TTL_SECONDS, AUTHORIZATION_CODE_TTL_SECONDS } from "./config";
import { issuer } from "./config";
import type { AuthorizeErrorCode } from "./errors";
import { duplicatedNames } from "./params";
import { isValidChallenge } from "./pkce";
import { checkResources } from "./resources";
import { newAuthorizationCode, resolveScope, signAccessToken, splitScope, tokenDigest } from "./tokens";
import type { StoredRequest } from "./transactions";

export interface AuthorizationRequest {
  client: OAuthClient;
  responseType: "code" | "token";
  redirectUri: string;
  redirectUriGiven: boolean;
  scope: string[];
  state?: string;
  codeChallenge?: string;
  /** OpenID Connect (scope has openid): nonce, prompt, max_age. */
  nonce?: string;
  prompt: ("none" | "login" | "consent")[];
  maxAge?: number;
  /** RFC 8707 resource indicators. */
  resource: string[];
}

export type AuthorizeCheck =
  | { ok: false; kind: "page"; title: string; message: string }
  | { ok: false; kind: "redirect"; url: string; error: AuthorizeErrorCode; description: string }
  | { ok: true; request: AuthorizationRequest };

/** Longest authorization query accepted (characters); longer requests should use PAR (/oauth2/par). */
export const MAX_AUTHORIZATION_QUERY = 8192;
/** Longest single parameter value (state, nonce …) accepted. */
export const MAX_PARAMETER_LENGTH = 4096;

function errorPage(message: string): AuthorizeCheck {
  return { ok: false, kind: "page", title: "This authorization request cannot be completed", message };
}

/** The redirect URI with response parameters added: to the query for `code`, the fragment for `token`. */
export function responseUrl(redirectUri: string, mode: "query" | "fragment", values: Record<string, string | undefined>): string {
  const entries = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined);
  if (mode === "fragment") {
    return `${redirectUri.split("#")[0]}#${new URLSearchParams(entries).toString()}`;
  }
  const url = new URL(redirectUri);
  for (const [k, v] of entries) url.searchParams.append(k, v);
  return url.toString();
}

/** Every authorization response carries the issuer (RFC 9207). */
function withIssuer(values: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...values, iss: issuer() };
}

export function errorRedirect(
  redirectUri: string,
  mode: "query" | "fragment",
  error: AuthorizeErrorCode,
  description: string,
  state?: string,
): Extract<AuthorizeCheck, { kind: "redirect" }> {
  // A state too long to have been accepted is not echoed (the answer would be too long too).
  const echoed = state !== undefined && state.length <= 2 * MAX_PARAMETER_LENGTH ? state : undefined;
  return {
    ok: false,
    kind: "redirect",
    error,
    description,
    url: responseUrl(redirectUri, mode, withIssuer({ error, error_description: description, state: echoed })),
  };
}

const OIDC_SCOPES = ["openid", "profile", "email"] as const;
export function isOidcScope(scope: string): boolean {
  return (OIDC_SCOPES as readonly string[]).includes(scope);
}

/** Where the client asked to be sent back: the registered URL, or (Native / mobile, RFC 8252 7.3) its loopback with another port. */
function acceptedRedirect(client: OAuthClient, given: string | undefined): string | null {
  if (!client.redirectUri) return null;
  if (given === undefined || given === client.redirectUri) return client.redirectUri;
  if (client.kind === "native" && loopbackRedirectMatches(client.redirectUri, given)) return given;
  return null;
}

/**
 * Validates an authorization request's parameters (from the query string, or from a PAR body when
 * `pushed` is set: then nothing is redirected and the caller answers JSON). `fixedClient` is the
 * client that authenticated at /oauth2/par.
 */
export async function checkAuthorizationRequest(
  search: URLSearchParams,
  opts: { pushed?: boolean; fixedClient?: OAuthClient; queryLength?: number } = {},
): Promise<AuthorizeCheck> {
  const dups = duplicatedNames(search);
  if (dups.includes("client_id") || dups.includes("redirect_uri")) {
    return errorPage("The request names its client or redirect URI more than once.");
  }
  const clientId = search.get("client_id");
  if (!clientId) return errorPage("The request does not say which application is asking (client_id is missing).");
  const client = opts.fixedClient ?? (await findClient(clientId));
  if (!client) return errorPage("No application is registered with this client ID.");
  if (opts.fixedClient && clientId !== opts.fixedClient.clientId) return errorPage("client_id differs from the authenticated client.");
  const given = search.get("redirect_uri") || undefined;
  if (!client.redirectUri) return errorPage("This application has no registered Redirect URL, so it cannot ask for your authorization.");
  if (given !== undefined && given.length > REDIRECT_URI_MAX) return errorPage("The redirect URI is too long.");
  const redirectUri = acceptedRedirect(client, given);
  if (!redirectUri) return errorPage("The redirect URI does not match the application's registered Redirect URL.");
  const responseType = search.get("response_type");
  const mode = responseType === "token" ? "fragment" : "query";
  const state = search.get("state") ?? undefined;
  const fail = (error: AuthorizeErrorCode, description: string) => errorRedirect(redirectUri, mode, error, description, state);
  // Too long: refused with a clear error, never cut (a cut request loses its later parameters).
  if ((opts.queryLength ?? 0) > MAX_AUTHORIZATION_QUERY) {
    return fail(
      "invalid_request",
      `The authorization request is longer than ${MAX_AUTHORIZATION_QUERY} characters. Send long requests through pushed authorization (POST /oauth2/par).`,
    );
  }
  // A pushed request (RFC 9126) is bounded by its body (16 KiB) instead.
  for (const [name, value] of opts.pushed ? [] : search) {
    if (value.length > MAX_PARAMETER_LENGTH)
      return fail("invalid_request", `The parameter ${name.slice(0, 40)} is longer than ${MAX_PARAMETER_LENGTH} characters.`);
  }
  if (dups.length) return fail("invalid_request", `Parameters given more than once: ${dups.join(", ")}.`);
  if (search.has("request"))
    return fail("invalid_request", "Request objects are not supported: use pushed authorization (POST /oauth2/par).");
  if (opts.pushed && search.has("request_uri")) return fail("invalid_request", "request_uri cannot be pushed.");
  if (!opts.pushed && client.requirePar) {
    return fail("invalid_request", "This application must push its authorization requests to /oauth2/par and send request_uri.");
  }
  if (!responseType) return fail("invalid_request", "The parameter response_type is missing.");
  if (responseType !== "code" && responseType !== "token") {
    return fail("unsupported_response_type", "Use response_type code or token.");
  }
  const needed = responseType === "code" ? "authorization_code" : "implicit";
  if (!client.grantTypes.includes(needed)) {
    return fail("unauthorized_client", `The app is not registered for the ${needed} grant type.`);
  }
  if (!clientIsActive(client)) {
    return fail("unauthorized_client", "The app or its company is suspended.");
  }
  const requestedScope = search.get("scope") || undefined;
  const scope = resolveScope(requestedScope, [...client.apiSlugs, ...OIDC_SCOPES]);
  // Without scope: every API the app subscribes to (not the OpenID Connect scopes).
  const granted = requestedScope === undefined ? scope?.filter((s) => !isOidcScope(s)) : scope;
  if (!granted) return fail("invalid_scope", "The app may ask only for the APIs it subscribes to (and openid, profile, email).");
  const oidc = granted.includes("openid");
  // OpenID Connect Core 3.1.2.1: redirect_uri is required (the page, not a redirect: it was not given).
  if (oidc && given === undefined) {
    return errorPage("An OpenID Connect request (scope openid) must name its redirect_uri.");
  }
  if (oidc && responseType === "token") return fail("invalid_request", "OpenID Connect sign-in uses response_type=code.");
  let codeChallenge: string | undefined;
  if (responseType === "code") {
    const challenge = search.get("code_challenge") || undefined;
    const method = search.get("code_challenge_method") || undefined;
    if (method !== undefined && challenge === undefined) {
      return fail("invalid_request", "code_challenge_method was sent without code_challenge.");
    }
    if (challenge !== undefined) {
      if (method !== "S256") {
        return fail("invalid_request", "Only code_challenge_method=S256 is supported; plain is refused.");
      }
      if (!isValidChallenge(challenge)) return fail("invalid_request", "The code_challenge is malformed.");
      codeChallenge = challenge;
    } else if (client.requirePkce) {
      return fail("invalid_request", "This application must use PKCE: send code_challenge with code_challenge_method=S256.");
    }
  }
  const prompt = (search.get("prompt") ?? "").split(" ").filter(Boolean);
  if (!prompt.every((p): p is "none" | "login" | "consent" => p === "none" || p === "login" || p === "consent")) {
    return fail("invalid_request", "prompt may be none, login or consent.");
  }
  if (prompt.includes("none") && prompt.length > 1) return fail("invalid_request", "prompt=none cannot be combined with other values.");
  const maxAgeText = search.get("max_age");
  let maxAge: number | undefined;
  if (maxAgeText !== null && maxAgeText !== "") {
    if (!/^\d{1,9}$/.test(maxAgeText)) return fail("invalid_request", "max_age must be a whole number of seconds.");
    maxAge = Number(maxAgeText);
  }
  const nonce = search.get("nonce") || undefined;
  const resources = search.getAll("resource").filter(Boolean);
  const resourceCheck = checkResources(resources, client);
  if (resourceCheck) return fail("invalid_target", resourceCheck);
  return {
    ok: true,
    request: {
      client,
      responseType,
      redirectUri,
      redirectUriGiven: given !== undefined,
      scope: granted,
      state,
      codeChallenge,
      nonce: oidc ? nonce : undefined,
      prompt,
      maxAge,
      resource: resources,
    },
  };
}

/** The stored form of a validated request (an authorization transaction). */
export function storedRequest(request: AuthorizationRequest): StoredRequest {
  return {
    clientId: request.client.clientId,
    responseType: request.responseType,
    redirectUri: request.redirectUri,
    redirectUriGiven: request.redirectUriGiven,
    scope: request.scope,
    state: request.state,
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
    prompt: request.prompt,
    maxAge: request.maxAge,
    resource: request.resource,
  };
}

/** A stored request with its client read fresh; null when the client is gone. */
export async function requestFromStored(stored: StoredRequest): Promise<AuthorizationRequest | null> {
  const client = await findClient(stored.clientId);
  if (!client) return null;
  return { ...stored, client };
}

/** True when the person already authorized this app for at least this scope (and did not revoke it). */
export async function hasRememberedConsent(userId: string, request: AuthorizationRequest): Promise<boolean> {
  const consent = await db().consentGrant.findUnique({ where: { userId_appId: { userId, appId: request.client.appId } } });
  if (!consent || consent.revokedAt) return false;
  const granted = splitScope(consent.scope);
  return request.scope.every((s) => granted.includes(s));
}

async function recordConsent(tx: DbOrTx, user: { id: string; email: string }, request: AuthorizationRequest, ctx: RequestContext | null) {
  const existing = await tx.consentGrant.findUnique({ where: { userId_appId: { userId: user.id, appId: request.client.appId } } });
  const before = existing && !existing.revokedAt ? splitScope(existing.scope) : [];
  const scope = [...new Set([...before, ...request.scope])].sort().join(" ");
  const consent = await tx.consentGrant.upsert({
    where: { userId_appId: { userId: user.id, appId: request.client.appId } },
    create: { id: newId("consent"), userId: user.id, appId: request.client.appId, scope },
    update: { scope, revokedAt: null },
  });
  if (!existing || existing.revokedAt || existing.scope !== scope) {
    await writeAudit(
      tx,
      user,
      {
        event: "consent.granted",
        targetType: "app",
        targetId: request.client.appId,
        companyId: request.client.companyId,
        metadata: { scope },
      },
      ctx,
    );
  }
  return consent;
}

/**
 * The person allowed the request: remember the consent and answer with a code (stored as a digest,
 * valid 60 s) or, for the implicit grant, an access token in the fragment. Returns the redirect URL.
 */
export async function approveAuthorization(
  user: { id: string; email: string },
  request: AuthorizationRequest,
  ctx: RequestContext | null,
  session: { authTime?: number } = {},
): Promise<string> {
  const now = new Date();
  if (request.responseType === "code") {
    const code = newAuthorizationCode();
    await db().$transaction(async (tx) => {
      await recordConsent(tx, user, request, ctx);
      await tx.authorizationCode.create({
        data: {
          id: newId("code"),
          codeDigest: tokenDigest(code),
          appId: request.client.appId,
          userId: user.id,
          redirectUri: request.redirectUri,
          redirectUriGiven: request.redirectUriGiven,
          scope: request.scope.join(" "),
          codeChallenge: request.codeChallenge ?? null,
          codeChallengeMethod: request.codeChallenge ? "S256" : null,
          nonce: request.nonce ?? null,
          authTime: session.authTime ? new Date(session.authTime * 1000) : null,
          resource: request.resource.length ? request.resource.join(" ") : null,
          expiresAt: new Date(now.getTime() + AUTHORIZATION_CODE_TTL_SECONDS * 1000),
        },
      });
    });
    return responseUrl(request.redirectUri, "query", withIssuer({ code, state: request.state }));
  }
  const grantId = await db().$transaction(async (tx) => {
    const consent = await recordConsent(tx, user, request, ctx);
    const grant = await tx.tokenGrant.create({
      data: {
        id: newId("grant"),
        appId: request.client.appId,
        userId: user.id,
        consentGrantId: consent.id,
        kind: "implicit",
        scope: request.scope.join(" "),
      },
    });
    return grant.id;
  });
  const access = await signAccessToken({ clientId: request.client.clientId, subject: user.id, scope: request.scope, grantId });
  return responseUrl(
    request.redirectUri,
    "fragment",
    withIssuer({
      access_token: access.token,
      token_type: "Bearer",
      expires_in: String(ACCESS_TOKEN_TTL_SECONDS),
      scope: request.scope.join(" ") || undefined,
      state: request.state,
    }),
  );
}

/** The person denied the request. */
export function denyAuthorization(
  request: AuthorizationRequest,
  error: AuthorizeErrorCode = "access_denied",
  description = "The person denied the request.",
): string {
  return errorRedirect(request.redirectUri, request.responseType === "token" ? "fragment" : "query", error, description, request.state).url;
}

/** Human names of the APIs a scope covers, for the consent page. */
export async function describeScope(scope: string[]): Promise<{ slug: string; name: string; summary: string }[]> {
  if (scope.length === 0) return [];
  const apis = await db().api.findMany({
    where: { slug: { in: scope } },
    select: { slug: true, name: true, summary: true },
    orderBy: { name: "asc" },
  });
  return apis;
}

/** The authorization request's query string, duplicates kept, from Next.js searchParams. */
export function searchFromRecord(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(record)) for (const x of [v].flat()) if (x !== undefined) search.append(k, x);
  return search;
}
