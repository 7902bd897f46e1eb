// What a bench sets up before it measures: its load settings and the console's environment (database,
// profiling) from its own environment, a fresh database for lib/, an access token for the API it loads.
import path from "node:path";
import { createTestDatabase } from "../tests/test-database";
import { basic, postgresDatabase } from "./common";

/**
 * The load settings of an autocannon bench (BENCH_CONNECTIONS, BENCH_SECONDS, BENCH_WARMUP_SECONDS,
 * BENCH_ROUNDS), each over the bench's own default.
 */
export function loadSettings(defaults: { connections: number; seconds: number; warmup: number; rounds: number }) {
  const read = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  return {
    CONNECTIONS: read("BENCH_CONNECTIONS", defaults.connections),
    SECONDS: read("BENCH_SECONDS", defaults.seconds),
    WARMUP: read("BENCH_WARMUP_SECONDS", defaults.warmup),
    ROUNDS: read("BENCH_ROUNDS", defaults.rounds),
  };
}

/**
 * A fresh test database (tests/test-database.ts: SQLite, or PostgreSQL with TEST_DATABASE=postgresql)
 * that the lib/ modules a bench imports afterwards will use.
 */
export async function useFreshDatabase(secretKey: string) {
  const database = await createTestDatabase("bench");
  process.env.DATABASE_URL = database.url;
  process.env.DATA_DIR = database.dataDir;
  process.env.CONSOLE_SECRET_KEY ??= secretKey;
  return database;
}

/**
 * What startConsole adds to the console's environment for a bench: with BENCH_DATABASE=postgresql a fresh
 * PostgreSQL database (its DATABASE_URL, and drop() for the end; SQLite, startConsole's default,
 * otherwise), and with BENCH_CPU_PROF=<dir> the server's CPU profiles (written to <dir> at exit). Null when
 * the PostgreSQL server is unreachable (the reason is printed).
 */
export async function consoleEnvironment(label: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> } | null> {
  const env: Record<string, string> = {};
  if (process.env.BENCH_CPU_PROF) env.CONSOLE_CPU_PROF_DIR = path.resolve(process.env.BENCH_CPU_PROF);
  if (process.env.BENCH_DATABASE !== "postgresql") return { env, drop: async () => {} };
  const pg = await postgresDatabase(label);
  return pg && { env: { ...env, DATABASE_URL: pg.url }, drop: pg.drop };
}

/** An access token from the console's token endpoint at `base` (client_credentials, client_secret_basic). */
export async function clientCredentialsToken(base: string, app: { clientId: string; clientSecret: string }): Promise<string> {
  const res = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: { authorization: basic(app.clientId, app.clientSecret), "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  const { access_token: token } = (await res.json()) as { access_token: string };
  if (!token) throw new Error(`no token: ${res.status}`);
  return token;
}
