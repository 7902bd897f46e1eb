// Prisma 7 configuration (read by the Prisma CLI: `prisma generate`, `validate`, `format`).
//
// This machine reaches no download host, and every Prisma CLI command first tries to download a
// native schema engine. `prisma generate` / `validate` / `format` never run that engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file lets them work offline. Migrations are made and
// applied without the CLI (see docs/migrations.md): scripts/db/make-migration.ts uses the
// WebAssembly schema engine, lib/db/migrate.ts applies the SQL files.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  // Any existing file will do: the CLI only checks that it exists. This one ships on npm.
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm");
}

export default defineConfig({
  // The one source schema (SQLite). scripts/db/generate.ts derives prisma/postgres/schema.prisma
  // from it and passes `--schema` for that one.
  schema: path.join(root, "prisma/schema.prisma"),
  migrations: {
    path: path.join(root, "prisma/migrations"),
  },
  datasource: {
    url: process.env.DATABASE_URL ?? `file:${path.join(root, "data/console.db")}`,
  },
});
