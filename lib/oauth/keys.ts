import "server-only";
// Access-token signing keys (ES256). The private JWK is stored encrypted (AES-256-GCM, purpose
// "signing-key-encryption", bound to its kid). NEXT is published at the JWKS endpoint (and accepted)
// before it signs, so verifiers that cache the JWKS know it in advance; ACTIVE signs; RETIRING no
// longer signs but is still published and accepted until every token it signed has expired; then
// RETIRED. rotateSigningKeysIfDue (run by the housekeeping job) moves keys along every 90 days.
// Keys are cached in memory and re-read every KEY_REFRESH_MS, or at once when a token names an unknown kid.
import { createPrivateKey, type KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { db } from "../db";
import { newId } from "../ids";
import type { MaybePromise } from "../runtime/maybe-sync";
import { singleton } from "../runtime/singleton";
import { decrypt, encrypt } from "../security/crypto";
import { RETIRING_KEY_GRACE_SECONDS, SIGNING_ALG } from "./config";

const KEY_REFRESH_MS = 60_000;
const UNKNOWN_KID_REFRESH_MS = 5_000;

export interface PublicJwk extends JWK {
  kid: string;
  alg: string;
  use: "sig";
}

interface KeySet {
  signer: { kid: string; key: KeyObject } | null;
  published: PublicJwk[];
  verifiers: Map<string, CryptoKey>;
  loadedAt: number;
}

const holder = singleton(
  "oauth.keys",
  () => ({}) as { __oauthKeys?: KeySet; __oauthKeysLoading?: Promise<KeySet>; __oauthKeysUnknownKidAt?: number },
);

function aad(kid: string): string {
  return `signing-key:${kid}`;
}

/** Creates a new key, ACTIVE unless told (does not retire others). */
async function createKey(client = db(), status: "ACTIVE" | "NEXT" = "ACTIVE", createdAt = new Date()): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = newId("key");
  const pub = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const priv = { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG };
  await client.signingKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      publicJwk: JSON.stringify(pub),
      privateJwkEnc: encrypt(JSON.stringify(priv), "signing-key-encryption", aad(kid)),
      status,
      createdAt,
    },
  });
  return kid;
}

function stillPublished(row: { status: string; retiredAt: Date | null }, now: number): boolean {
  if (row.status === "ACTIVE" || row.status === "NEXT") return true;
  if (row.status !== "RETIRING") return false;
  return !row.retiredAt || row.retiredAt.getTime() + RETIRING_KEY_GRACE_SECONDS * 1000 > now;
}

async function load(): Promise<KeySet> {
  const now = Date.now();
  const statuses = ["NEXT", "ACTIVE", "RETIRING"];
  let rows = await db().signingKey.findMany({ where: { status: { in: statuses } }, orderBy: { createdAt: "desc" } });
  if (!rows.some((r) => r.status === "ACTIVE")) {
    await createKey();
    rows = await db().signingKey.findMany({ where: { status: { in: statuses } }, orderBy: { createdAt: "desc" } });
  }
  const live = rows.filter((r) => stillPublished(r, now));
  const published: PublicJwk[] = live.map((r) => JSON.parse(r.publicJwk) as PublicJwk);
  const verifiers = new Map<string, CryptoKey>();
  for (const jwk of published) verifiers.set(jwk.kid, (await importJWK(jwk, jwk.alg)) as CryptoKey);
  // Several ACTIVE keys can exist (two instances creating the first key at once): the oldest signs, so
  // every instance that sees both picks the same one (found by bench/load.ts: with "newest signs" each
  // instance kept signing with its own key). A rotation leaves a single ACTIVE key.
  const active = [...live].reverse().find((r) => r.status === "ACTIVE");
  let signer: KeySet["signer"] = null;
  if (active) {
    const priv = JSON.parse(decrypt(active.privateJwkEnc, "signing-key-encryption", aad(active.kid))) as JWK;
    // A KeyObject signs faster through jose than a WebCrypto CryptoKey.
    signer = { kid: active.kid, key: createPrivateKey({ key: priv as never, format: "jwk" }) };
  }
  return { signer, published, verifiers, loadedAt: now };
}

async function keySet(force = false): Promise<KeySet> {
  const current = holder.__oauthKeys;
  if (!force && current && Date.now() - current.loadedAt < KEY_REFRESH_MS) return current;
  holder.__oauthKeysLoading ??= load()
    .then((set) => {
      holder.__oauthKeys = set;
      return set;
    })
    .finally(() => {
      holder.__oauthKeysLoading = undefined;
    });
  // While a refresh runs, keep serving from the keys we have (a failed refresh is retried next time).
  if (current && !force) {
    holder.__oauthKeysLoading.catch(() => {});
    return current;
  }
  return holder.__oauthKeysLoading;
}

/** The signing key when the cache is fresh (no await on the hot path), else null. */
function cachedSigningKey(): { kid: string; key: KeyObject } | null {
  const set = holder.__oauthKeys;
  return set?.signer && Date.now() - set.loadedAt < KEY_REFRESH_MS ? set.signer : null;
}

/** The key that signs new access tokens: at once (no promise) while the cached keys are fresh. */
export function signingKey(): MaybePromise<{ kid: string; key: KeyObject }> {
  return cachedSigningKey() ?? loadSigningKey();
}

