import "server-only";
// Idempotency-Key for POST (draft-ietf-httpapi-idempotency-key-header): the first request with a key
// inserts a row under a UNIQUE (token, key); a replay — also one arriving while the first still runs —
// waits for that row's stored answer and returns it (Idempotent-Replayed: true). The same key with a
// different request is 422; a first answer of 5xx is not kept, so a retry runs again. Keys live 24 h.
// A stored answer may hold a new Client Secret, so it is kept AES-256-GCM encrypted (lib/security/crypto), bound
// to its key, and records older than a day are pruned as new ones arrive.
import { createHash } from "node:crypto";
import { db, isUniqueViolation } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { decrypt, encrypt } from "../security/crypto";

const KEY_MAX = 255;
const TTL_MS = 24 * 3600_000;
const WAIT_MS = 15_000;
const POLL_MS = 40;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const seal = (scopeKey: string, text: string) => encrypt(text, "secret-encryption", `idempotency:${scopeKey}`);
const unseal = (scopeKey: string, sealed: string) => decrypt(sealed, "secret-encryption", `idempotency:${scopeKey}`);

function replay(row: { scopeKey: string; status: number | null; body: string | null; headers: unknown }): Response {
  const headers = new Headers((row.headers ?? {}) as Record<string, string>);
  headers.set("idempotent-replayed", "true");
  return new Response(row.status === 204 || row.body === null ? null : unseal(row.scopeKey, row.body), { status: row.status!, headers });
}

export async function runIdempotent(
  tokenId: string,
  key: string,
  request: string,
  run: () => Promise<Response>,
  onError: (error: unknown) => Response,
): Promise<Response> {
  if (!key || key.length > KEY_MAX || /[^\x21-\x7e]/.test(key)) {
    throw new AppError("bad_request", `Idempotency-Key must be 1 to ${KEY_MAX} visible ASCII characters.`);
  }
  const scopeKey = `${tokenId}:${key}`;
  const fingerprint = createHash("sha256").update(request).digest("base64url");
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    let mine = false;
    try {
      await db().idempotencyRecord.create({ data: { id: newId("idempotency"), scopeKey, fingerprint } });
      mine = true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    if (mine) {
      if (Math.random() < 0.01) await db().idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - TTL_MS) } } });
      let response: Response;
      try {
        response = await run();
      } catch (error) {
        response = onError(error);
      }
      if (response.status >= 500) {
        await db().idempotencyRecord.deleteMany({ where: { scopeKey } });
        return response;
      }
      const body = response.status === 204 ? null : seal(scopeKey, await response.clone().text());
      const headers: Record<string, string> = {};
      response.headers.forEach((v, k) => {
        if (!k.startsWith("ratelimit")) headers[k] = v;
      });
      await db().idempotencyRecord.update({ where: { scopeKey }, data: { status: response.status, body, headers } });
      return response;
    }
    const row = await db().idempotencyRecord.findUnique({ where: { scopeKey } });
    if (!row) continue; // the first attempt failed with 5xx and let go of the key: run again
    if (Date.now() - row.createdAt.getTime() > TTL_MS) {
      await db().idempotencyRecord.deleteMany({ where: { id: row.id } });
      continue;
    }
    if (row.fingerprint !== fingerprint) {
      throw new AppError("validation", "This Idempotency-Key was used for a different request. Use a new key.", {
        fieldErrors: { "Idempotency-Key": ["This key was used for a different request."] },
      });
    }
    if (row.status !== null) return replay(row);
    if (Date.now() > deadline) throw new AppError("conflict", "A request with this Idempotency-Key is still being processed. Retry later.");
    await sleep(POLL_MS);
  }
}
