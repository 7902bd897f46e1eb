import "server-only";
// The public keys of an app that authenticates with private_key_jwt (RFC 7523): the JWK Set pasted on
// its Settings tab (or registered as `jwks`), or the one it publishes at its JWKS URL. A JWKS URL is
// fetched under the webhook URL rules (lib/webhooks/url-safety.ts: https only, no private, loopback or
// link-local address after DNS resolution, redirects not followed) with a timeout and a size cap.
// jose's remote key set keeps the keys for 10 minutes and fetches again at once when an assertion names
// a kid it does not hold, at most every 30 s (its cool-down).
import http from "node:http";
import https from "node:https";
import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { z } from "zod";
import { lruCache } from "../cache";
import { checkWebhookUrl, safeLookup } from "../webhooks/url-safety";

export const JWKS_FETCH_TIMEOUT_MS = 5_000;
export const JWKS_MAX_BYTES = 64 * 1024;
/** How long fetched keys are used before they are fetched again. */
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
/** An unknown kid fetches the set again, but not more often than this. */
export const JWKS_COOLDOWN_MS = 30_000;

const jwkSchema = z.looseObject({ kty: z.string().min(1), kid: z.string().optional(), use: z.string().optional() });
/** A JWK Set of public keys: at least one key, at most 20, and no private members. */
export const publicJwksSchema = z
  .object({ keys: z.array(jwkSchema).min(1, "The JWK Set has no keys.").max(20, "At most 20 keys.") })
  .refine((set) => set.keys.every((k) => !("d" in k) && !("p" in k) && !("k" in k)), {
    message: "Paste the public keys only: the set contains private key material.",
  });

/** Parses a pasted or registered JWK Set; returns the set, or a message saying what is wrong. */
export function parsePublicJwks(value: unknown): { jwks: JSONWebKeySet } | { error: string } {
  let json = value;
  if (typeof value === "string") {
    try {
      json = JSON.parse(value);
    } catch {
      return { error: 'Paste a JSON Web Key Set: {"keys":[…]}.' };
    }
  }
  const parsed = publicJwksSchema.safeParse(json);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Not a JSON Web Key Set." };
  try {
    createLocalJWKSet(parsed.data as JSONWebKeySet);
  } catch {
    return { error: "Not a JSON Web Key Set." };
  }
  return { jwks: parsed.data as JSONWebKeySet };
}

/** A GET under the webhook URL rules, as jose's remote key set asks for it (redirects are answers, never followed). */
function safeFetch(url: string, options: { headers: Headers; signal: AbortSignal }): Promise<Response> {
  const checked = checkWebhookUrl(url);
  if ("error" in checked) return Promise.reject(new Error(checked.error));
  const target = checked.url;
  return new Promise((resolve, reject) => {
    const request = (target.protocol === "https:" ? https : http).request(target, {
      method: "GET",
      headers: { accept: "application/jwk-set+json, application/json" },
      lookup: safeLookup() as never,
      agent: false,
      timeout: JWKS_FETCH_TIMEOUT_MS,
      signal: options.signal,
    });
    request.on("timeout", () => request.destroy(new Error("The JWKS URL did not answer in time.")));
    request.on("error", reject);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > JWKS_MAX_BYTES) {
          request.destroy(new Error(`The JWK Set is larger than ${JWKS_MAX_BYTES} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () =>
        resolve(
          new Response(Buffer.concat(chunks), { status: response.statusCode ?? 502, headers: { "content-type": "application/json" } }),
        ),
      );
      response.on("error", reject);
    });
    request.end();
  });
}

// memo: one remote key set per JWKS URL (jose keeps the fetched keys, their age and the cool-down in it).
const remoteSets = lruCache<string, JWTVerifyGetKey>("oauth.client-jwks.remote", 1_000);
// memo: the parsed key set of a pasted JWKS, by its text (an app's keys change only through Settings).
const localSets = lruCache<string, JWTVerifyGetKey>("oauth.client-jwks.local", 1_000);

/** The key set that verifies an app's client assertions, or null when it has none. */
export function clientKeySet(keys: { jwks: string | null; jwksUri: string | null }): JWTVerifyGetKey | null {
  if (keys.jwksUri) {
    let set = remoteSets.get(keys.jwksUri);
    if (!set) {
      set = createRemoteJWKSet(new URL(keys.jwksUri), {
        timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
        cooldownDuration: JWKS_COOLDOWN_MS,
        cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
        [customFetch]: safeFetch,
      });
      remoteSets.set(keys.jwksUri, set);
    }
    return set;
  }
  if (keys.jwks) {
    let set = localSets.get(keys.jwks);
    if (!set) {
      const parsed = parsePublicJwks(keys.jwks);
      if ("error" in parsed) return null;
      set = createLocalJWKSet(parsed.jwks);
      localSets.set(keys.jwks, set);
    }
    return set;
  }
  return null;
}

/** Forgets the fetched keys of every JWKS URL (tests). */
export function forgetClientKeySets(): void {
  remoteSets.clear();
  localSets.clear();
}
