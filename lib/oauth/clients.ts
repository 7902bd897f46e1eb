import "server-only";
// Client authentication for the token service (RFC 6749 2.3.1): client_secret_basic or
// client_secret_post, never both; a public client (Single-page, Native / mobile, Device or CLI) presents its client_id only. Secrets are
// checked by HMAC digest in constant time against every live secret of the app (revokedAt null, not
// expired), and against a dummy digest for an unknown client, so the time taken does not tell which
// part was wrong.
//
// Client lookups (app, company status, subscriptions, live secret digests) are cached in memory for
// OAUTH_CLIENT_CACHE_TTL_MS (default 2 s), so a revoked or rotated secret, a suspended app or company
// stops working within that time on every instance; this process forgets an entry at once through
// lib/cache invalidate("apps" | "company" | "catalog"). Expiry of a secret is checked on every use, not cached.
import { z } from "zod";
import { entitledWhere } from "../apis/catalog";
import { expiredSecretEnd, type LiveSecret, liveSecretMatching } from "../apps/client-auth";
import { type ClientSettings, clientSettingsOf, clientSettingsSelect } from "../apps/client-settings";
import { invalidate, lruCache, onInvalidate } from "../cache";
import { db } from "../db";
import { env } from "../env";
import { andThen, type MaybePromise } from "../runtime/maybe-sync";
import { singleton } from "../runtime/singleton";
import {
  assertionAudiences,
  clientAssertionRefused,
  presentedAssertion,
  presentsClientAssertion,
  verifyClientAssertion,
} from "./client-assertion";
import { OAuthError } from "./errors";
import { forgetHotCache } from "./hot-cache";
import type { Params } from "./params";

export interface OAuthClient extends ClientSettings {
  appId: string;
  clientId: string;
  name: string;
  status: string;
  companyId: string;
  companyName: string;
  companyStatus: string;
  grantTypes: string[];
  redirectUri: string | null;
  /** Slugs of the APIs the app subscribes to: the scopes it may ask for. */
  apiSlugs: string[];
}

interface CachedClient {
  client: OAuthClient;
  secrets: LiveSecret[];
  loadedAt: number;
  /**
   * The client as authenticated by each method (and, for a secret, each of its secrets), made once per
   * lookup: no copy per token request.
   */
  authenticated?: Map<string, AuthenticatedClient>;
}

function asAuthenticated(found: CachedClient, method: ClientAuthMethod, secret?: LiveSecret): AuthenticatedClient {
  found.authenticated ??= new Map();
  const key = secret ? `${method} ${secret.digest}` : method;
  let client = found.authenticated.get(key);
  if (!client) {
    client = Object.freeze({ ...found.client, authMethod: method, ...(secret ? { secretDigest: secret.digest } : {}) });
    found.authenticated.set(key, client);
  }
  return client;
}

export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none" | "private_key_jwt";

export interface AuthenticatedClient extends OAuthClient {
  authMethod: ClientAuthMethod;
  /** With client_secret_basic or client_secret_post: the digest of the secret it presented (its last use is noted). */
  secretDigest?: string;
}

const grantTypesSchema = z.array(z.string()).catch([]);

// Client lookups by client id, for OAUTH_CLIENT_CACHE_TTL_MS. An unknown client id is cached too (a
// negative entry), so a wrong client id costs what a wrong secret of a known one costs (timing says
// nothing about which ids exist). lib/cache invalidations (`apps`, `company`, `catalog`) forget entries.
const MISSING = Symbol("no such client");
interface CacheEntry {
  found: CachedClient | typeof MISSING;
  loadedAt: number;
}
const entries = lruCache<string, CacheEntry>("oauth.clients", 10_000);

/** After a refused secret, the lookup is read again (a secret made by another instance) at most this often. */
const RECHECK_AFTER_MS = 500;

function forgetWhere(match: (client: OAuthClient) => boolean): void {
  for (const [clientId, entry] of entries.entries()) if (entry.found !== MISSING && match(entry.found.client)) entries.delete(clientId);
}

