import "server-only";
// Client authentication: is this the secret of this client? THE source of truth for secret checks:
// `liveSecretMatching` (constant-time, every live secret compared, a dummy digest for an unknown client,
// expiry judged at every use), which the token service calls on its cached client lookups
// (lib/oauth/clients.ts clientAuthentication: the matched secret's digest goes on to the last-use note).
// `verifyClientSecret` is the uncached check against the database as it is now (tests and
// bench/apps-list.ts): one indexed query by clientId (App.clientId is unique) joined to the app's
// unrevoked secrets, then matchLiveSecret.
import { z } from "zod";
import { db, type DbOrTx } from "../db";
import { digest, safeEqual } from "../security/crypto";
import { GRANT_TYPES, type GrantType, parseGrantTypes } from "../validation/app-registration";
import { isWellFormedClientId, isWellFormedClientSecret } from "./credentials";

/** What the token service learns about an authenticated client: no secret, digest or ciphertext. */
export interface ClientApp {
  id: string;
  clientId: string;
  companyId: string;
  name: string;
  /** ACTIVE unless `includeInactive` was asked for. */
  status: "ACTIVE" | "INACTIVE" | "SUSPENDED";
  grantTypes: GrantType[];
  /** The registered Redirect URL (Authorization Code and Implicit apps), compared exactly. */
  redirectUri: string | null;
  createdById: string | null;
}

const clientAppSchema = z.object({
  id: z.string(),
  clientId: z.string(),
  companyId: z.string(),
  name: z.string(),
  status: z.enum(["ACTIVE", "INACTIVE", "SUSPENDED"]),
  grantTypes: z.array(z.enum(GRANT_TYPES)),
  redirectUri: z.string().nullable(),
  createdById: z.string().nullable(),
});

export interface VerifyClientOptions {
  /** The instant to judge secret expiry at (tests); default now. */
  now?: Date;
  /** Also answer for apps that are not ACTIVE or whose company is not ACTIVE (default false: null). */
  includeInactive?: boolean;
  client?: DbOrTx;
}

interface Row {
  id: string;
  clientId: string;
  companyId: string;
  name: string;
  status: string;
  grantTypes: unknown;
  redirectUri: string | null;
  createdById: string | null;
  companyStatus: string;
  digest: string | null;
  expiresAt: Date | string | number | null;
}

// Same work for an unknown client as for a known one.
let dummyDigest: string | undefined; // memo: derived once from the master key, same in every copy

/** A stored secret as the checks see it: its HMAC digest and when it stops working (ms, or null). */
export interface LiveSecret {
  digest: string;
  expiresAt: number | null;
}

/**
 * The one of `secrets` that `presented` is and that is still live at `now` (ms), or null. Every secret
 * is compared (no early exit) and an empty list is compared against a dummy digest, so the time taken
 * tells neither whether the client exists nor which secret matched. The one secret check of the console.
 */
export function liveSecretMatching(presented: string, secrets: readonly LiveSecret[] | null, now: number): LiveSecret | null {
  const presentedDigest = digest(presented, "secret-digest");
  if (!secrets || secrets.length === 0) {
    dummyDigest ??= digest("apcs_no-such-client", "secret-digest");
    safeEqual(presentedDigest, dummyDigest);
    return null;
  }
  let matched: LiveSecret | null = null;
  for (const s of secrets) {
    const match = safeEqual(presentedDigest, s.digest);
    if (match && (s.expiresAt === null || s.expiresAt > now)) matched = s;
  }
  return matched;
}

/** True when `presented` is one of `secrets` that is still live at `now` (ms): liveSecretMatching. */
export function matchLiveSecret(presented: string, secrets: readonly LiveSecret[] | null, now: number): boolean {
  return liveSecretMatching(presented, secrets, now) !== null;
}

function asDate(v: Date | string | number): Date {
  return v instanceof Date ? v : new Date(v);
}

function asJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/**
 * The app whose client id and secret these are, or null: unknown client, wrong, revoked or expired
 * secret (a rotated-out secret works until its ClientSecret.expiresAt), malformed input, or — unless
 * `includeInactive` — an app or company that is not ACTIVE. Never throws for bad input.
 */
export async function verifyClientSecret(
  clientId: string,
  presentedSecret: string,
  options: VerifyClientOptions = {},
): Promise<ClientApp | null> {
  if (typeof clientId !== "string" || typeof presentedSecret !== "string") return null;
  // The formats are public and the checksum needs no database: reject look-alikes cheaply.
  if (!isWellFormedClientId(clientId) || !isWellFormedClientSecret(presentedSecret)) return null;
  const now = options.now ?? new Date();
  const client = options.client ?? db();
  const rows = await client.$queryRaw<Row[]>`
    SELECT a."id", a."clientId", a."companyId", a."name", a."status", a."grantTypes", a."redirectUri",
           a."createdById", c."status" AS "companyStatus", s."digest", s."expiresAt"
    FROM "App" a
    JOIN "Company" c ON c."id" = a."companyId"
    LEFT JOIN "ClientSecret" s ON s."appId" = a."id" AND s."revokedAt" IS NULL
    WHERE a."clientId" = ${clientId}`;

  const live = rows
    .filter((r) => r.digest !== null)
    .map((r) => ({ digest: r.digest!, expiresAt: r.expiresAt === null ? null : asDate(r.expiresAt).getTime() }));
  const matched = matchLiveSecret(presentedSecret, live, now.getTime());
  const app = rows[0];
  if (!matched || !app) return null;
  if (!options.includeInactive && (app.status !== "ACTIVE" || app.companyStatus !== "ACTIVE")) return null;
  const parsed = clientAppSchema.safeParse({ ...app, grantTypes: parseGrantTypes(asJson(app.grantTypes)) });
  return parsed.success ? parsed.data : null;
}

/**
 * When `presented` is one of the client's secrets whose end has passed (the lookup keeps those of the
 * last 30 days), that end in ms; null otherwise. Asked only after a refusal, so the token service's
 * error_description can say why.
 */
export function expiredSecretEnd(presented: string, secrets: readonly LiveSecret[] | null, now: number): number | null {
  if (!secrets?.length) return null;
  const presentedDigest = digest(presented, "secret-digest");
  for (const s of secrets) if (s.expiresAt !== null && s.expiresAt <= now && safeEqual(presentedDigest, s.digest)) return s.expiresAt;
  return null;
}
