// Runtime migration runner: applies the committed Prisma migration folders of one provider to a
// database, without the Prisma CLI (whose native schema engine cannot be downloaded here) and
// without the Prisma client. Runs from scripts/start.ts, scripts/db/migrate.ts and the tests.
//
//   SQLite      prisma/migrations/<timestamp>_<name>/migration.sql           (better-sqlite3)
//   PostgreSQL  prisma/postgres/migrations/<timestamp>_<name>/migration.sql  (pg)
//
// Each migration runs in its own transaction and is recorded in `_prisma_migrations` in Prisma's
// own layout (checksum = sha256 hex of migration.sql), so Prisma tooling recognises the history.
// A migration whose file changed after it was applied stops the run with an error naming it.
//
// Deliberately no `import "server-only"` and no Prisma client import: this runs under plain tsx.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { DatabaseKind } from "../env";

export type { DatabaseKind };

export interface MigrateOptions {
  kind: DatabaseKind;
  /** `file:/abs/path.db` (relative paths resolve against process.cwd()) or `postgresql://…`. */
  url: string;
  /** Progress lines ("applying …", "applied …", warnings). Silent when omitted. */
  log?: (msg: string) => void;
  /** Folder holding the `<timestamp>_<name>/migration.sql` folders. Default: defaultMigrationsDir(kind). */
  migrationsDir?: string;
}

export interface MigrateResult {
  /** Names of the migrations applied by this run, in order (empty when the database was up to date). */
  applied: string[];
}

export interface MigrationFile {
  /** Folder name, e.g. `20261125214356_init`. */
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma records it. */
  checksum: string;
}

/** A migration problem; `migration` names the migration concerned, when there is one. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration?: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

/** The migrations folder of a provider, relative to the project root (process.cwd() by default). */
export function defaultMigrationsDir(kind: DatabaseKind, root: string = process.cwd()): string {
  return kind === "sqlite" ? path.join(root, "prisma", "migrations") : path.join(root, "prisma", "postgres", "migrations");
}

/** `file:` → sqlite, `postgres://` / `postgresql://` → postgresql; anything else throws. */
export function databaseKindFromUrl(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new MigrationError(`Unsupported database URL "${url}": use file:/path/to.db or postgresql://…`);
}

/**
 * The file a `file:` URL names, resolved like @prisma/adapter-better-sqlite3 does (it strips
 * `file:` and opens the rest): relative paths resolve against `cwd`.
 */
export function sqliteFilePath(url: string, cwd: string = process.cwd()): string {
  if (!url.startsWith("file:")) throw new MigrationError(`Not a SQLite URL (must start with file:): ${url}`);
  const rest = url.slice("file:".length);
  if (!rest) throw new MigrationError(`SQLite URL names no file: ${url}`);
  return path.resolve(cwd, rest);
}

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");

/** The migration folders of `dir` (those holding a migration.sql), in name (= time) order. */
export function readMigrations(dir: string, kind?: DatabaseKind): MigrationFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new MigrationError(`No migrations folder at ${dir} (run from the project root, or pass migrationsDir)`);
  }
  if (kind) {
    const lockFile = path.join(dir, "migration_lock.toml");
    if (fs.existsSync(lockFile)) {
      const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(fs.readFileSync(lockFile, "utf8"))?.[1];
      if (provider && provider !== kind) {
        throw new MigrationError(`${dir} holds ${provider} migrations (migration_lock.toml) but the database is ${kind}`);
      }
    }
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: sha256(bytes) };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  started_at: unknown;
}

/**
 * Compares the recorded history with the folders: throws on a failed (unfinished) migration or
 * on a checksum mismatch, warns about applied migrations that have no folder here, and returns
 * the migrations still to apply.
 */
