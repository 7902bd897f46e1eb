// `npm start`: validate the environment, build if the sources changed, apply migrations, make sure
// the platform administrator and the catalog defaults exist, then serve (scripts/serve.ts: Next.js's
// handler on a Node server, the token endpoint's fast path, and a SIGTERM that drains requests and
// flushes usage counters).
// Run through tsx with the react-server condition so lib/ modules (import "server-only") load here.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "../lib/env";

const root = process.cwd();
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const HASH_FILE = path.join(root, ".next", "console-source-hash");

function listFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !(entry === "lib" && d.name === "generated") && !d.name.endsWith(".test.ts"))
    .flatMap((d) => listFiles(path.join(entry, d.name)));
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of BUILD_INPUTS.flatMap(listFiles).sort()) {
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const want = sourceHash();
  const have = existsSync(HASH_FILE) ? readFileSync(HASH_FILE, "utf8").trim() : "";
  if (have === want && existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("[start] sources changed since the last build: running next build …");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error("[start] next build failed; nothing was started.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(HASH_FILE, want + "\n");
}

async function main(): Promise<void> {
  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`[start] ${error.message}\nFix the variable(s) above and start again.`);
      process.exit(1);
    }
    throw error;
  }

  if (!process.argv.includes("--no-build")) buildIfNeeded();
  // `npm run build`: build when the sources changed (recording their hash, as `npm start` does), then stop.
  // CI builds once this way before the SQLite and PostgreSQL suites start their servers side by side.
  if (process.argv.includes("--build-only")) return;

  const { ensureMasterKey, masterKeyPath } = await import("../lib/security/master-key");
  if (ensureMasterKey()) console.log(`[start] wrote a new master key to ${masterKeyPath()} (keep it with the database)`);

  const { migrateDatabase } = await import("../lib/db/migrate");
  const where = env.databaseKind === "sqlite" ? env.databaseUrl.slice("file:".length) : "PostgreSQL";
  try {
    const { applied } = await migrateDatabase({ kind: env.databaseKind, url: env.databaseUrl });
    console.log(`[start] database ${where}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
  } catch (error) {
    console.error(`[start] could not prepare the database (${where}): ${(error as Error).message}`);
    process.exit(1);
  }

  const { ensurePlatformAdmin } = await import("../lib/users/accounts");
  const { ensureCatalogDefaults } = await import("../lib/apis/defaults");
  const { disconnectDb } = await import("../lib/db");
  await ensureCatalogDefaults();
  // The first signing key is made here, before any instance serves, so instances started together
  // do not each create their own on their first token request.
  const { signingKey } = await import("../lib/oauth/keys");
  await signingKey();
  const admin = await ensurePlatformAdmin({ email: env.adminEmail, password: env.adminPassword });
  if (admin?.generatedPassword) {
    const line = "=".repeat(64);
    console.log(
      `\n${line}\n  First start: a platform administrator was created.\n  Email:    ${admin.email}\n  Password: ${admin.generatedPassword}\n  This password is shown only now. Sign in at ${env.consoleUrl}/signin\n${line}\n`,
    );
  }
  await disconnectDb();

  console.log(`[start] serving on port ${env.port}; console at ${env.consoleUrl}`);
  // scripts/serve.ts: Next.js's request handler, plus the token endpoint's fast path (lib/oauth).
  // CONSOLE_CPU_PROF_DIR (benches: bench/token-endpoint.ts BENCH_CPU_PROF): the server writes a V8 CPU
  // profile there when it stops (Node refuses --cpu-prof in NODE_OPTIONS).
  const profile = process.env.CONSOLE_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CONSOLE_CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, "--conditions=react-server", "--import", "tsx", path.join(root, "scripts/serve.ts")], {
    // An IPC channel as well: when this process is gone (killed outright, its signals not forwarded),
    // the channel closes and the server stops instead of living on as an orphan.
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(env.port),
      AUTH_TRUST_HOST: "true",
      AUTH_URL: env.consoleUrl,
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

await main();
