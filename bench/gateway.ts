// `npm run bench -- gateway`: the built-in gateway (CONSOLE_URL/gateway/<slug>/…: token verification
// with revocation, app/company/entitlement/subscription checks, a signed assertion per call, usage
// counting and a request log, undici to the upstream) against, in the same run and with the same load
// tool and connections (autocannon, 16), in alternating rounds:
//   - the upstream called directly (what the added latency is measured against);
//   - a floor proxy: node:http + undici + jose verify, nothing else (bench/gateway-floor-proxy.ts);
//   - a peer a user might pick: fastify + @fastify/http-proxy + @fastify/jwt (bench/gateway-fastify-peer.ts).
// Prints each rate, p50/p99, added p50/p99 over direct, the ratios (goals: ≥ 0.8× the floor,
// ≥ 1.5× the peer, p99 added ≤ 2 ms), then streams BENCH_BIG_BYTES (1 GiB) through the gateway while
// sampling the console's resident memory. No assertions.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { newId } from "../lib/ids.ts";
import { makeOAuthApp } from "../tests/factories/oauth";
import { combine, load, type LoadResult, root, startChild, startConsole, stopChildren, tempDir, useConsole } from "./common";
import { clientCredentialsToken, loadSettings } from "./setup";

const { CONNECTIONS, SECONDS, WARMUP, ROUNDS } = loadSettings({ connections: 16, seconds: 10, warmup: 3, rounds: 2 });
const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 4042);
const UPSTREAM_PORT = CONSOLE_PORT + 1;
const FLOOR_PORT = CONSOLE_PORT + 2;
const PEER_PORT = CONSOLE_PORT + 4; // not +3: 4045 is on fetch's list of blocked ports
const BIG_BYTES = Number(process.env.BENCH_BIG_BYTES ?? 1024 ** 3);
const SLUG = "bench";
const dir = tempDir();
const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");

/** Resident memory (KiB) of a process and its descendants (Linux /proc). */
function treeRssKiB(pid: number): number {
  let kib = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(" ").filter(Boolean))
      kib += treeRssKiB(Number(task));
  } catch {}
  return kib;
}

