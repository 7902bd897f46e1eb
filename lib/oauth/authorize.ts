import "server-only";
// The authorization endpoint (RFC 6749 4.1.1, 4.2.1) as domain logic; app/oauth2/authorize renders it.
// Order of checks: the client and redirect URI first — when either is wrong the person sees an error
// page and is never redirected (4.1.2.1). Every later problem is sent back to the redirect URI (query
// for `code`, fragment for `token`) with the state unchanged.
import { db, type DbOrTx } from "../db";
import { newId } from "../ids";
import { writeAudit } from "../audit";
import type { RequestContext } from "../request-context";
import { findClient, clientIsActive, type OAuthClient } from "./clients";
import { AUTHORIZATION_CODE_TTL_SECONDS, ACCESS_TOKEN_TTL_SECONDS } from "./config";
import type { AuthorizeErrorCode } from "./errors";
import { duplicatedNames } from "./params";
import { isValidChallenge } from "./pkce";
import { newAuthorizationCode, resolveScope, signAccessToken, splitScope, tokenDigest } from "./tokens";

export interface AuthorizationRequest {
  client: OAuthClient;
  responseType: "code" | "token";
  redirectUri: string;
  redirectUriGiven: boolean;
  scope: string[];
  state?: string;
  codeChallenge?: string;
}

export type AuthorizeCheck =
  | { ok: false; kind: "page"; title: string; message: string }
  | { ok: false; kind: "redirect"; url: string }
  | { ok: true; request: AuthorizationRequest };

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

function errorRedirect(redirectUri: string, mode: "query" | "fragment", error: AuthorizeErrorCode, description: string, state?: string): AuthorizeCheck {
  return { ok: false, kind: "redirect", url: responseUrl(redirectUri, mode, { error, error_description: description, state }) };
}

/** Validates an authorization request from its query string. */
export async function checkAuthorizationRequest(search: URLSearchParams): Promise<AuthorizeCheck> {
  const dups = duplicatedNames(search);
  if (dups.includes("client_id") || dups.includes("redirect_uri")) {
    return errorPage("The request names its client or redirect URI more than once.");
  }
  const clientId = search.get("client_id");
  if (!clientId) return errorPage("The request does not say which application is asking (client_id is missing).");
  const client = await findClient(clientId);
  if (!client) return errorPage("No application is registered with this client ID.");
  const given = search.get("redirect_uri") || undefined;
  if (!client.redirectUri) return errorPage("This application has no registered Redirect URL, so it cannot ask for your authorization.");
  if (given !== undefined && given !== client.redirectUri) {
    return errorPage("The redirect URI does not match the application's registered Redirect URL.");
  }
  const redirectUri = client.redirectUri;
  const responseType = search.get("response_type");
  const mode = responseType === "token" ? "fragment" : "query";
  const state = search.get("state") ?? undefined;
  if (dups.length) return errorRedirect(redirectUri, mode, "invalid_request", `Parameters given more than once: ${dups.join(", ")}.`, state);
  if (!responseType) return errorRedirect(redirectUri, mode, "invalid_request", "The parameter response_type is missing.", state);
  if (responseType !== "code" && responseType !== "token") {
    return errorRedirect(redirectUri, mode, "unsupported_response_type", "Use response_type code or token.", state);
  }
  const needed = responseType === "code" ? "authorization_code" : "implicit";
  if (!client.grantTypes.includes(needed)) {
    return errorRedirect(redirectUri, mode, "unauthorized_client", `The app is not registered for the ${needed} grant type.`, state);
  }
  if (!clientIsActive(client)) {
    return errorRedirect(redirectUri, mode, "unauthorized_client", "The app or its company is suspended.", state);
  }
  const scope = resolveScope(search.get("scope") || undefined, client.apiSlugs);
  if (!scope) return errorRedirect(redirectUri, mode, "invalid_scope", "The app may ask only for the APIs it subscribes to.", state);
  let codeChallenge: string | undefined;
  if (responseType === "code") {
    const challenge = search.get("code_challenge") || undefined;
    const method = search.get("code_challenge_method") || undefined;
    if (method !== undefined && challenge === undefined) {
      return errorRedirect(redirectUri, mode, "invalid_request", "code_challenge_method was sent without code_challenge.", state);
    }
    if (challenge !== undefined) {
      if (method !== "S256") {
        return errorRedirect(redirectUri, mode, "invalid_request", "Only code_challenge_method=S256 is supported; plain is refused.", state);
      }
      if (!isValidChallenge(challenge)) return errorRedirect(redirectUri, mode, "invalid_request", "The code_challenge is malformed.", state);
      codeChallenge = challenge;
    }
  }
  return { ok: true, request: { client, responseType, redirectUri, redirectUriGiven: given !== undefined, scope, state, codeChallenge } };
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
      { event: "consent.granted", targetType: "app", targetId: request.client.appId, companyId: request.client.companyId, metadata: { scope } },
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
          expiresAt: new Date(now.getTime() + AUTHORIZATION_CODE_TTL_SECONDS * 1000),
        },
      });
    });
    return responseUrl(request.redirectUri, "query", { code, state: request.state });
  }
  const grantId = await db().$transaction(async (tx) => {
    const consent = await recordConsent(tx, user, request, ctx);
    const grant = await tx.tokenGrant.create({
      data: { id: newId("grant"), appId: request.client.appId, userId: user.id, consentGrantId: consent.id, kind: "implicit", scope: request.scope.join(" ") },
    });
    return grant.id;
  });
  const access = await signAccessToken({ clientId: request.client.clientId, subject: user.id, scope: request.scope, grantId });
  return responseUrl(request.redirectUri, "fragment", {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: String(ACCESS_TOKEN_TTL_SECONDS),
    scope: request.scope.join(" ") || undefined,
    state: request.state,
  });
}

/** The person denied the request. */
export function denyAuthorization(request: AuthorizationRequest): string {
  return responseUrl(request.redirectUri, request.responseType === "token" ? "fragment" : "query", {
    error: "access_denied",
    error_description: "The person denied the request.",
    state: request.state,
  });
}

/** Human names of the APIs a scope covers, for the consent page. */
export async function describeScope(scope: string[]): Promise<{ slug: string; name: string; summary: string }[]> {
  if (scope.length === 0) return [];
  const apis = await db().api.findMany({ where: { slug: { in: scope } }, select: { slug: true, name: true, summary: true }, orderBy: { name: "asc" } });
  return apis;
}

/** The authorization request's query string, duplicates kept, from Next.js searchParams. */
export function searchFromRecord(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(record)) for (const x of [v].flat()) if (x !== undefined) search.append(k, x);
  return search;
}
