// `npm run backup [-- --out <file>]`: a consistent copy of the console's database (SQLite online
// backup API, or pg_dump for PostgreSQL), written to DATA_DIR/backups/ unless --out says where.
// Prints the file and the reminder that the master key must be kept with it.
import { parseEnv } from "../lib/env";
import { backupDatabase, defaultBackupPath, MASTER_KEY_REMINDER } from "./db/backup-core";

const env = parseEnv();
const i = process.argv.indexOf("--out");
const out = i > 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith("--out="))?.slice("--out=".length);
try {
  const { file, bytes } = await backupDatabase({
    kind: env.databaseKind,
    url: env.databaseUrl,
    out: out ?? defaultBackupPath(env.databaseKind, env.dataDir),
  });
  console.log(`[backup] ${env.databaseKind} database backed up to ${file} (${bytes} bytes)`);
  console.log(`[backup] ${MASTER_KEY_REMINDER(env.dataDir)}`);
  console.log(`[backup] Restore with: npm run restore -- ${file}`);
} catch (error) {
  console.error(`[backup] failed: ${(error as Error).message}`);
  process.exit(1);
}
