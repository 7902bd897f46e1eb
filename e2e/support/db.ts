// Direct database access for fixtures the console's own pages do not create in this branch: apps
// (registration is another area's). Same database as the server under test (scripts/test.ts sets
// E2E_DATABASE_URL; plain `playwright test` uses the default file under .tmp/e2e).
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const url = process.env.E2E_DATABASE_URL ?? `file:${path.resolve(process.env.E2E_DATA_DIR ?? ".tmp/e2e", "console.db")}`;
const isPostgres = /^postgres(ql)?:\/\//.test(url);

function base62(n: number): string {
  const chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  return [...randomBytes(n)].map((b) => chars[b % 62]).join("");
}

/** Inserts an app of the company owned by the user, as registration would; returns its id. */
export async function insertApp(opts: { companyId: string; ownerId: string; name: string; status?: string }): Promise<string> {
  const id = `app_${base62(20)}`;
  const now = new Date();
  const row = [id, `apc_${base62(24)}`, opts.companyId, opts.ownerId, opts.name, opts.name.toLowerCase(), opts.status ?? "ACTIVE", '["client_credentials"]', "2026-01"];
  if (isPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "App" (id, "clientId", "companyId", "createdById", name, "nameKey", status, "grantTypes", "termsVersion", "termsAcceptedAt", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $10, $10)`,
        [...row, now],
      );
    } finally {
      await client.end();
    }
    return id;
  }
  const file = url.replace(/^file:/, "");
  const sqlite = new Database(file, { timeout: 10_000 });
  try {
    const stamp = now.toISOString().replace("Z", "+00:00");
    sqlite
      .prepare(
        `INSERT INTO "App" (id, "clientId", "companyId", "createdById", name, "nameKey", status, "grantTypes", "termsVersion", "termsAcceptedAt", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(...row, stamp, stamp, stamp);
  } finally {
    sqlite.close();
  }
  return id;
}
