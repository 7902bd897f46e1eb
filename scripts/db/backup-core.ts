// Backups of the console's database: a consistent copy while the console runs.
// SQLite: the online backup API (better-sqlite3 `.backup()`), page by page under SQLite's own locking,
// so writers keep going. PostgreSQL: `pg_dump --format=custom` (one snapshot transaction).
// Restore: SQLite copies the backup over the database file (the old file is kept beside it as
// `<file>.before-restore-<time>`); PostgreSQL runs `pg_restore --clean --if-exists` into DATABASE_URL.
// The master key (DATA_DIR/console.key or CONSOLE_SECRET_KEY) is NOT in the backup: Client Secrets and
// signing keys are encrypted under it, so it must be kept with every backup.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export type Kind = "sqlite" | "postgresql";

export const MASTER_KEY_REMINDER = (dataDir: string) =>
  `Keep the master key with this backup: ${path.join(dataDir, "console.key")} (or the CONSOLE_SECRET_KEY you set). ` +
  "Without it the Client Secrets and signing keys in the backup cannot be decrypted. Store them apart from each other and both safely.";

function sqliteFile(url: string): string {
  return path.resolve(url.slice("file:".length));
}

/** A libpq connection string from DATABASE_URL (Prisma's own `schema` parameter is not libpq's). */
export function libpqUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("schema");
  return u.toString();
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} failed with exit code ${r.status}`);
}

const stamp = (d = new Date()) => d.toISOString().replace(/[:.]/g, "-");

export function defaultBackupPath(kind: Kind, dataDir: string, now = new Date()): string {
  return path.join(dataDir, "backups", `console-${stamp(now)}.${kind === "sqlite" ? "db" : "dump"}`);
}

/** Writes a consistent backup of the database to `out` and returns its path and size. */
export async function backupDatabase(opts: { kind: Kind; url: string; out: string }): Promise<{ file: string; bytes: number }> {
  const out = path.resolve(opts.out);
  mkdirSync(path.dirname(out), { recursive: true });
  if (existsSync(out)) throw new Error(`${out} exists already: choose another file`);
  if (opts.kind === "sqlite") {
    const source = new Database(sqliteFile(opts.url), { readonly: true, fileMustExist: true });
    try {
      await source.backup(out);
    } finally {
      source.close();
    }
  } else {
    run("pg_dump", ["--format=custom", "--no-owner", "--file", out, libpqUrl(opts.url)]);
  }
  return { file: out, bytes: statSync(out).size };
}

/** Checks that a file is a backup this kind of database can restore (before anything is replaced). */
function checkBackup(kind: Kind, file: string): void {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  if (kind === "sqlite") {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() as {
        n: number;
      };
      if (row.n !== 1) throw new Error(`${file} is not a backup of the console's database`);
    } finally {
      db.close();
    }
  } else {
    run("pg_restore", ["--list", file]);
  }
}

/**
 * Restores a backup into the database DATABASE_URL names. Stop the console first. SQLite keeps the
 * replaced file as `<file>.before-restore-<time>` and returns its path.
 */
export async function restoreDatabase(opts: { kind: Kind; url: string; file: string }): Promise<{ replaced: string | null }> {
  const file = path.resolve(opts.file);
  checkBackup(opts.kind, file);
  if (opts.kind === "sqlite") {
    const target = sqliteFile(opts.url);
    mkdirSync(path.dirname(target), { recursive: true });
    let replaced: string | null = null;
    if (existsSync(target)) {
      replaced = `${target}.before-restore-${stamp()}`;
      renameSync(target, replaced);
    }
    for (const extra of ["-wal", "-shm", "-journal"]) rmSync(`${target}${extra}`, { force: true });
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
    return { replaced };
  }
  run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", libpqUrl(opts.url), file]);
  return { replaced: null };
}
