// `npm test`: every suite on a fresh database. SQLite by default; TEST_DATABASE=postgresql runs the
// same suites on a fresh PostgreSQL database (server from TEST_POSTGRES_URL, default 127.0.0.1:5432).
// 1. Vitest (domain modules, against their own fresh database)  2. next build if needed
// 3. Playwright (the real server started by scripts/start.ts on a fresh database, system Chromium).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createTestDatabase } from "../tests/test-database";

const root = process.cwd();
const kind = process.env.TEST_DATABASE ?? "sqlite";
const node = process.execPath;
const bin = (p: string) => path.join(root, "node_modules", p);

function run(title: string, args: string[], env: Record<string, string> = {}): void {
  console.log(`\n[test] ${title} (${kind})`);
  const r = spawnSync(node, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
  if (r.status !== 0) {
    console.error(`[test] ${title} failed on ${kind}`);
    process.exit(r.status ?? 1);
  }
}

const only = process.argv[2]; // "unit" | "e2e" | "security" | undefined
const security = only === "security";
if (only !== "e2e") {
  run(security ? "security tests: vitest (fuzzing)" : "unit and integration tests: vitest", [
    bin("vitest/vitest.mjs"),
    "run",
    ...(security ? ["tests/security"] : []),
  ]);
}
if (only !== "unit") {
  const database = await createTestDatabase("e2e");
  try {
    const args = security ? ["e2e/security"] : process.argv.slice(3);
    run(security ? "security tests: playwright" : "browser tests: playwright", [bin("@playwright/test/cli.js"), "test", ...args], {
      E2E_DATABASE_URL: database.url,
      E2E_DATA_DIR: database.dataDir,
    });
  } finally {
    if (!process.env.KEEP_TEST_DATABASE) await database.drop();
  }
}
if (security && process.env.SKIP_FAULTS !== "1") {
  // The fast variant of the fault injection (scripts/faults.ts): SIGKILL during token issuance, SIGTERM during API calls.
  run("fault injection (fast)", [bin("tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/faults.ts"], { FAULTS_FAST: "1" });
}
console.log(`\n[test] all suites passed on ${kind}`);
