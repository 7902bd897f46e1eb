import "server-only";
// Single-use tokens mailed to a person: verify an address (24 h) or reset a password (30 min). Only a
// digest is stored (HMAC under the master key); using one marks it used in the same statement that
// checks it is unused and unexpired, so two clicks cannot both succeed.
import type { DbOrTx } from "../db";
import { newId, randomBase62 } from "../ids";
import { tokenDigest } from "../security/crypto";

export type AccountTokenKind = "VERIFY_EMAIL" | "RESET_PASSWORD";

export const TOKEN_TTL_MS: Record<AccountTokenKind, number> = {
  VERIFY_EMAIL: 24 * 60 * 60 * 1000,
  RESET_PASSWORD: 30 * 60 * 1000,
};

const PREFIX: Record<AccountTokenKind, string> = { VERIFY_EMAIL: "apv_", RESET_PASSWORD: "apr_" };

export { tokenDigest };

/** Creates a token for the user (and address); returns the value to put in the mailed link. */
export async function issueAccountToken(
  tx: DbOrTx,
  userId: string,
  kind: AccountTokenKind,
  email: string,
  now = new Date(),
): Promise<string> {
  const value = PREFIX[kind] + randomBase62(32);
  await tx.accountToken.create({
    data: {
      id: newId("accountToken"),
      userId,
      kind,
      email,
      digest: tokenDigest(value),
      expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[kind]),
    },
  });
  return value;
}

/**
 * Uses a token: returns its row when it exists, is of this kind, unused and unexpired, and marks it
 * used; null otherwise (one answer for unknown, used and expired tokens).
 */
export async function consumeAccountToken(
  tx: DbOrTx,
  value: unknown,
  kind: AccountTokenKind,
  now = new Date(),
): Promise<{ userId: string; email: string } | null> {
  if (typeof value !== "string" || value.length > 100 || !value.startsWith(PREFIX[kind])) return null;
  const d = tokenDigest(value);
  const claimed = await tx.accountToken.updateMany({
    where: { digest: d, kind, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const row = await tx.accountToken.findUnique({ where: { digest: d }, select: { userId: true, email: true } });
  return row;
}

/** Whether a token is usable now, without using it (to show the reset form or an error first). */
export async function peekAccountToken(tx: DbOrTx, value: unknown, kind: AccountTokenKind, now = new Date()): Promise<boolean> {
  if (typeof value !== "string" || value.length > 100 || !value.startsWith(PREFIX[kind])) return false;
  const row = await tx.accountToken.findUnique({
    where: { digest: tokenDigest(value) },
    select: { kind: true, usedAt: true, expiresAt: true },
  });
  return Boolean(row && row.kind === kind && !row.usedAt && row.expiresAt > now);
}
