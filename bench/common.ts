// Shared pieces of the benches (bench/*.ts): start the console (production build, fresh SQLite
// database in a temporary directory) and other servers as children, run autocannon with server CPU
// per request from /proc, and combine alternating rounds. Never timed assertions: figures only.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { basicHeader } from "../tests/factories/oauth";

export const root = process.cwd();
const children: ChildProcess[] = [];

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "console-bench-"));
}

export function startChild(name: string, args: string[], env: Record<string, string>, readyText: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let log = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${log}`)), 300_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (readyText.test(log)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${log}`));
    });
  });
}

export async function stopChildren(dir?: string): Promise<void> {
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
  const exited = running.map((c) => new Promise((r) => c.once("exit", r)));
  for (const c of running) c.kill("SIGTERM");
  // Until they have exited (a CPU profile is written at exit), at most 5 s.
  await Promise.race([Promise.all(exited), new Promise((r) => setTimeout(r, 5000))]);
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** The console (built if the sources changed) on a fresh SQLite database in `dir`. */
export async function startConsole(port: number, dir: string, extraEnv: Record<string, string> = {}) {
  const env = {
    PORT: String(port),
    CONSOLE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "console.db")}`,
    CONSOLE_ADMIN_EMAIL: "bench.admin@example.com",
    CONSOLE_ADMIN_PASSWORD: "bench-admin-password-123",
    OAUTH_RATE_LIMIT_PER_MINUTE: "100000000",
    NEXT_TELEMETRY_DISABLED: "1",
    ...extraEnv,
  };
  // Build first, in its own step: under load a build outlasts the start-up wait below.
  console.log(`[bench] building the console if the sources changed …`);
  const built = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts", "--build-only"],
    {
      env: { ...process.env, ...env },
      stdio: "inherit",
    },
  );
  if (built.status !== 0) throw new Error("the console did not build");
  console.log(`[bench] starting the console on 127.0.0.1:${port} …`);
  const proc = await startChild(
    "console",
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"],
    env,
    /serving on port/,
  );
  await waitFor(`http://127.0.0.1:${port}/api/health`);
  return { proc, env };
}

/**
 * Points this process at a console startConsole started: the test data (e2e/fixtures/db.ts,
 * tests/factories/keys.ts) through E2E_DATA_DIR / E2E_DATABASE_URL and, unless `lib: false`, the lib/
 * modules the bench imports (DATA_DIR, DATABASE_URL, CONSOLE_URL).
 */
export function useConsole(dir: string, env: { DATABASE_URL: string; CONSOLE_URL: string }, opts: { lib?: boolean } = {}): void {
  if (opts.lib ?? true) Object.assign(process.env, { DATA_DIR: dir, DATABASE_URL: env.DATABASE_URL, CONSOLE_URL: env.CONSOLE_URL });
  Object.assign(process.env, { E2E_DATA_DIR: dir, E2E_DATABASE_URL: env.DATABASE_URL });
}

/** CPU milliseconds used so far by a process and its descendants (Linux /proc; 0 elsewhere). */
export function treeCpuMs(pid: number | undefined): number {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const kids = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const child of kids ? kids.split(" ") : []) ms += treeCpuMs(Number(child));
  }
  return ms;
}

export interface LoadResult {
  serverCpuUs: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

export async function load(
  opts: { url: string; method?: "GET" | "POST"; headers?: Record<string, string>; body?: string; connections: number },
  seconds: number,
  serverPid?: number,
): Promise<LoadResult> {
  const server0 = treeCpuMs(serverPid);
  const r = await autocannon({
    url: opts.url,
    method: opts.method ?? "GET",
    connections: opts.connections,
    duration: seconds,
    pipelining: 1,
    headers: opts.headers,
    body: opts.body,
  });
  const serverMs = treeCpuMs(serverPid) - server0;
  return {
    serverCpuUs: r.requests.total ? (serverMs * 1000) / r.requests.total : 0,
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    requests: r.requests.total,
  };
}

export function combine(rounds: LoadResult[], seconds: number): LoadResult {
  const requests = rounds.reduce((a, r) => a + r.requests, 0);
  return {
    serverCpuUs: rounds.reduce((a, r) => a + r.serverCpuUs * r.requests, 0) / Math.max(1, requests),
    rps: requests / seconds,
    p50: Math.round(rounds.reduce((a, r) => a + r.p50 * r.requests, 0) / Math.max(1, requests)),
    p99: Math.max(...rounds.map((r) => r.p99)),
    non2xx: rounds.reduce((a, r) => a + r.non2xx, 0),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    requests,
  };
}

export function row(name: string, r: LoadResult, unit = "req"): string {
  return `${name.padEnd(16)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   server CPU ${r.serverCpuUs.toFixed(0)} µs/${unit}   (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
}

/** HTTP Basic client authentication (tests/factories/oauth.ts). */
export const basic = basicHeader;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * A fresh PostgreSQL database for a bench (server from TEST_POSTGRES_URL, default the local one with
 * trust auth), or null with the reason printed when the server is unreachable.
 */
export async function postgresDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `console_bench_${label}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    console.log(`[bench] PostgreSQL at ${server} is not reachable (${(error as Error).message}): the PostgreSQL case is skipped`);
    return null;
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Runs a bench's main(), then always stops its child servers and drops its database; exits 1 when main
 * failed (printed with the bench's label), 0 otherwise.
 */
export async function runBench(label: string, main: () => Promise<void>, cleanup: () => Promise<void>): Promise<never> {
  let failed = false;
  try {
    await main();
  } catch (error) {
    console.error(`[bench] ${label} bench failed:`, error);
    failed = true;
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}