async function loadSigningKey(): Promise<{ kid: string; key: KeyObject }> {
  const set = await keySet();
  if (set.signer) return set.signer;
  const again = await keySet(true);
  if (!again.signer) throw new Error("No active signing key");
  return again.signer;
}

/** The public key for a kid, re-reading the keys (at most every few seconds) when it is unknown. */
export async function verificationKey(kid: string | undefined): Promise<CryptoKey | null> {
  if (!kid) return null;
  const set = await keySet();
  const key = set.verifiers.get(kid);
  if (key) return key;
  // An unknown kid re-reads the keys at most once per UNKNOWN_KID_REFRESH_MS (counted from the last such
  // re-read, not from the last load: another instance may have created its key just after ours loaded).
  const now = Date.now();
  if (now - (holder.__oauthKeysUnknownKidAt ?? 0) < UNKNOWN_KID_REFRESH_MS) {
    // A re-read is under way: wait for it rather than refusing tokens it is about to make known.
    const loading = holder.__oauthKeysLoading;
    return loading ? ((await loading.catch(() => set)).verifiers.get(kid) ?? null) : null;
  }
  holder.__oauthKeysUnknownKidAt = now;
  return (await keySet(true)).verifiers.get(kid) ?? null;
}

/** The JWK Set published at the JWKS endpoint: ACTIVE and RETIRING public keys. */
export async function publishedJwks(): Promise<{ keys: PublicJwk[] }> {
  return { keys: (await keySet()).published };
}

/** Forgets the cached keys (tests; after a rotation done by this process). */
export function resetKeyCache(): void {
  holder.__oauthKeys = undefined;
}

/**
 * Rotates the signing key: a new key becomes ACTIVE, the ACTIVE one(s) become RETIRING (still published
 * and accepted until their tokens have expired), and RETIRING keys past that grace become RETIRED.
 * Other instances pick the new key up within a minute; until then they sign with the old key, which
 * stays valid. Returns the new kid.
 */
export async function rotateSigningKey(now = new Date()): Promise<{ kid: string; retired: string[] }> {
  const kid = await db().$transaction(async (tx) => {
    const cutoff = new Date(now.getTime() - RETIRING_KEY_GRACE_SECONDS * 1000);
    await tx.signingKey.updateMany({ where: { status: "RETIRING", retiredAt: { lt: cutoff } }, data: { status: "RETIRED" } });
    const active = await tx.signingKey.findMany({ where: { status: "ACTIVE" }, select: { kid: true } });
    await tx.signingKey.updateMany({ where: { status: "ACTIVE" }, data: { status: "RETIRING", retiredAt: now } });
    const created = await createKey(tx as never);
    return { kid: created, retired: active.map((a) => a.kid) };
  });
  resetKeyCache();
  return kid;
}

/** How often the signing key changes, and how long before it signs a new key is published. */
export const KEY_ROTATION_DAYS = 90;
export const KEY_PUBLISH_AHEAD_HOURS = 24;
const DAY_MS = 86_400_000;

export interface KeyRotationStep {
  published: string | null;
  activated: string | null;
  retiring: string[];
  retired: number;
}

/**
 * The scheduled rotation (lib/jobs): RETIRING keys whose tokens have all expired become RETIRED; a NEXT
 * key published at least KEY_PUBLISH_AHEAD_HOURS ago starts signing (the ACTIVE one becomes RETIRING);
 * otherwise, when the ACTIVE key is due within KEY_PUBLISH_AHEAD_HOURS (KEY_ROTATION_DAYS after it was
 * created), a NEXT key is created and published. Idempotent: the job may run often. `now` may be moved
 * by tests. Other instances pick the changes up within a minute (the key cache's refresh).
 */
export async function rotateSigningKeysIfDue(now = new Date()): Promise<KeyRotationStep> {
  const step = await db().$transaction(async (tx) => {
    const cutoff = new Date(now.getTime() - RETIRING_KEY_GRACE_SECONDS * 1000);
    const retired = await tx.signingKey.updateMany({
      where: { status: "RETIRING", retiredAt: { lt: cutoff } },
      data: { status: "RETIRED" },
    });
    const out: KeyRotationStep = { published: null, activated: null, retiring: [], retired: retired.count };
    const next = await tx.signingKey.findFirst({ where: { status: "NEXT" }, orderBy: { createdAt: "asc" } });
    const active = await tx.signingKey.findMany({ where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } });
    if (next) {
      if (next.createdAt.getTime() + KEY_PUBLISH_AHEAD_HOURS * 3_600_000 <= now.getTime()) {
        await tx.signingKey.updateMany({ where: { status: "ACTIVE" }, data: { status: "RETIRING", retiredAt: now } });
        await tx.signingKey.update({ where: { kid: next.kid }, data: { status: "ACTIVE" } });
        out.activated = next.kid;
        out.retiring = active.map((a) => a.kid);
      }
      return out;
    }
    const oldest = active[0];
    const dueAt = oldest ? oldest.createdAt.getTime() + KEY_ROTATION_DAYS * DAY_MS : 0;
    if (oldest && dueAt - KEY_PUBLISH_AHEAD_HOURS * 3_600_000 <= now.getTime()) {
      out.published = await createKey(tx as never, "NEXT", now);
    }
    return out;
  });
  if (step.published || step.activated || step.retired) resetKeyCache();
  return step;
}
