// `npm run bench`: client-credentials token issuance (signed JWT access tokens, client_secret_basic)
// of the console against oidc-provider 9 doing the same, in one run, with the same load generator
// (autocannon), the same concurrency and duration, on loopback with keep-alive.
// The console is the production build (scripts/start.ts builds when the sources changed) on a fresh
// SQLite database in a temporary directory. Each server gets a warm-up, then a bounded measurement.
// Prints both rates, the ratio (console / oidc-provider) and p50/p99 latencies.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

// Enough requests in flight to keep each server busy (throughput-bound, not round-trip-bound) on a
// shared 2-core machine; the same for both servers.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
// The measured time of each server is split into rounds that alternate (console, oidc-provider, console,
// …), so a change in the machine's load (2 shared cores) does not favour whichever ran first.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3989);
const OIDC_PORT = Number(process.env.BENCH_OIDC_PORT ?? 3990);
const root = process.cwd();
const dir = mkdtempSync(path.join(tmpdir(), "console-bench-"));
const children: ChildProcess[] = [];

function startChild(name: string, args: string[], env: Record<string, string>, readyText: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let log = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start in time:\n${log}`)), 300_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (readyText.test(log)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => (log += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${log}`));
    });
  });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** CPU milliseconds used so far by a process and its descendants (Linux /proc; 0 elsewhere). */
function treeCpuMs(pid: number | undefined): number {
  if (!pid || !existsSync(`/proc/${pid}/stat`)) return 0;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  let ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in clock ticks (USER_HZ 100)
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
    for (const child of children ? children.split(" ") : []) ms += treeCpuMs(Number(child));
  }
  return ms;
}

interface Result {
  /** Server CPU per request (µs), from /proc: steadier than the rate on a shared machine. */
  serverCpuUs: number;
  /** CPU used by the load generator (this process) as a share of one core: near 100 % means it, not the server, is the limit. */
  loadCpu: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  requests: number;
}

async function load(url: string, authorization: string, seconds: number, serverPid?: number): Promise<Result> {
  const server0 = treeCpuMs(serverPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&scope=hello",
  });
  const cpu = process.cpuUsage(cpu0);
  const serverMs = treeCpuMs(serverPid) - server0;
  return {
    serverCpuUs: r.requests.total ? (serverMs * 1000) / r.requests.total : 0,
    loadCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - t0),
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    requests: r.requests.total,
  };
}

/** Rounds together: total rate; p50 the request-weighted mean of the rounds' p50, p99 the worst round's. */
function combine(rounds: Result[], seconds: number): Result {
  const requests = rounds.reduce((a, r) => a + r.requests, 0);
  return {
    serverCpuUs: rounds.reduce((a, r) => a + r.serverCpuUs * r.requests, 0) / Math.max(1, rounds.reduce((a, r) => a + r.requests, 0)),
    loadCpu: rounds.reduce((a, r) => a + r.loadCpu, 0) / rounds.length,
    rps: requests / seconds,
    p50: Math.round(rounds.reduce((a, r) => a + r.p50 * r.requests, 0) / Math.max(1, requests)),
    p99: Math.max(...rounds.map((r) => r.p99)),
    non2xx: rounds.reduce((a, r) => a + r.non2xx, 0),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    requests,
  };
}

function basic(id: string, secret: string): string {
  return "Basic " + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64");
}

