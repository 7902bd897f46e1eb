import "server-only";
// The Terms of Service: versioned rows (TermsVersion) and the Setting naming the current one
// (seeded by lib/apis/defaults.ts). An app records the version accepted at registration and when.
import { db, type DbOrTx } from "../db";

/** The setting that names the current Terms of Service version. */
export const CURRENT_TERMS_SETTING = "terms.current";

export interface Terms {
  version: string;
  title: string;
  body: string;
  publishedAt: Date;
}

/** The current version, or null when none is published (the first start publishes one). */
export async function currentTerms(client: DbOrTx = db()): Promise<Terms | null> {
  const setting = await client.setting.findUnique({ where: { key: CURRENT_TERMS_SETTING } });
  if (!setting) return null;
  return client.termsVersion.findUnique({ where: { version: setting.value } });
}

export async function termsVersion(version: string, client: DbOrTx = db()): Promise<Terms | null> {
  if (version.length > 100) return null;
  return client.termsVersion.findUnique({ where: { version } });
}

export async function listTermsVersions(client: DbOrTx = db()): Promise<{ version: string; title: string; publishedAt: Date }[]> {
  return client.termsVersion.findMany({
    select: { version: true, title: true, publishedAt: true },
    orderBy: { publishedAt: "desc" },
    take: 50,
  });
}
