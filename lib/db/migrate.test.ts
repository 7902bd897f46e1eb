// Tests of the migration runner against fresh databases: a temp SQLite file, and a PostgreSQL
// database created and dropped here (server from TEST_POSTGRES_URL, default the local one with
// trust auth; those run in the PostgreSQL run of the suite, TEST_DATABASE=postgresql).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultMigrationsDir, migrateDatabase, MigrationError, readMigrations } from "./migrate";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SQLITE_DIR = defaultMigrationsDir("sqlite", ROOT);
const POSTGRES_DIR = defaultMigrationsDir("postgresql", ROOT);

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-test-"));
});
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A copy of a migrations folder that a test may edit. */
function copyMigrations(from: string): string {
  const dir = fs.mkdtempSync(path.join(scratch, "migrations-"));
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

describe("committed migrations", () => {
  it("exist for both providers, with the same folder names and lock files", () => {
    const sqlite = readMigrations(SQLITE_DIR, "sqlite").map((m) => m.name);
    const postgres = readMigrations(POSTGRES_DIR, "postgresql").map((m) => m.name);
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
    expect(fs.readFileSync(path.join(SQLITE_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
    expect(fs.readFileSync(path.join(POSTGRES_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });
});

describe("SQLite", () => {
  const url = () => `file:${path.join(scratch, "nested", "dir", "console.db")}`;

  it("applies every migration to a fresh file, creating its folder", async () => {
    const lines: string[] = [];
    const { applied } = await migrateDatabase({ kind: "sqlite", url: url(), migrationsDir: SQLITE_DIR, log: (m) => lines.push(m) });
    const expected = readMigrations(SQLITE_DIR).map((m) => m.name);
    expect(applied).toEqual(expected);
    expect(lines).toContain(`applied ${expected[0]}`);

    const db = new Database(url().slice("file:".length), { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(["User", "Company", "App", "_prisma_migrations"]));
      const rows = db.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all() as Record<string, unknown>[];
      expect(rows.map((r) => r.migration_name)).toEqual(expected);
      const first = rows[0]!;
      expect(first.checksum).toBe(sha256(path.join(SQLITE_DIR, expected[0]!, "migration.sql")));
      expect(first.finished_at).toEqual(expect.any(String));
      expect(first.started_at).toEqual(expect.any(String));
      expect(first.applied_steps_count).toBe(1);
      expect(first.logs).toBeNull();
      expect(first.rolled_back_at).toBeNull();
      expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      db.close();
    }
  });

  it("applies nothing the second time", async () => {
    expect(await migrateDatabase({ kind: "sqlite", url: url(), migrationsDir: SQLITE_DIR })).toEqual({ applied: [] });
  });

  it("refuses a migration changed after it was applied, naming it", async () => {
    const dir = copyMigrations(SQLITE_DIR);
    const dbUrl = `file:${path.join(scratch, "checksum.db")}`;
    await migrateDatabase({ kind: "sqlite", url: dbUrl, migrationsDir: dir });
    const first = readMigrations(dir)[0]!;
    fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited afterwards\n");
    addMigration(dir, "29990101000000_later", `CREATE TABLE "Later" ("id" TEXT NOT NULL PRIMARY KEY);`);

    const run = migrateDatabase({ kind: "sqlite", url: dbUrl, migrationsDir: dir });
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`Migration ${first.name} was modified after it was applied`));
    await expect(run).rejects.toMatchObject({ migration: first.name });
    // Nothing after it was applied either.
    const db = new Database(dbUrl.slice("file:".length), { readonly: true });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'Later'").get()).toBeUndefined();
    db.close();
  });

  it("rolls a failing migration back whole, records nothing, and applies it once fixed", async () => {
    const dir = fs.mkdtempSync(path.join(scratch, "handmade-"));
    const dbUrl = `file:${path.join(scratch, "failing.db")}`;
    addMigration(dir, "20000101000000_one", `CREATE TABLE "A" ("id" TEXT NOT NULL PRIMARY KEY);`);
    addMigration(dir, "20000102000000_two", `CREATE TABLE "B" ("id" TEXT NOT NULL PRIMARY KEY);\nTHIS IS NOT SQL;`);
    await expect(migrateDatabase({ kind: "sqlite", url: dbUrl, migrationsDir: dir })).rejects.toThrow(
      /Migration 20000102000000_two failed and was rolled back/,
    );
    const db = new Database(dbUrl.slice("file:".length));
    const names = () =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(names()).toEqual(["A", "_prisma_migrations"]);
    expect(db.prepare(`SELECT migration_name FROM "_prisma_migrations"`).all()).toEqual([{ migration_name: "20000101000000_one" }]);

    addMigration(dir, "20000102000000_two", `CREATE TABLE "B" ("id" TEXT NOT NULL PRIMARY KEY);`);
    expect(await migrateDatabase({ kind: "sqlite", url: dbUrl, migrationsDir: dir })).toEqual({ applied: ["20000102000000_two"] });
    expect(names()).toEqual(["A", "B", "_prisma_migrations"]);
    db.close();
  });

  it("rebuilds a parent table (Prisma's RedefineTables) without cascading into child rows", async () => {
    const dir = fs.mkdtempSync(path.join(scratch, "rebuild-"));
    const dbUrl = `file:${path.join(scratch, "rebuild.db")}`;
    addMigration(
      dir,
      "20000101000000_init",
      `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY, "note" TEXT);
CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
INSERT INTO "Parent" ("id") VALUES ('p1');
INSERT INTO "Child" ("id", "parentId") VALUES ('c1', 'p1');`,
    );
    await migrateDatabase({ kind: "sqlite", url: dbUrl, migrationsDir: dir });
    // What the schema engine writes when a column becomes required.
    addMigration(
      dir,
      "20000102000000_note_required",
      `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "note" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_Parent" ("id", "note") SELECT "id", coalesce("note", '') AS "note" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`,
    );
    expect((await migrateDatabase({ kind: "sqlite", url: dbUrl, migrationsDir: dir })).applied).toEqual(["20000102000000_note_required"]);
    const db = new Database(dbUrl.slice("file:".length));
    expect(db.prepare(`SELECT "id", "parentId" FROM "Child"`).all()).toEqual([{ id: "c1", parentId: "p1" }]);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    db.close();
  });

  it("refuses PostgreSQL migrations for a SQLite database", async () => {
    await expect(
      migrateDatabase({ kind: "sqlite", url: `file:${path.join(scratch, "wrong.db")}`, migrationsDir: POSTGRES_DIR }),
    ).rejects.toThrow(/holds postgresql migrations/);
  });
});

// ---------------------------------------------------------------------------------------------

const PG_SERVER = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// The PostgreSQL runner tests belong to the PostgreSQL run of the suite (TEST_DATABASE=postgresql,
// as `.ci/run` does); there the server must answer, or they fail.
const onPostgres = process.env.TEST_DATABASE === "postgresql";

if (onPostgres)
  describe("PostgreSQL", () => {
    const created: string[] = [];

    async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
      const c = new pg.Client({ connectionString: PG_SERVER });
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end();
      }
    }

    async function freshDatabase(): Promise<string> {
      const name = `mig_test_${randomBytes(5).toString("hex")}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}"`));
      created.push(name);
      const u = new URL(PG_SERVER);
      u.pathname = `/${name}`;
      return u.toString();
    }

    async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<R>(sql)).rows;
      } finally {
        await c.end();
      }
    }

    afterAll(async () => {
      for (const name of created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    });

    let url: string;
    beforeAll(async () => {
      url = await freshDatabase();
    });

    it("applies every migration to a fresh database", async () => {
      const expected = readMigrations(POSTGRES_DIR).map((m) => m.name);
      expect(await migrateDatabase({ kind: "postgresql", url, migrationsDir: POSTGRES_DIR })).toEqual({ applied: expected });

      const tables = (
        await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)
      ).map((t) => t.table_name);
      expect(tables).toEqual(expect.arrayContaining(["User", "Company", "App", "_prisma_migrations"]));
      const rows = await query(url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((r) => r.migration_name)).toEqual(expected);
      const first = rows[0]!;
      expect(first.checksum).toBe(sha256(path.join(POSTGRES_DIR, expected[0]!, "migration.sql")));
      expect(first.finished_at).toBeInstanceOf(Date);
      expect(first.started_at).toBeInstanceOf(Date);
      expect(first.applied_steps_count).toBe(1);
      expect(first.logs).toBeNull();
    });

    it("applies nothing the second time", async () => {
      expect(await migrateDatabase({ kind: "postgresql", url, migrationsDir: POSTGRES_DIR })).toEqual({ applied: [] });
    });

    it("refuses a migration changed after it was applied, naming it", async () => {
      const dir = copyMigrations(POSTGRES_DIR);
      const first = readMigrations(dir)[0]!;
      fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited afterwards\n");
      const run = migrateDatabase({ kind: "postgresql", url, migrationsDir: dir });
      await expect(run).rejects.toThrow(new RegExp(`Migration ${first.name} was modified after it was applied`));
      await expect(run).rejects.toMatchObject({ name: "MigrationError", migration: first.name });
    });

    it("rolls a failing migration back whole and records nothing", async () => {
      const dir = copyMigrations(POSTGRES_DIR);
      addMigration(dir, "29990101000000_broken", `CREATE TABLE "Broken" ("id" TEXT PRIMARY KEY);\nSELECT * FROM "NoSuchTable";`);
      await expect(migrateDatabase({ kind: "postgresql", url, migrationsDir: dir })).rejects.toThrow(
        /Migration 29990101000000_broken failed and was rolled back: .*NoSuchTable/,
      );
      expect(await query(url, `SELECT to_regclass('"Broken"') AS t`)).toEqual([{ t: null }]);
      expect(await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`)).toEqual([]);
    });

    it("lets several instances start at once: each migration is applied exactly once", async () => {
      const shared = await freshDatabase();
      const runs = await Promise.all(
        [1, 2, 3].map(() => migrateDatabase({ kind: "postgresql", url: shared, migrationsDir: POSTGRES_DIR })),
      );
      const expected = readMigrations(POSTGRES_DIR).map((m) => m.name);
      expect(runs.flatMap((r) => r.applied).sort()).toEqual(expected);
      expect((await query(shared, `SELECT migration_name FROM "_prisma_migrations"`)).length).toBe(expected.length);
    });

    it("honours Prisma's ?schema= parameter", async () => {
      const base = await freshDatabase();
      const u = new URL(base);
      u.searchParams.set("schema", "tenant_a");
      await migrateDatabase({ kind: "postgresql", url: u.toString(), migrationsDir: POSTGRES_DIR });
      const rows = await query<{ table_schema: string }>(
        base,
        `SELECT table_schema FROM information_schema.tables WHERE table_name = '_prisma_migrations'`,
      );
      expect(rows).toEqual([{ table_schema: "tenant_a" }]);
    });
  });