onInvalidate("oauth.clients", ["apps", "company", "catalog"], (change) => {
  if (change.name === "apps" && (change.clientIds || change.appIds)) {
    for (const clientId of change.clientIds ?? []) entries.delete(clientId);
    const appIds = new Set(change.appIds ?? []);
    if (appIds.size) forgetWhere((c) => appIds.has(c.appId));
  } else if (change.name === "company" && change.companyId) {
    forgetWhere((c) => c.companyId === change.companyId);
  } else entries.clear();
});

/** Forgets a client's cached lookup in this process (tests; domain modules call lib/cache invalidate("apps", …)). */
export function invalidateClient(clientId: string): void {
  invalidate("apps", { clientIds: [clientId] });
}

/** Forgets the cached lookups of these apps (by app id). */
export function invalidateApps(appIds: readonly string[]): void {
  if (appIds.length) invalidate("apps", { appIds });
}

/** Forgets the cached lookups of every app of a company. */
export function invalidateCompanyClients(companyId: string): void {
  invalidate("company", { companyId });
}

export function clearClientCache(): void {
  entries.clear();
  forgetHotCache();
}

async function loadClient(clientId: string, now: number): Promise<CachedClient | null> {
  const app = await db().app.findUnique({
    where: { clientId },
    select: {
      id: true,
      clientId: true,
      name: true,
      status: true,
      grantTypes: true,
      redirectUri: true,
      ...clientSettingsSelect,
      companyId: true,
      company: { select: { name: true, status: true } },
      subscriptions: { select: { api: { select: { slug: true } } } },
      secrets: {
        // Secrets that ended in the last 30 days too: liveSecretMatching judges expiry at each use, and a
        // refusal of one of them can say that it expired (refusal below).
        where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(now - EXPIRED_SECRETS_KEPT_MS) } }] },
        select: { digest: true, expiresAt: true },
      },
    },
  });
  if (!app) return null;
  // Scopes follow the company's current entitlements: retired and denied APIs never appear.
  const entitled = app.subscriptions.length
    ? await db().api.findMany({
        where: { subscriptions: { some: { appId: app.id } }, ...entitledWhere(app.companyId) },
        select: { slug: true },
      })
    : [];
  return {
    loadedAt: now,
    secrets: app.secrets.map((s) => ({ digest: s.digest, expiresAt: s.expiresAt?.getTime() ?? null })),
    client: {
      appId: app.id,
      clientId: app.clientId,
      name: app.name,
      status: app.status,
      companyId: app.companyId,
      companyName: app.company.name,
      companyStatus: app.company.status,
      grantTypes: grantTypesSchema.parse(app.grantTypes),
      redirectUri: app.redirectUri,
      // Scopes follow the company's current entitlements: retired and denied APIs never appear.
      apiSlugs: entitled.map((a) => a.slug).sort(),
      ...clientSettingsOf(app),
    },
  };
}

// Loads under way, by client id: when a cached entry expires under load, the requests that miss it
// together share one read instead of each taking a database connection (found by the PostgreSQL token
// bench: 64 concurrent misses every 2 s queued on the pool, p99 ~1 s). A fresh read (after a refused
// secret, or findClient) that starts after a change still waits for a load begun before it: the
// generation counter makes such a load start anew.
// One state for both copies of lib/ (lib/runtime/singleton), like the cache it fills.
const flight = singleton("oauth.clients.loading", () => ({
  loading: new Map<string, { promise: Promise<CacheEntry>; generation: number }>(),
  generation: 0,
}));
onInvalidate("oauth.clients.loading", ["apps", "company", "catalog"], () => {
  flight.generation++;
});

/** The client's entry: at once when it is cached (no promise), else a read (shared with any under way). */
function lookupEntry(clientId: string, now: number, fresh: boolean): MaybePromise<CacheEntry> {
  // PostgreSQL refuses NUL in text (a 500 found by e2e/security-http-fuzz.spec.ts): no client id has one.
  if (clientId.includes("\u0000") || clientId.length > 200) return { found: MISSING, loadedAt: now };
  const ttl = env().oauthClientCacheTtlMs;
  const hit = entries.get(clientId);
  if (!fresh && hit && ttl > 0) return hit;
  const running = flight.loading.get(clientId);
  if (!fresh && running && running.generation === flight.generation) return running.promise;
  const started = flight.generation;
  const promise = (async (): Promise<CacheEntry> => {
    const entry: CacheEntry = { found: (await loadClient(clientId, now)) ?? MISSING, loadedAt: now };
    if (ttl > 0 && started === flight.generation) entries.set(clientId, entry, { ttl });
    else entries.delete(clientId);
    return entry;
  })().finally(() => {
    if (flight.loading.get(clientId)?.promise === promise) flight.loading.delete(clientId);
  });
  flight.loading.set(clientId, { promise, generation: started });
  return promise;
}

