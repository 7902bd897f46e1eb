import "server-only";
// The Terms of Service: versioned rows (TermsVersion) and the Setting naming the current one
// (seeded by lib/apis/defaults.ts). An app records the version accepted at registration and when.
// A published version never changes, and a new one is rare: the current version and the list of
// versions are kept in memory for TERMS_CACHE_TTL_MS (every reader of /terms, Register and dynamic
// registration asks for them), so another instance's or the database's new current version is seen
// within that time; forgetTerms() drops them at once.
import { db, type DbOrTx } from "../db";
import { singleton } from "../runtime/singleton";

/** The setting that names the current Terms of Service version. */
export const CURRENT_TERMS_SETTING = "terms.current";

export const TERMS_CACHE_TTL_MS = 60_000;

export interface Terms {
  version: string;
  title: string;
  body: string;
  publishedAt: Date;
}

export interface TermsSummary {
  version: string;
  title: string;
  publishedAt: Date;
}

interface Kept<T> {
  value: T;
  /** Date.now() after which it is read again. */
  until: number;
}
const kept = singleton("terms.kept", () => ({ current: null as Kept<Terms> | null, versions: null as Kept<TermsSummary[]> | null }));

/** Drops the kept current version and list (after publishing a version; tests). */
export function forgetTerms(): void {
  kept.current = null;
  kept.versions = null;
}

async function readCurrentTerms(client: DbOrTx): Promise<Terms | null> {
  const setting = await client.setting.findUnique({ where: { key: CURRENT_TERMS_SETTING } });
  if (!setting) return null;
  return client.termsVersion.findUnique({ where: { version: setting.value } });
}

/**
 * The current version, or null when none is published (the first start publishes one). Kept in memory
 * when read through the console's client; a transaction's `client` reads the database.
 */
export async function currentTerms(client?: DbOrTx): Promise<Terms | null> {
  if (client) return readCurrentTerms(client);
  const now = Date.now();
  if (kept.current && now < kept.current.until) return kept.current.value;
  const current = await readCurrentTerms(db());
  // None published yet is not kept: the first start is about to publish one.
  if (current) kept.current = { value: current, until: now + TERMS_CACHE_TTL_MS };
  return current;
}

export async function termsVersion(version: string, client: DbOrTx = db()): Promise<Terms | null> {
  if (version.length > 100) return null;
  return client.termsVersion.findUnique({ where: { version } });
}

/** The last 50 versions, newest first (kept in memory like the current one). */
export async function listTermsVersions(): Promise<TermsSummary[]> {
  const now = Date.now();
  if (kept.versions && now < kept.versions.until) return kept.versions.value;
  const versions = await db().termsVersion.findMany({
    select: { version: true, title: true, publishedAt: true },
    orderBy: { publishedAt: "desc" },
    take: 50,
  });
  if (versions.length) kept.versions = { value: versions, until: now + TERMS_CACHE_TTL_MS };
  return versions;
}
