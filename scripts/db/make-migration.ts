// `npm run db:migration -- <name> [--pg-url postgresql://…]`
//
// Makes the next migration for BOTH providers from the change to prisma/schema.prisma since the
// last migration, in Prisma's own layout:
//   prisma/migrations/<timestamp>_<name>/migration.sql            (SQLite)
//   prisma/postgres/migrations/<timestamp>_<name>/migration.sql   (PostgreSQL)
// plus migration_lock.toml in each folder.
//
// The diff is schema-to-schema, by Prisma's WebAssembly schema engine: from
// prisma/migrations/schema.snapshot.prisma (the source schema as of the last migration, committed)
// to prisma/schema.prisma; the first migration diffs from nothing. No database is needed: SQLite
// uses an in-memory database and PostgreSQL an offline stand-in (or a live server with --pg-url).
// After writing, the snapshot is updated. An empty diff writes nothing.
import fs from "node:fs";
import path from "node:path";
import { openDiffEngine } from "./schema-engine.ts";
import { migrationLockToml, MIGRATIONS_DIR, type Provider, ROOT, SNAPSHOT_FILE, SOURCE_SCHEMA, toPostgresSchema } from "./schemas.ts";

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run db:migration -- <name> [--pg-url postgresql://user@host:port/db]`);
  process.exit(2);
}

function parseArgs(argv: string[]): { name: string; pgUrl?: string } {
  let name: string | undefined;
  let pgUrl: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--pg-url") {
      pgUrl = argv[++i];
      if (!pgUrl) usage("--pg-url needs a value");
    } else if (arg.startsWith("--pg-url=")) {
      pgUrl = arg.slice("--pg-url=".length);
    } else if (arg.startsWith("-")) {
      usage(`Unknown option ${arg}`);
    } else if (name === undefined) {
      name = arg;
    } else {
      usage(`Unexpected argument ${arg}`);
    }
  }
  if (!name) usage("Missing migration name.");
  // Like Prisma: the name becomes part of a folder name.
  const slug = name
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!slug) usage(`Migration name "${name}" has no letters or digits.`);
  return { name: slug, pgUrl };
}

/** Prisma's folder prefix: UTC YYYYMMDDHHMMSS. */
function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}` +
    `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
  );
}

function migrationFolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

async function main(): Promise<void> {
  const { name, pgUrl } = parseArgs(process.argv.slice(2));
  const rel = (p: string) => path.relative(ROOT, p);

  const current = fs.readFileSync(SOURCE_SCHEMA, "utf8");
  let previous: string | null = null;
  if (fs.existsSync(SNAPSHOT_FILE)) {
    previous = fs.readFileSync(SNAPSHOT_FILE, "utf8");
  } else {
    const existing = [...migrationFolders(MIGRATIONS_DIR.sqlite), ...migrationFolders(MIGRATIONS_DIR.postgresql)];
    if (existing.length > 0) {
      throw new Error(
        `${rel(SNAPSHOT_FILE)} is missing but migrations exist (${existing[0]}, …). Restore it from git ` +
          "(it is the schema as of the last migration); a diff from nothing would re-create every table.",
      );
    }
  }

  const schemas: Record<Provider, { from: string | null; to: string }> = {
    sqlite: { from: previous, to: current },
    postgresql: { from: previous === null ? null : toPostgresSchema(previous), to: toPostgresSchema(current) },
  };

  const scripts: Partial<Record<Provider, string>> = {};
  for (const provider of ["sqlite", "postgresql"] as const) {
    const engine = await openDiffEngine(provider, { pgUrl });
    try {
      const sql = await engine.diff(schemas[provider].from, schemas[provider].to);
      if (sql !== null) scripts[provider] = sql;
    } finally {
      await engine.close();
    }
  }

  if (!scripts.sqlite && !scripts.postgresql) {
    console.log(
      `No changes in ${rel(SOURCE_SCHEMA)} since the last migration ` +
        `(${previous === null ? "none yet" : rel(SNAPSHOT_FILE)}): nothing written.`,
    );
    return;
  }

  let folder = `${timestamp()}_${name}`;
  // Two runs in the same second: keep names unique and ordered.
  while (fs.existsSync(path.join(MIGRATIONS_DIR.sqlite, folder)) || fs.existsSync(path.join(MIGRATIONS_DIR.postgresql, folder))) {
    await new Promise((r) => setTimeout(r, 1000));
    folder = `${timestamp()}_${name}`;
  }

  for (const provider of ["sqlite", "postgresql"] as const) {
    const dir = MIGRATIONS_DIR[provider];
    const sql = scripts[provider];
    if (!sql) {
      console.log(`${provider}: no change for this provider, no migration written`);
      continue;
    }
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    const file = path.join(dir, folder, "migration.sql");
    fs.writeFileSync(file, sql.endsWith("\n") ? sql : `${sql}\n`);
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), migrationLockToml(provider));
    console.log(`${provider}: wrote ${rel(file)}`);
  }
  fs.mkdirSync(path.dirname(SNAPSHOT_FILE), { recursive: true });
  fs.writeFileSync(SNAPSHOT_FILE, current);
  console.log(`Updated ${rel(SNAPSHOT_FILE)}. Apply with: npm run db:migrate`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`db:migration failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
