// Loads Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm, shipped on npm) with a
// driver adapter, for scripts/db/make-migration.ts. The native schema engine that the Prisma CLI
// downloads cannot be fetched here, and `prisma migrate …` cannot run without it.
//
// The package's entry point imports its .wasm file as an ES module, which Node 20 does not support
// without a flag, so the glue module is loaded and instantiated by hand here.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, SchemaEngine } from "@prisma/schema-engine-wasm";
import type { Provider } from "./schemas.ts";

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let gluePromise: Promise<Glue> | undefined;

function loadGlue(): Promise<Glue> {
  gluePromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue: Glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = fs.readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return glue;
  })();
  return gluePromise;
}

/**
 * A PostgreSQL "connection" for schema-to-schema diffs without a server. When it starts, the engine
 * asks the database one thing (whether the schema exists, and the server version); a diff between
 * two Prisma schemas asks nothing else. Any other query fails with a message saying so.
 */
function offlinePostgresFactory(): SqlMigrationAwareDriverAdapterFactory {
  const adapter: SqlDriverAdapter = {
    provider: "postgres",
    adapterName: "offline-postgres-stub",
    async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
      if (/^\s*SELECT EXISTS\(SELECT 1 FROM pg_namespace WHERE nspname = \$1\), version\(\)/i.test(query.sql)) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [5, 7, 0], // Boolean, Text, Int32
          rows: [[true, "PostgreSQL 15.0 (offline diff)", 150000]],
        };
      }
      throw new Error(
        `the offline PostgreSQL diff was asked to query a database (${query.sql.slice(0, 80)}…); ` +
          "run make-migration with --pg-url postgresql://… to use a live server",
      );
    },
    async executeRaw(query: SqlQuery): Promise<number> {
      throw new Error(`the offline PostgreSQL diff cannot execute SQL (${query.sql.slice(0, 80)}…)`);
    },
    async executeScript(): Promise<void> {
      throw new Error("the offline PostgreSQL diff cannot execute SQL scripts");
    },
    async startTransaction(): Promise<never> {
      throw new Error("the offline PostgreSQL diff cannot open transactions");
    },
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    async dispose(): Promise<void> {},
  };
  return {
    provider: "postgres",
    adapterName: "offline-postgres-stub",
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  };
}

async function adapterFactory(provider: Provider, pgUrl?: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (provider === "sqlite") {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSqlite3({ url: ":memory:" });
  }
  if (!pgUrl) return offlinePostgresFactory();
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Host, user and database passed separately: adapter-pg built from a connectionString would
  // point its shadow database at the main one.
  const u = new URL(pgUrl);
  return new PrismaPg({
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  });
}

export interface DiffEngine {
  /** SQL taking the database from `from` (a schema, or nothing) to `to`; null when there is nothing to do. */
  diff(from: string | null, to: string): Promise<string | null>;
  close(): Promise<void>;
}

/** Opens the WebAssembly schema engine for one provider. */
export async function openDiffEngine(provider: Provider, options: { pgUrl?: string } = {}): Promise<DiffEngine> {
  const glue = await loadGlue();
  const factory = await adapterFactory(provider, options.pgUrl);
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine: SchemaEngine = await glue.SchemaEngine.new(
    { datamodels: undefined },
    (_log: string) => {
      // The engine's tracing lines; nothing in them is needed here.
    },
    bound,
  );
  const target = (content: string | null): DiffTarget =>
    content === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
  return {
    async diff(from, to) {
      const result = await engine.diff({
        from: target(from),
        to: target(to),
        script: true,
        exitCode: true, // 2 when the diff is not empty
        filters: { externalTables: [], externalEnums: [] },
      });
      if (result.exitCode !== 2) return null;
      return result.stdout ?? "";
    },
    async close() {
      engine.free();
    },
  };
}
