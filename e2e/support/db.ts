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

/** Inserts `count` audit entries of the company, one second apart ending at `until` (for paging). */
export async function insertAuditEntries(opts: { companyId: string; count: number; event: string; actorEmail: string; until: Date }): Promise<void> {
  const rows = Array.from({ length: opts.count }, (_, i) => ({
    id: `aud_${base62(20)}`,
    at: new Date(opts.until.getTime() - (opts.count - i) * 1000),
    n: i,
  }));
  const sql = (p: (i: number) => string, jsonCast: string) =>
    `INSERT INTO "AuditLog" (id, "companyId", "actorEmail", event, "targetType", "targetId", metadata, ip, "userAgent", "createdAt")
     VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, 'test', NULL, ${p(5)}${jsonCast}, '192.0.2.9', 'e2e seed', ${p(6)})`;
  if (isPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const r of rows) await client.query(sql((i) => `$${i}`, "::jsonb"), [r.id, opts.companyId, opts.actorEmail, opts.event, JSON.stringify({ n: r.n }), r.at]);
    } finally {
      await client.end();
    }
    return;
  }
  const sqlite = new Database(url.replace(/^file:/, ""), { timeout: 10_000 });
  try {
    const stmt = sqlite.prepare(sql(() => "?", ""));
    sqlite.transaction(() => {
      for (const r of rows) stmt.run(r.id, opts.companyId, opts.actorEmail, opts.event, JSON.stringify({ n: r.n }), r.at.toISOString().replace("Z", "+00:00"));
    })();
  } finally {
    sqlite.close();
  }
}
