// A fresh database for one test run: a new SQLite file, or a new PostgreSQL database when
// TEST_DATABASE=postgresql (server from TEST_POSTGRES_URL, default the local one with trust auth).
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../lib/db/migrate";

export interface TestDatabase {
  kind: "sqlite" | "postgresql";
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const id = stamp();
  const dataDir = path.resolve(".tmp", `${label}-${id}`);
  mkdirSync(dataDir, { recursive: true });
  const wanted = process.env.TEST_DATABASE ?? "sqlite";
  if (wanted === "postgresql") {
    const server = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `console_${label.replace(/\W/g, "_")}_${id}`.toLowerCase();
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    await migrateDatabase({ kind: "postgresql", url: url.toString() });
    return {
      kind: "postgresql",
      url: url.toString(),
      dataDir,
      async drop() {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = `file:${path.join(dataDir, "console.db")}`;
  await migrateDatabase({ kind: "sqlite", url });
  return {
    kind: "sqlite",
    url,
    dataDir,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