function line(name: string, r: LoadResult, direct?: LoadResult): string {
  const added = direct ? `   added p50 ${(r.p50 - direct.p50).toFixed(2)} ms, p99 ${(r.p99 - direct.p99).toFixed(2)} ms` : "";
  return `${name.padEnd(22)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms${added}   (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
}

async function main(): Promise<void> {
  const upstream = `http://127.0.0.1:${UPSTREAM_PORT}`;
  await startChild(
    "upstream",
    [tsx, "bench/gateway-upstream-server.ts"],
    { BENCH_UPSTREAM_PORT: String(UPSTREAM_PORT), BENCH_BIG_BYTES: String(BIG_BYTES) },
    /ready/,
  );
  const { proc: consoleProcess, env } = await startConsole(CONSOLE_PORT, dir, { CONSOLE_LOG_LEVEL: "warn" });
  useConsole(dir, env, { lib: false });
  const db = testDb();
  const api = await db.api.create({
    data: { id: newId("api"), slug: SLUG, name: "Bench API", endpoint: `/gateway/${SLUG}`, openToAll: true, upstreamUrl: upstream },
  });
  const app = await makeOAuthApp(db, { grantTypes: ["client_credentials"], subscribeHello: false });
  await db.appApiSubscription.create({ data: { appId: app.appId, apiId: api.id } });
  await closeTestDb();
  const base = `http://127.0.0.1:${CONSOLE_PORT}`;
  const token = await clientCredentialsToken(base, app);
  const verifyEnv = {
    BENCH_JWKS_URL: `${base}/oauth2/jwks`,
    BENCH_ISSUER: base,
    BENCH_AUDIENCE: `${base}/api`,
    BENCH_UPSTREAM_URL: upstream,
    NODE_ENV: "production",
  };
  const floor = await startChild(
    "floor proxy",
    [tsx, "bench/gateway-floor-proxy.ts"],
    { ...verifyEnv, BENCH_FLOOR_PORT: String(FLOOR_PORT) },
    /ready/,
  );
  const peer = await startChild(
    "fastify peer",
    [tsx, "bench/gateway-fastify-peer.ts"],
    { ...verifyEnv, BENCH_PEER_PORT: String(PEER_PORT) },
    /ready/,
  );

  const headers = { authorization: `Bearer ${token}` };
  const targets = {
    direct: { url: `${upstream}/v1/items?page=2`, headers, connections: CONNECTIONS },
    gateway: { url: `${base}/gateway/${SLUG}/v1/items?page=2`, headers, connections: CONNECTIONS },
    floor: { url: `http://127.0.0.1:${FLOOR_PORT}/gateway/${SLUG}/v1/items?page=2`, headers, connections: CONNECTIONS },
    peer: { url: `http://127.0.0.1:${PEER_PORT}/gateway/${SLUG}/v1/items?page=2`, headers, connections: CONNECTIONS },
  };
  for (const t of Object.values(targets)) {
    const r = await fetch(t.url, { headers });
    if (r.status !== 200) throw new Error(`${t.url} answered ${r.status}: ${await r.text()}`);
    await r.text();
  }
  const pids = { direct: undefined, gateway: consoleProcess.pid, floor: floor.pid, peer: peer.pid };
  console.log(
    `[bench] gateway: autocannon, ${CONNECTIONS} connections, keep-alive; warm-up ${WARMUP} s each, then ${SECONDS} s each in ${ROUNDS} alternating rounds`,
  );
  const names = Object.keys(targets) as (keyof typeof targets)[];
  for (const n of names) await load(targets[n], WARMUP);
  const rounds: Record<string, LoadResult[]> = { direct: [], gateway: [], floor: [], peer: [] };
  for (let i = 0; i < ROUNDS; i++) for (const n of names) rounds[n]!.push(await load(targets[n], SECONDS / ROUNDS, pids[n]));
  const r = Object.fromEntries(names.map((n) => [n, combine(rounds[n]!, SECONDS)])) as Record<keyof typeof targets, LoadResult>;
  console.log("\n" + line("upstream directly", r.direct));
  console.log(line("console gateway", r.gateway, r.direct));
  console.log(line("floor proxy", r.floor, r.direct));
  console.log(line("fastify peer", r.peer, r.direct));
  console.log(`ratio gateway / floor: ${(r.gateway.rps / r.floor.rps).toFixed(2)}x (goal ≥ 0.8x)`);
  console.log(`ratio gateway / fastify peer: ${(r.gateway.rps / r.peer.rps).toFixed(2)}x (goal ≥ 1.5x)`);
  console.log(`gateway p99 added over direct: ${(r.gateway.p99 - r.direct.p99).toFixed(2)} ms (goal ≤ 2 ms)`);
  if (r.gateway.non2xx || r.gateway.errors) console.log("[bench] WARNING: the gateway answered errors during the run");

  // Memory while a large response streams through the gateway (a slow reader would hold it otherwise).
  const pid = consoleProcess.pid!;
  const before = treeRssKiB(pid);
  let peak = before;
  let received = 0;
  const started = performance.now();
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssKiB(pid))), 100);
  await new Promise<void>((resolve, reject) => {
    http
      .get(`${base}/gateway/${SLUG}/big`, { headers }, (res) => {
        res.on("data", (c: Buffer) => (received += c.length));
        res.on("end", resolve);
        res.on("error", reject);
      })
      .on("error", reject);
  });
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `streamed ${(received / 1024 ** 2).toFixed(0)} MiB through the gateway in ${seconds.toFixed(1)} s (${(received / 1024 ** 2 / seconds).toFixed(0)} MiB/s): console RSS ${(before / 1024).toFixed(0)} MiB before, peak ${(peak / 1024).toFixed(0)} MiB (+${((peak - before) / 1024).toFixed(0)} MiB)`,
  );
}

try {
  await main();
} finally {
  await stopChildren(dir);
}
