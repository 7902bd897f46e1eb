import "server-only";
// DPoP (RFC 9449): a client proves possession of a key with a signed proof JWT in the DPoP header.
// At the token endpoint a valid proof binds the access token to the key (cnf.jkt, token_type DPoP);
// an API then needs the token with the DPoP scheme and a fresh proof for that request signed by the
// same key (htm, htu, iat within ±60 s, ath = hash of the token). Each proof's jti is accepted once:
// kept in a short cache — Redis when REDIS_URL is set (shared by every instance), this process's
// memory otherwise.
import { createHash } from "node:crypto";
import { Redis } from "ioredis";
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, type JWK, jwtVerify } from "jose";
import { env } from "../env";
import { singleton } from "../runtime/singleton";

export const DPOP_ALGS = ["ES256", "ES384", "RS256", "PS256", "EdDSA"] as const;
/** How far a proof's iat may be from now (seconds). */
export const DPOP_IAT_WINDOW_SECONDS = 60;
const JTI_TTL_SECONDS = 2 * DPOP_IAT_WINDOW_SECONDS + 10;

/** A verified DPoP proof's binding: the JWK thumbprint (RFC 7638) of its key. */
export interface DpopBinding {
  jkt: string;
}

/**
 * RFC 9449 5: a refresh token issued to a PUBLIC client with a DPoP proof is bound to that proof's key
 * (the thumbprint is stored with it and kept through rotation); refreshing then needs a proof signed by
 * the same key. A confidential client's refresh token is bound to its client authentication instead, so
 * it is not bound to a key (the client may change keys between refreshes). Null: not bound.
 */
export function refreshBinding(client: { clientType: string }, dpop: DpopBinding | undefined): string | null {
  return client.clientType === "public" && dpop ? dpop.jkt : null;
}

export class InvalidDpopProof extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidDpopProof";
  }
}

// ---- jti replay cache ----------------------------------------------------------------------------
interface JtiStore {
  /** True when the jti was not seen before (and is now remembered). */
  remember(key: string, ttlSeconds: number): Promise<boolean>;
}

class MemoryJtiStore implements JtiStore {
  private readonly seen = new Map<string, number>();
  async remember(key: string, ttlSeconds: number): Promise<boolean> {
    const now = Date.now();
    if (this.seen.size > 50_000) for (const [k, until] of this.seen) if (until <= now) this.seen.delete(k);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, now + ttlSeconds * 1000);
    return true;
  }
}

class RedisJtiStore implements JtiStore {
  constructor(private readonly redis: Redis) {}
  async remember(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(`dpop:jti:${key}`, "1", "EX", ttlSeconds, "NX")) === "OK";
  }
}

const holder = singleton("oauth.dpop", () => ({}) as { __dpopJtiStore?: JtiStore });
function jtiStore(): JtiStore {
  if (!holder.__dpopJtiStore) {
    const url = env().redisUrl;
    holder.__dpopJtiStore = url
      ? new RedisJtiStore(new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: true, lazyConnect: false }))
      : new MemoryJtiStore();
  }
  return holder.__dpopJtiStore;
}

/** For tests: use this store (e.g. a Redis one) instead. */
export function useJtiStoreForTests(redisUrl: string | null): void {
  holder.__dpopJtiStore = redisUrl ? new RedisJtiStore(new Redis(redisUrl, { maxRetriesPerRequest: 1 })) : new MemoryJtiStore();
}

/** The htu of a request: the URL without query and fragment (RFC 9449 4.3). */
export function htuOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

export function accessTokenHash(token: string): string {
  return createHash("sha256").update(token, "ascii").digest("base64url");
}

/** Verifies a DPoP proof for this request; returns the key's thumbprint, or throws InvalidDpopProof. */
export async function verifyDpopProof(
  proof: string,
  expected: { method: string; url: string; accessToken?: string; jkt?: string },
  nowMs = Date.now(),
): Promise<DpopBinding> {
  if (proof.length > 8192 || proof.split(".").length !== 3 || proof.includes(","))
    throw new InvalidDpopProof("The DPoP proof is malformed.");
  let header;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new InvalidDpopProof("The DPoP proof is malformed.");
  }
  if (header.typ !== "dpop+jwt") throw new InvalidDpopProof("The DPoP proof must have typ dpop+jwt.");
  if (!header.alg || !(DPOP_ALGS as readonly string[]).includes(header.alg))
    throw new InvalidDpopProof("The DPoP proof's algorithm is not supported.");
  const jwk = header.jwk as JWK | undefined;
  if (!jwk || typeof jwk !== "object" || "d" in jwk || "k" in jwk)
    throw new InvalidDpopProof("The DPoP proof must carry its public key (jwk).");
  let payload;
  try {
    const key = await importJWK(jwk, header.alg);
    ({ payload } = await jwtVerify(proof, key, { typ: "dpop+jwt", algorithms: [header.alg], currentDate: new Date(nowMs) }));
  } catch {
    throw new InvalidDpopProof("The DPoP proof's signature is invalid.");
  }
  if (payload.htm !== expected.method) throw new InvalidDpopProof("The DPoP proof is for another HTTP method (htm).");
  let htu: string;
  try {
    htu = htuOf(String(payload.htu));
  } catch {
    throw new InvalidDpopProof("The DPoP proof's htu is not a URL.");
  }
  if (htu !== htuOf(expected.url)) throw new InvalidDpopProof("The DPoP proof is for another URL (htu).");
  if (typeof payload.iat !== "number" || Math.abs(payload.iat - nowMs / 1000) > DPOP_IAT_WINDOW_SECONDS) {
    throw new InvalidDpopProof("The DPoP proof is too old or from the future (iat).");
  }
  if (typeof payload.jti !== "string" || payload.jti.length < 8 || payload.jti.length > 256)
    throw new InvalidDpopProof("The DPoP proof needs a jti.");
  if (expected.accessToken !== undefined && payload.ath !== accessTokenHash(expected.accessToken)) {
    throw new InvalidDpopProof("The DPoP proof is not for this access token (ath).");
  }
  const jkt = await calculateJwkThumbprint(jwk, "sha256");
  if (expected.jkt !== undefined && jkt !== expected.jkt)
    throw new InvalidDpopProof("The DPoP proof is signed by another key than the token is bound to.");
  if (!(await jtiStore().remember(`${jkt}:${payload.jti}`, JTI_TTL_SECONDS)))
    throw new InvalidDpopProof("The DPoP proof was already used (jti).");
  return { jkt };
}
