import "server-only";
// The Prisma client for this process: SQLite through better-sqlite3 unless DATABASE_URL names
// PostgreSQL (SQLite's connection keeps its prepared statements: lib/db/sqlite-statements.ts). Both
// clients are generated from one model (scripts/db/generate.ts), so they share one API; the type is the
// SQLite client's. Only the domain modules in lib/ import this.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaBetterSqlite3KeptStatements } from "./db/sqlite-statements";
import { env } from "./env";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { singleton } from "./runtime/singleton";

export type Db = SqliteClient;
/** The client handed to a callback of `db().$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

// Process-wide (lib/runtime/singleton): one client however often lib/ is loaded.
const holder = singleton("db.client", () => ({}) as { __apiConsoleDb?: { url: string; client: Db } });

// Prisma's defaults (2 s to get a connection, 5 s per transaction) fail short transactions, such as the
// usage flush's batch of upserts, when the machine is busy; a transaction that really hangs still ends.
const transactionOptions = { maxWait: 10_000, timeout: 20_000 };

function create(): Db {
  const e = env();
  if (e.databaseKind === "sqlite") {
    const adapter = new PrismaBetterSqlite3KeptStatements({ url: e.databaseUrl, timeout: 10_000 });
    return new SqliteClient({ adapter, transactionOptions });
  }
  const adapter = new PrismaPg({ connectionString: e.databaseUrl, max: 10 });
  return new PostgresClient({ adapter, transactionOptions }) as unknown as Db;
}

export function db(): Db {
  const url = env().databaseUrl;
  if (!holder.__apiConsoleDb || holder.__apiConsoleDb.url !== url) {
    holder.__apiConsoleDb = { url, client: create() };
  }
  return holder.__apiConsoleDb.client;
}

export async function disconnectDb(): Promise<void> {
  const current = holder.__apiConsoleDb;
  holder.__apiConsoleDb = undefined;
  await current?.client.$disconnect();
}

/** True when the error is a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
