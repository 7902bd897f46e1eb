import "server-only";
// private_key_jwt client authentication (RFC 7523 section 2.2, OpenID Connect Core 9): the client sends
// client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer and client_assertion, a
// JWT it signed with one of its keys (lib/oauth/client-jwks.ts). Checked here:
//   alg            ES256, PS256, RS256 or EdDSA
//   iss = sub      the client id
//   aud            the issuer, the token endpoint or the endpoint called
//   exp            present, and at most 5 minutes ahead (30 s clock skew allowed)
//   jti            present and accepted once: Redis (SET NX EX) when REDIS_URL is set, else a row of
//                  ClientAssertionJti (its primary key refuses a second one on every instance sharing the
//                  database); the row goes when the housekeeping job finds it expired
// Every refusal is invalid_client (401) for the client endpoint to answer.
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import { db, isUniqueViolation } from "../db";
import { env } from "../env";
import { singleton } from "../runtime/singleton";
import { clientKeySet } from "./client-jwks";
import { ENDPOINTS, issuer } from "./config";
import { OAuthError } from "./errors";
import type { Params } from "./params";

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** The signature algorithms accepted for client assertions (listed in the metadata). */
export const CLIENT_ASSERTION_ALGS = ["ES256", "PS256", "RS256", "EdDSA"] as const;
/** An assertion may not live longer than this (its exp at most this far ahead). */
export const CLIENT_ASSERTION_MAX_LIFETIME_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 30;
const MAX_ASSERTION_LENGTH = 8_192;

export function clientAssertionRefused(description: string): OAuthError {
  return new OAuthError("invalid_client", description, { status: 401 });
}

/** True when the request presents a client assertion (either of its two parameters). */
export function presentsClientAssertion(params: Params): boolean {
  return params.has("client_assertion") || params.has("client_assertion_type");
}

/** The assertion and the client id it names (unverified: which client's keys to use). */
export function presentedAssertion(authorization: string | null, params: Params): { assertion: string; clientId: string } {
  if (authorization)
    throw new OAuthError("invalid_request", "Use one client authentication method: HTTP Basic or client_assertion, not both.");
  if (params.has("client_secret"))
    throw new OAuthError("invalid_request", "Use one client authentication method: client_secret or client_assertion, not both.");
  if (params.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE)
    throw clientAssertionRefused(`client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
  const assertion = params.get("client_assertion") ?? "";
  if (!assertion || assertion.length > MAX_ASSERTION_LENGTH) throw clientAssertionRefused("client_assertion is missing or too long.");
  const clientId = assertionSubject(assertion);
  if (!clientId) throw clientAssertionRefused("client_assertion is not a JWT with iss and sub (the client ID).");
  const named = params.get("client_id");
  if (named !== undefined && named !== clientId) throw clientAssertionRefused("client_id differs from the assertion's sub.");
  return { assertion, clientId };
}

/** The client id an assertion names (its sub), unverified; null when it is not a JWT. */
export function assertionSubject(assertion: string): string | null {
  try {
    const { sub } = decodeJwt(assertion);
    return typeof sub === "string" && sub.length > 0 && sub.length <= 200 ? sub : null;
  } catch {
    return null;
  }
}

/** The audiences an assertion sent to this endpoint may name: the issuer, the token endpoint, the endpoint itself. */
export function assertionAudiences(endpointPath: string | undefined): string[] {
  const base = issuer();
  return [...new Set([base, base + ENDPOINTS.token, ...(endpointPath ? [base + endpointPath] : [])])];
}

export interface AssertionKeys {
  clientId: string;
  jwks: string | null;
  jwksUri: string | null;
}

/** Verifies a client assertion for this client; throws invalid_client (401) when anything is wrong. */
export async function verifyClientAssertion(
  assertion: string,
  client: AssertionKeys,
  audiences: string[],
  now = Date.now(),
): Promise<void> {
  const keys = clientKeySet(client);
  if (!keys) throw clientAssertionRefused("The app has no keys to verify the client assertion with.");
  const nowSeconds = Math.floor(now / 1000);
  let payload: Awaited<ReturnType<typeof jwtVerify>>["payload"];
  try {
    ({ payload } = await jwtVerify(assertion, keys, {
      algorithms: [...CLIENT_ASSERTION_ALGS],
      issuer: client.clientId,
      subject: client.clientId,
      audience: audiences,
      requiredClaims: ["exp", "jti"],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(now),
    }));
  } catch (error) {
    throw clientAssertionRefused(assertionFailure(error));
  }
  if (payload.exp! > nowSeconds + CLIENT_ASSERTION_MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS)
    throw clientAssertionRefused(`The client assertion's exp is more than ${CLIENT_ASSERTION_MAX_LIFETIME_SECONDS / 60} minutes ahead.`);
  if (typeof payload.jti !== "string" || payload.jti.length < 8 || payload.jti.length > 256)
    throw clientAssertionRefused("The client assertion needs a jti of 8 to 256 characters.");
  const key = createHash("sha256").update(`${client.clientId}\u0000${payload.jti}`).digest("hex");
  const expiresAt = (payload.exp! + CLOCK_SKEW_SECONDS) * 1000;
  if (!(await rememberJti(key, expiresAt, now))) throw clientAssertionRefused("The client assertion was already used (jti).");
}

function assertionFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "The client assertion expired.";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "The client assertion's aud must be the issuer or the endpoint's URL.";
    if (error.claim === "iss" || error.claim === "sub") return "The client assertion's iss and sub must be the client ID.";
    return `The client assertion's ${error.claim} claim is missing or not valid.`;
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "No key of the app matches the client assertion's kid.";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return `Sign the client assertion with ${CLIENT_ASSERTION_ALGS.join(", ")}.`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "The client assertion's signature is not valid.";
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid || error instanceof joseErrors.JOSEError)
    return "The client assertion could not be verified with the app's keys.";
  return "The app's keys could not be fetched from its JWKS URL.";
}

// ---- single use -----------------------------------------------------------------------------------
const redisHolder = singleton("oauth.client-assertion", () => ({}) as { redis?: Redis | null });

function redisClient(): Redis | null {
  if (redisHolder.redis === undefined) {
    const url = env().redisUrl;
    redisHolder.redis = url ? new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false }) : null;
  }
  return redisHolder.redis;
}

/** For tests: remember jtis in this Redis (null: in the database). */
export function useAssertionJtiRedisForTests(redisUrl: string | null): void {
  redisHolder.redis?.disconnect();
  redisHolder.redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1 }) : null;
}

/** True when the jti was not seen before (and is now remembered until `expiresAt`). */
async function rememberJti(key: string, expiresAt: number, now: number): Promise<boolean> {
  const redis = redisClient();
  if (redis) {
    const ttl = Math.max(1, Math.ceil((expiresAt - now) / 1000));
    return (await redis.set(`client-assertion:jti:${key}`, "1", "EX", ttl, "NX")) === "OK";
  }
  try {
    await db().clientAssertionJti.create({ data: { key, expiresAt: new Date(expiresAt) } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Deletes remembered jtis whose assertion has expired (the housekeeping job). */
export async function pruneClientAssertionJtis(now: Date): Promise<number> {
  return (await db().clientAssertionJti.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
