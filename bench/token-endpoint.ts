// `npm run bench` (1/4): client-credentials token issuance (signed ES256 JWT access tokens,
// client_secret_basic) of the console against its FLOOR, in one run: bench/token-floor-server.ts does
// only what any Node server must (node:http, read the form, constant-time compare of the secret's HMAC
// digest, sign an ES256 JWT with node:crypto, RFC 6749 JSON). Same load generator (autocannon), same
// concurrency and duration, loopback with keep-alive, alternating rounds so a change in the machine's
// load (2 shared cores) does not favour whichever ran first.
// The console is the production build (scripts/start.ts builds when the sources changed) on a fresh
// SQLite database in a temporary directory, or with BENCH_DATABASE=postgresql on a fresh PostgreSQL
// database (server from TEST_POSTGRES_URL, default 127.0.0.1:5432 trust auth; skipped with a line when
// unreachable). BENCH_OIDC=1 adds oidc-provider 9 (the earlier baseline) as a third row.
// BENCH_CPU_PROF=<dir> runs the console's server with --cpu-prof (profiles written to <dir> at exit).
// Prints rates, console / floor, p50/p99 and server CPU per token. Figures only, no assertions.
import path from "node:path";
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeOAuthApp } from "../tests/factories/oauth";
import { basic, combine, load, type LoadResult, root, row, startChild, startConsole, stopChildren, tempDir, useConsole } from "./common";
import { consoleEnvironment, loadSettings } from "./setup";

const { CONNECTIONS, SECONDS, WARMUP, ROUNDS } = loadSettings({ connections: 64, seconds: 10, warmup: 3, rounds: 2 });
const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3989);
const OIDC_PORT = Number(process.env.BENCH_OIDC_PORT ?? 3990);
const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 3991);
const POSTGRES = process.env.BENCH_DATABASE === "postgresql";
const dir = tempDir();
let dropDatabase: (() => Promise<void>) | undefined;

async function sampleToken(url: string, authorization: string): Promise<string> {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&scope=hello",
  });
  const body = (await res.json()) as { access_token?: string; token_type?: string; expires_in?: number };
  if (res.status !== 200 || !body.access_token) throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  const header = JSON.parse(Buffer.from(body.access_token.split(".")[0]!, "base64url").toString());
  return `${header.alg}/${header.typ}, expires_in ${body.expires_in}`;
}

async function main(): Promise<void> {
  const setup = await consoleEnvironment("token");
  if (!setup) return;
  dropDatabase = setup.drop;
  const { proc: consoleProcess, env } = await startConsole(CONSOLE_PORT, dir, setup.env);
  useConsole(dir, env, { lib: false });
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  await closeTestDb();
  const form = "grant_type=client_credentials&scope=hello";
  const headers = { "content-type": "application/x-www-form-urlencoded" };
  const targets: { name: string; url: string; authorization: string; pid?: number }[] = [
    {
      name: POSTGRES ? "console (PG)" : "console (SQLite)",
      url: `http://127.0.0.1:${CONSOLE_PORT}/oauth2/token`,
      authorization: basic(app.clientId, app.clientSecret),
      pid: consoleProcess.pid,
    },
  ];

  const floorSecret = "apcs_bench-floor-secret-0123456789abcdefghijklmnop";
  const floor = await startChild(
    "floor",
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bench/token-floor-server.ts"],
    {
      BENCH_FLOOR_PORT: String(FLOOR_PORT),
      BENCH_CLIENT_ID: app.clientId,
      BENCH_CLIENT_SECRET: floorSecret,
      NODE_ENV: "production",
    },
    /ready/,
  );
  targets.push({
    name: "floor",
    url: `http://127.0.0.1:${FLOOR_PORT}/token`,
    authorization: basic(app.clientId, floorSecret),
    pid: floor.pid,
  });

  if (process.env.BENCH_OIDC === "1") {
    const oidcSecret = "bench-secret-0123456789-abcdefghijklmnop";
    const oidc = await startChild(
      "oidc-provider",
      [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bench/oidc-provider-server.ts"],
      {
        BENCH_OIDC_PORT: String(OIDC_PORT),
        BENCH_CLIENT_ID: "bench-client",
        BENCH_CLIENT_SECRET: oidcSecret,
        NODE_ENV: "production",
      },
      /ready/,
    );
    targets.push({
      name: "oidc-provider 9",
      url: `http://127.0.0.1:${OIDC_PORT}/token`,
      authorization: basic("bench-client", oidcSecret),
      pid: oidc.pid,
    });
  }

  for (const t of targets) console.log(`[bench] ${t.name} token: ${await sampleToken(t.url, t.authorization)}`);
  console.log(
    `[bench] token endpoint: autocannon, ${CONNECTIONS} connections, keep-alive; warm-up ${WARMUP} s each, then ${SECONDS} s each in ${ROUNDS} alternating rounds`,
  );
  const opts = (t: (typeof targets)[number]) => ({
    url: t.url,
    method: "POST" as const,
    headers: { ...headers, authorization: t.authorization },
    body: form,
    connections: CONNECTIONS,
  });
  for (const t of targets) await load(opts(t), WARMUP);
  const rounds = targets.map(() => [] as LoadResult[]);
  for (let i = 0; i < ROUNDS; i++) {
    for (const [k, t] of targets.entries()) rounds[k]!.push(await load(opts(t), SECONDS / ROUNDS, t.pid));
  }
  const results = rounds.map((r) => combine(r, SECONDS));
  console.log("");
  for (const [k, t] of targets.entries()) console.log(row(t.name, results[k]!, "token"));
  const [ours, theirs] = [results[0]!, results[1]!];
  console.log(`ratio (${targets[0]!.name} / floor): ${(ours.rps / theirs.rps).toFixed(2)}x  (target ≥ 0.8x)`);
  if (ours.serverCpuUs && theirs.serverCpuUs)
    console.log(
      `server CPU per token, floor / console: ${(theirs.serverCpuUs / ours.serverCpuUs).toFixed(2)}x (less sensitive to other load on the machine)`,
    );
  if (results[2]) console.log(`ratio (console / oidc-provider 9): ${(ours.rps / results[2].rps).toFixed(2)}x`);
  if (ours.non2xx || ours.errors) console.log("[bench] WARNING: the console answered errors during the run");
}

try {
  await main();
} finally {
  await stopChildren(dir);
  await dropDatabase?.().catch(() => {});
}