async function sampleToken(url: string, authorization: string): Promise<string> {
  const res = await fetch(url, { method: "POST", headers: { authorization, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials&scope=hello" });
  const body = (await res.json()) as { access_token?: string; token_type?: string; expires_in?: number };
  if (res.status !== 200 || !body.access_token) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  const header = JSON.parse(Buffer.from(body.access_token.split(".")[0]!, "base64url").toString());
  return `${header.alg}/${header.typ}, expires_in ${body.expires_in}`;
}

async function main(): Promise<void> {
  // 1. The console, built, on a fresh SQLite database.
  const consoleEnv = {
    PORT: String(CONSOLE_PORT),
    CONSOLE_URL: `http://127.0.0.1:${CONSOLE_PORT}`,
    DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, "console.db")}`,
    CONSOLE_ADMIN_EMAIL: "bench.admin@example.com",
    CONSOLE_ADMIN_PASSWORD: "bench-admin-password-123",
    // The benchmark measures issuance, not the limiter's refusals: one client may send this many.
    OAUTH_RATE_LIMIT_PER_MINUTE: "100000000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  console.log(`[bench] starting the console (builds first if the sources changed) on 127.0.0.1:${CONSOLE_PORT} …`);
  const consoleProcess = await startChild("console", [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/start.ts"], consoleEnv, /serving on port/);
  await waitFor(`http://127.0.0.1:${CONSOLE_PORT}/api/health`);

  process.env.E2E_DATA_DIR = dir;
  process.env.E2E_DATABASE_URL = consoleEnv.DATABASE_URL;
  const { createApp, closeTestDb } = await import("../e2e/fixtures/db");
  const app = await createApp({ grantTypes: ["client_credentials"] });
  await closeTestDb();
  const consoleUrl = `http://127.0.0.1:${CONSOLE_PORT}/oauth2/token`;
  const consoleAuth = basic(app.clientId, app.clientSecret);

  // 2. oidc-provider on another loopback port.
  const oidcSecret = "bench-secret-0123456789-abcdefghijklmnop";
  const oidcProcess = await startChild("oidc-provider", [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bench/oidc-provider-server.ts"], {
    BENCH_OIDC_PORT: String(OIDC_PORT),
    BENCH_CLIENT_ID: "bench-client",
    BENCH_CLIENT_SECRET: oidcSecret,
    NODE_ENV: "production",
  }, /ready/);
  const oidcUrl = `http://127.0.0.1:${OIDC_PORT}/token`;
  const oidcAuth = basic("bench-client", oidcSecret);

  console.log(`[bench] console token: ${await sampleToken(consoleUrl, consoleAuth)}`);
  console.log(`[bench] oidc-provider token: ${await sampleToken(oidcUrl, oidcAuth)}`);
  console.log(`[bench] autocannon, ${CONNECTIONS} connections, keep-alive; warm-up ${WARMUP} s each, then ${DURATION} s each in ${ROUNDS} alternating rounds`);

  await load(consoleUrl, consoleAuth, WARMUP);
  await load(oidcUrl, oidcAuth, WARMUP);
  const oursRounds: Result[] = [];
  const theirsRounds: Result[] = [];
  const slice = DURATION / ROUNDS;
  for (let i = 0; i < ROUNDS; i++) {
    oursRounds.push(await load(consoleUrl, consoleAuth, slice, consoleProcess.pid));
    theirsRounds.push(await load(oidcUrl, oidcAuth, slice, oidcProcess.pid));
  }
  const ours = combine(oursRounds, DURATION);
  const theirs = combine(theirsRounds, DURATION);

  const row = (name: string, r: Result) =>
    `${name.padEnd(14)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   server CPU ${r.serverCpuUs.toFixed(0)} µs/token   (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors; load generator CPU ${(r.loadCpu * 100).toFixed(0)} %)`;
  console.log("\n" + row("console", ours));
  console.log(row("oidc-provider", theirs));
  const ratio = ours.rps / theirs.rps;
  console.log(`ratio (console / oidc-provider): ${ratio.toFixed(2)}x  (target ≥ 1.5x)`);
  if (ours.serverCpuUs && theirs.serverCpuUs) {
    console.log(`server CPU per token, oidc-provider / console: ${(theirs.serverCpuUs / ours.serverCpuUs).toFixed(2)}x (less sensitive to other load on the machine)`);
  }
  if (ours.non2xx || ours.errors) console.log("[bench] WARNING: the console answered errors during the run");
}

try {
  await main();
} finally {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dir, { recursive: true, force: true });
}