async function lookup(clientId: string, now: number, fresh: boolean): Promise<CachedClient | null> {
  const { found } = await lookupEntry(clientId, now, fresh);
  return found === MISSING ? null : found;
}

/** The registered client, without authenticating it (the authorization endpoint). Always read fresh. */
export async function findClient(clientId: string): Promise<OAuthClient | null> {
  if (clientId.length > 200) return null;
  return (await lookup(clientId, Date.now(), true))?.client ?? null;
}

/** application/x-www-form-urlencoded decoding (RFC 6749 2.3.1 / Appendix B): '+' is a space. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

interface PresentedCredentials {
  clientId: string;
  secret: string;
  method: ClientAuthMethod;
}

const basicChallenge = { "www-authenticate": 'Basic realm="api-console", charset="UTF-8"' };

function invalidClient(method: ClientAuthMethod | "header", description = "Client authentication failed."): OAuthError {
  return new OAuthError("invalid_client", description, { status: 401, headers: method === "client_secret_post" ? {} : basicChallenge });
}

const EXPIRED_SECRETS_KEPT_MS = 30 * 86_400_000;

/** The refusal of a secret that did not match: it says so when the secret is the client's, expired. */
function refusal(presented: { secret: string; method: ClientAuthMethod }, entry: CacheEntry, now: number): OAuthError {
  if (entry.found !== MISSING && entry.found.client.clientAuthMethod === "private_key_jwt")
    return invalidClient(presented.method, "This app authenticates with private_key_jwt (a signed client_assertion), not a Client Secret.");
  const ended = expiredSecretEnd(presented.secret, entry.found === MISSING ? null : entry.found.secrets, now);
  return ended !== null
    ? invalidClient(
        presented.method,
        `The client secret expired on ${new Date(ended).toISOString()}. Rotate it on the app's page and use the new one.`,
      )
    : invalidClient(presented.method);
}

/** Which credentials the request presents, refusing two methods at once and malformed Basic headers. */
export function presentedCredentials(authorization: string | null, params: Params): PresentedCredentials {
  if (authorization) {
    const m = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(authorization);
    if (!m) throw invalidClient("header", "Use HTTP Basic authentication with the client ID and secret.");
    if (params.has("client_secret")) {
      throw new OAuthError(
        "invalid_request",
        "Use one client authentication method: either HTTP Basic or client_secret in the body, not both.",
      );
    }
    let decoded: string;
    let clientId: string;
    let secret: string;
    try {
      decoded = Buffer.from(m[1]!, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) throw new Error("no colon");
      clientId = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } catch {
      throw invalidClient("header", "The Basic credentials are malformed.");
    }
    if (!clientId || !secret) throw invalidClient("header");
    const bodyClientId = params.get("client_id");
    if (bodyClientId !== undefined && bodyClientId !== clientId) {
      throw new OAuthError("invalid_request", "client_id in the body differs from the authenticated client.");
    }
    return { clientId, secret, method: "client_secret_basic" };
  }
  const clientId = params.get("client_id");
  const secret = params.get("client_secret");
  if (clientId && !secret) return { clientId, secret: "", method: "none" };
  if (!clientId || !secret) {
    throw new OAuthError("invalid_client", "Authenticate the client with HTTP Basic or client_id and client_secret.", {
      status: 401,
      headers: basicChallenge,
    });
  }
  return { clientId, secret, method: "client_secret_post" };
}

