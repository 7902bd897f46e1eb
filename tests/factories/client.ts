// The Prisma client the factories take. In Vitest it is lib/db's db() (the process's own client); in
// Playwright and the benches it is openTestDb(url) — lib/db.ts imports "server-only", which Playwright
// cannot load, so they build their own client on the database of the server under test.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../../lib/generated/postgres/client";
import { PrismaClient as SqliteClient } from "../../lib/generated/sqlite/client";

/** lib/db's Db: both generated clients share one API; the type is the SQLite client's. */
export type TestDb = SqliteClient;

/** A client on `url` (`file:` for SQLite, else PostgreSQL), as lib/db.ts builds one. */
export function openTestDb(url: string): TestDb {
  return url.startsWith("file:")
    ? new SqliteClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 10_000 }) })
    : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 3 }) }) as unknown as TestDb);
}
