// `npm run restore -- <file>`: restores a backup made by `npm run backup` into the database
// DATABASE_URL (or DATA_DIR's SQLite file) names. Stop the console first; start it again afterwards
// (it applies any newer migrations). The master key the backup was made under must be in place.
import { parseEnv } from "../lib/env";
import { MASTER_KEY_REMINDER, restoreDatabase } from "./db/backup-core";

const env = parseEnv();
const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(2);
}
try {
  const { replaced } = await restoreDatabase({ kind: env.databaseKind, url: env.databaseUrl, file });
  console.log(`[restore] ${file} restored into the ${env.databaseKind} database.`);
  if (replaced) console.log(`[restore] the replaced database file was kept as ${replaced}`);
  console.log(`[restore] ${MASTER_KEY_REMINDER(env.dataDir)}`);
  console.log("[restore] Start the console again: npm start");
} catch (error) {
  console.error(`[restore] failed: ${(error as Error).message}`);
  process.exit(1);
}
