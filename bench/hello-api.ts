// `npm run bench` (2/3): Hello API throughput — the console's GET /api/hello (JWT verification,
// revocation check, subscription check, usage counting) against a bare Node HTTP server doing only
// the same JWT verification with jose (bench/jose-hello-server.ts: same keys via the console's JWKS,
// same token), with the same load tool (autocannon) and concurrency, in alternating rounds.
// Prints both rates, the ratio (target ≥ 0.8×), p50/p99 and server CPU per call. No assertions.
import path from "node:path";
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeOAuthApp } from "../tests/factories/oauth";
import { combine, load, type LoadResult, root, row, startChild, startConsole, stopChildren, tempDir, useConsole } from "./common";
import { clientCredentialsToken, loadSettings } from "./setup";

const { CONNECTIONS, SECONDS, WARMUP, ROUNDS } = loadSettings({ connections: 64, seconds: 10, warmup: 3, rounds: 2 });
const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3989);
const JOSE_PORT = Number(process.env.BENCH_JOSE_PORT ?? 3992);
const dir = tempDir();

async function main(): Promise<void> {
  const { proc: consoleProcess, env } = await startConsole(CONSOLE_PORT, dir);
  useConsole(dir, env, { lib: false });
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  await closeTestDb();
  const base = `http://127.0.0.1:${CONSOLE_PORT}`;
  const token = await clientCredentialsToken(base, app);

  const joseProcess = await startChild(
    "jose server",
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bench/jose-hello-server.ts"],
    {
      BENCH_JOSE_PORT: String(JOSE_PORT),
      BENCH_JWKS_URL: `${base}/oauth2/jwks`,
      BENCH_ISSUER: base,
      BENCH_AUDIENCE: `${base}/api`,
      NODE_ENV: "production",
    },
    /ready/,
  );
  const headers = { authorization: `Bearer ${token}` };
  const ours = { url: `${base}/api/hello`, headers, connections: CONNECTIONS };
  const theirs = { url: `http://127.0.0.1:${JOSE_PORT}/api/hello`, headers, connections: CONNECTIONS };
  for (const t of [ours, theirs]) {
    const r = await fetch(t.url, { headers });
    if (r.status !== 200) throw new Error(`${t.url} answered ${r.status}: ${await r.text()}`);
  }
  console.log(
    `[bench] Hello API: autocannon, ${CONNECTIONS} connections, keep-alive; warm-up ${WARMUP} s each, then ${SECONDS} s each in ${ROUNDS} alternating rounds`,
  );
  await load(ours, WARMUP);
  await load(theirs, WARMUP);
  const a: LoadResult[] = [];
  const b: LoadResult[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    a.push(await load(ours, SECONDS / ROUNDS, consoleProcess.pid));
    b.push(await load(theirs, SECONDS / ROUNDS, joseProcess.pid));
  }
  const x = combine(a, SECONDS);
  const y = combine(b, SECONDS);
  console.log("\n" + row("console /api/hello", x, "call"));
  console.log(row("bare jose server", y, "call"));
  console.log(`ratio (console / bare jose): ${(x.rps / y.rps).toFixed(2)}x  (target ≥ 0.8x)`);
  if (x.serverCpuUs && y.serverCpuUs)
    console.log(`server CPU per call, bare jose / console: ${(y.serverCpuUs / x.serverCpuUs).toFixed(2)}x`);
  if (x.non2xx || x.errors) console.log("[bench] WARNING: the console answered errors during the run");
}

try {
  await main();
} finally {
  await stopChildren(dir);
}
