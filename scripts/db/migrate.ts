// `npm run db:migrate`: applies the committed migrations to DATABASE_URL.
//   unset                      → file:<cwd>/data/console.db (SQLite, the default)
//   file:/path/to.db           → SQLite, prisma/migrations
//   postgres(ql)://…           → PostgreSQL, prisma/postgres/migrations
import path from "node:path";
import { databaseKindFromUrl, migrateDatabase } from "../../lib/db/migrate.ts";

async function main(): Promise<void> {
  const fromEnv = process.env.DATABASE_URL?.trim();
  let url = fromEnv ? fromEnv : `file:${path.join(process.cwd(), "data", "console.db")}`;
  const kind = databaseKindFromUrl(url);
  if (kind === "sqlite") url = `file:${path.resolve(url.slice("file:".length))}`;
  const where = kind === "sqlite" ? url.slice("file:".length) : url.replace(/\/\/[^@/]*@/, "//");
  console.log(`db:migrate: ${kind} database ${where}`);
  const { applied } = await migrateDatabase({ kind, url, log: (msg) => console.log(`  ${msg}`) });
  console.log(
    applied.length === 0
      ? "db:migrate: already up to date, nothing applied"
      : `db:migrate: applied ${applied.length} migration(s): ${applied.join(", ")}`,
  );
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