function pendingMigrations(rows: AppliedRow[], migrations: MigrationFile[], log: (msg: string) => void): MigrationFile[] {
  const live = rows.filter((r) => r.rolled_back_at === null || r.rolled_back_at === undefined);
  const failed = live.find((r) => r.finished_at === null || r.finished_at === undefined);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} is recorded as started but not finished in _prisma_migrations ` +
        "(it failed in an earlier run). Repair the database by hand, then mark it rolled back " +
        `(UPDATE "_prisma_migrations" SET rolled_back_at = CURRENT_TIMESTAMP WHERE migration_name = '${failed.migration_name}') and run again.`,
      failed.migration_name,
    );
  }
  const applied = new Map(live.map((r) => [r.migration_name, r]));
  const byName = new Map(migrations.map((m) => [m.name, m]));
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (row && row.checksum !== m.checksum) {
      throw new MigrationError(
        `Migration ${m.name} was modified after it was applied: its migration.sql has checksum ${m.checksum} ` +
          `but the database recorded ${row.checksum}. Restore the original file and put further changes ` +
          "in a new migration (npm run db:migration -- <name>).",
        m.name,
      );
    }
  }
  for (const name of applied.keys()) {
    if (!byName.has(name)) {
      log(`warning: migration ${name} is applied in the database but has no folder here (is this code older than the database?)`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

/** Applies the pending migrations of one provider. Resolves with the names applied, in order. */
export async function migrateDatabase(opts: MigrateOptions): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const dir = opts.migrationsDir ?? defaultMigrationsDir(opts.kind);
  const migrations = readMigrations(dir, opts.kind);
  if (opts.kind === "sqlite") return migrateSqlite(opts.url, migrations, log);
  if (opts.kind === "postgresql") return migratePostgres(opts.url, migrations, log);
  throw new MigrationError(`Unknown database kind: ${String(opts.kind)}`);
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// SQLite (better-sqlite3)

const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Prisma (through a driver adapter) stores SQLite timestamps as RFC 3339 text. */
const sqliteNow = (): string => new Date().toISOString().replace("Z", "+00:00");

/** How long a connection waits for another writer (e.g. a second instance migrating) before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 60_000;

async function migrateSqlite(url: string, migrations: MigrationFile[], log: (msg: string) => void): Promise<MigrateResult> {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  const applied: string[] = [];
  try {
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    db.pragma("journal_mode = WAL"); // persistent: the app's connections use WAL too
    db.pragma("foreign_keys = ON");
    db.exec(SQLITE_MIGRATIONS_TABLE);

    const readRows = () =>
      db
        .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at, started_at FROM "_prisma_migrations" ORDER BY started_at`)
        .all() as AppliedRow[];

    const pending = pendingMigrations(readRows(), migrations, log);
    for (const migration of pending) {
      // SQLite's own recipe for schema changes: foreign keys off (a no-op inside a transaction, so
      // before BEGIN) so that a table rebuild (DROP TABLE) does not cascade into child tables, then
      // foreign_key_check before COMMIT. BEGIN IMMEDIATE takes the write lock: a second instance
      // migrating at the same moment waits here, then sees this migration recorded and skips it.
      db.pragma("foreign_keys = OFF");
      try {
        db.exec("BEGIN IMMEDIATE");
        try {
          // Re-read under the write lock: another process may have applied it meanwhile.
          if (pendingMigrations(readRows(), [migration], () => {}).length === 0) {
            db.exec("ROLLBACK");
            continue;
          }
          log(`applying ${migration.name}`);
          const startedAt = sqliteNow();
          db.exec(migration.sql);
          const violations = db.pragma("foreign_key_check") as unknown[];
          if (violations.length > 0) {
            throw new Error(`${violations.length} foreign key violation(s) after the migration, e.g. ${JSON.stringify(violations[0])}`);
          }
          db.prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
          ).run(randomUUID(), migration.checksum, sqliteNow(), migration.name, startedAt);
          db.exec("COMMIT");
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          if (error instanceof MigrationError) throw error;
          throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${messageOf(error)}`, migration.name);
        }
      } finally {
        db.pragma("foreign_keys = ON");
      }
      applied.push(migration.name);
      log(`applied ${migration.name}`);
    }
  } finally {
    db.close();
  }
  return { applied };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (pg)

const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The advisory lock key Prisma's own migrate commands take, so they serialise with this runner too. */
const ADVISORY_LOCK_KEY = 72707369;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function migratePostgres(url: string, migrations: MigrationFile[], log: (msg: string) => void): Promise<MigrateResult> {
  // Prisma's `?schema=name` parameter: pg does not know it; honour it through search_path.
  let connectionString = url;
  let schema: string | undefined;
  try {
    const parsed = new URL(url);
    schema = parsed.searchParams.get("schema") ?? undefined;
    if (schema !== undefined) {
      parsed.searchParams.delete("schema");
      connectionString = parsed.toString();
    }
  } catch {
    throw new MigrationError("DATABASE_URL is not a valid postgresql:// URL");
  }

  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString, application_name: "api-console-migrate" });
  client.on("error", (error) => log(`warning: PostgreSQL connection error: ${messageOf(error)}`));
  await client.connect();
  const applied: string[] = [];
  let locked = false;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    locked = true;
    if (schema !== undefined) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    }
    await client.query(POSTGRES_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, started_at FROM "_prisma_migrations" ORDER BY started_at`,
    );
    // The advisory lock is held for the whole run: no other runner can apply anything meanwhile.
    const pending = pendingMigrations(rows, migrations, log);
    for (const migration of pending) {
      log(`applying ${migration.name}`);
      const startedAt = new Date();
      try {
        await client.query("BEGIN");
        // No parameters: the simple query protocol, which runs a multi-statement script.
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${messageOf(error)}`, migration.name);
      }
      applied.push(migration.name);
      log(`applied ${migration.name}`);
    }
  } finally {
    if (locked) await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
  return { applied };
}