/**
 * Authenticates the calling client or throws invalid_client (401). Does not check the app's status.
 * Known and unknown client ids take the same path: a cached lookup (negative for an unknown id), one
 * constant-time comparison against every live secret (a dummy digest when unknown), and after a
 * refusal one fresh read at most every RECHECK_AFTER_MS (a secret just made on another instance).
 * Answers at once (no promise) when the lookup is cached: the token endpoint's pipeline
 * (lib/oauth/client-endpoint.ts) stays synchronous then; it throws at once too.
 */
export function clientAuthentication(
  authorization: string | null,
  params: Params,
  endpointPath?: string,
): MaybePromise<AuthenticatedClient> {
  if (presentsClientAssertion(params)) return assertionAuthentication(authorization, params, endpointPath);
  const presented = presentedCredentials(authorization, params);
  const now = Date.now();
  if (presented.method === "none") {
    // A public client (Single-page, Native / mobile, Device or CLI) authenticates with client_id only
    // (token_endpoint_auth_method "none"); a confidential one must present its secret.
    return andThen(lookupEntry(presented.clientId, now, false), ({ found }) => {
      if (found === MISSING || found.client.clientType !== "public") {
        throw new OAuthError("invalid_client", "Authenticate the client with HTTP Basic or client_id and client_secret.", {
          status: 401,
          headers: basicChallenge,
        });
      }
      return asAuthenticated(found, "none");
    });
  }
  return andThen(lookupEntry(presented.clientId, now, false), (entry) => {
    const authenticated = bySecret(presented, entry, now);
    if (authenticated) return authenticated;
    if (entry.loadedAt === now || now - entry.loadedAt < RECHECK_AFTER_MS) throw refusal(presented, entry, now);
    return andThen(lookupEntry(presented.clientId, now, true), (fresh) => {
      const again = bySecret(presented, fresh, now);
      if (!again) throw refusal(presented, fresh, now);
      return again;
    });
  });
}

/**
 * The client authenticated by the secret it presented, or null: a secret of the looked-up client that is
 * live now. An app that authenticates with private_key_jwt has no secret: none is accepted, whatever is stored.
 */
function bySecret(presented: PresentedCredentials, entry: CacheEntry, now: number): AuthenticatedClient | null {
  const found = entry.found === MISSING || entry.found.client.clientAuthMethod === "private_key_jwt" ? null : entry.found;
  const secret = liveSecretMatching(presented.secret, found?.secrets ?? null, now);
  return secret && found ? asAuthenticated(found, presented.method, secret) : null;
}

/**
 * private_key_jwt (RFC 7523, lib/oauth/client-assertion.ts): the client named by the assertion's sub,
 * which must be registered for private_key_jwt, and its assertion verified with its keys. An unknown
 * client, or one that uses a secret, is refused like a wrong secret (invalid_client, 401).
 */
async function assertionAuthentication(authorization: string | null, params: Params, endpointPath?: string): Promise<AuthenticatedClient> {
  const { assertion, clientId } = presentedAssertion(authorization, params);
  const now = Date.now();
  let entry = await lookupEntry(clientId, now, false);
  // A client switched to private_key_jwt moments ago on another instance: read it again.
  if (entry.found !== MISSING && entry.found.client.clientAuthMethod !== "private_key_jwt" && now - entry.loadedAt >= RECHECK_AFTER_MS)
    entry = await lookupEntry(clientId, now, true);
  if (entry.found === MISSING || entry.found.client.clientAuthMethod !== "private_key_jwt")
    throw clientAssertionRefused("This client does not authenticate with private_key_jwt.");
  await verifyClientAssertion(assertion, entry.found.client, assertionAudiences(endpointPath), now);
  return asAuthenticated(entry.found, "private_key_jwt");
}

/** clientAuthentication() as a promise (the endpoints that await it: PAR, device authorization). */
export async function authenticateClient(
  authorization: string | null,
  params: Params,
  endpointPath?: string,
): Promise<AuthenticatedClient> {
  return clientAuthentication(authorization, params, endpointPath);
}

/** True when the app and its company may obtain tokens and call APIs. */
export function clientIsActive(client: Pick<OAuthClient, "status" | "companyStatus">): boolean {
  return client.status === "ACTIVE" && client.companyStatus === "ACTIVE";
}
