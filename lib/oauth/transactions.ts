import "server-only";
// Authorization transactions: a validated authorization request kept on the server, so
// what a person allows is exactly what the consent page showed. The Allow/Deny decision names the
// transaction by its id; the request is never parsed again from a query string. Two kinds:
//   - "par": pushed by the client to /oauth2/par (RFC 9126), referred to by request_uri, 60 s;
//   - "consent": created when the authorization endpoint accepted a request, 10 min, bound to the
//     person the consent page was shown to.
// Both are single use: consuming is a conditional update (consumedAt null → now), so of two
// decisions on one transaction only one wins.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "../db";

export const PAR_TTL_SECONDS = 60;
export const CONSENT_TTL_SECONDS = 600;
export const REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";

/** What a validated authorization request is made of (without the client, which is read fresh). */
export const storedRequestSchema = z.object({
  clientId: z.string(),
  responseType: z.enum(["code", "token"]),
  redirectUri: z.string(),
  redirectUriGiven: z.boolean(),
  scope: z.array(z.string()),
  state: z.string().optional(),
  codeChallenge: z.string().optional(),
  nonce: z.string().optional(),
  prompt: z.array(z.enum(["none", "login", "consent"])).default([]),
  maxAge: z.number().int().nonnegative().optional(),
  resource: z.array(z.string()).default([]),
});
export type StoredRequest = z.infer<typeof storedRequestSchema>;

export interface Transaction {
  id: string;
  kind: "par" | "consent";
  appId: string;
  request: StoredRequest;
  userId: string | null;
  expiresAt: Date;
  createdAt: Date;
}

function newTransactionId(): string {
  return randomBytes(24).toString("base64url");
}

export async function createTransaction(
  kind: "par" | "consent",
  appId: string,
  request: StoredRequest,
  now = new Date(),
): Promise<Transaction> {
  const ttl = kind === "par" ? PAR_TTL_SECONDS : CONSENT_TTL_SECONDS;
  const row = await db().authorizationTransaction.create({
    data: { id: newTransactionId(), kind, appId, request, expiresAt: new Date(now.getTime() + ttl * 1000), createdAt: now },
  });
  return { id: row.id, kind, appId, request, userId: null, expiresAt: row.expiresAt, createdAt: row.createdAt };
}

/** A live (not consumed, not expired) transaction of this kind, or null. */
export async function findTransaction(kind: "par" | "consent", id: string, now = new Date()): Promise<Transaction | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  const row = await db().authorizationTransaction.findUnique({ where: { id } });
  if (!row || row.kind !== kind || row.consumedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  const request = storedRequestSchema.safeParse(row.request);
  if (!request.success) return null;
  return {
    id: row.id,
    kind,
    appId: row.appId,
    request: request.data,
    userId: row.userId,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

/** Marks the transaction used; false when another use won (or it expired meanwhile). */
export async function consumeTransaction(id: string, now = new Date()): Promise<boolean> {
  const { count } = await db().authorizationTransaction.updateMany({
    where: { id, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  return count === 1;
}

/** The consent page was shown to this person: only they may decide it. */
export async function bindTransaction(id: string, userId: string): Promise<boolean> {
  const { count } = await db().authorizationTransaction.updateMany({
    where: { id, consumedAt: null, OR: [{ userId: null }, { userId }] },
    data: { userId },
  });
  return count === 1;
}

/** Housekeeping: transactions that can no longer be used. */
export async function pruneTransactions(now = new Date()): Promise<number> {
  const { count } = await db().authorizationTransaction.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 3600_000) } } });
  return count;
}
