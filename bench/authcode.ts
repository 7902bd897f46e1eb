// `npm run bench -- authcode`: the authorization-code path, end to end, of the console against
// oidc-provider 9 (bench/oidc-provider-authcode-server.ts) in the same run. One flow =
//   1. POST PAR (client_secret_basic; response_type=code, redirect_uri, scope hello, state, PKCE S256),
//   2. GET the authorization endpoint with client_id + request_uri, as a signed-in person whose consent
//      is already recorded: it must redirect to the redirect URI with the code (and the state) at once,
//   3. POST the token endpoint (authorization_code, redirect_uri, code_verifier, client_secret_basic),
//      which must answer 200 with an access token (an ES256 JWT on both servers; no refresh token).
// Any other answer stops the bench (a consent page or an interaction would not be a no-prompt flow).
// Console: the production build on a fresh SQLite database (BENCH_DATABASE=postgresql: a fresh
// PostgreSQL database, skipped with a line when unreachable); an app with requirePkce, a user with a
// ConsentGrant row for scope hello, and a Session row + Auth.js session cookie (as bench/usage-page.ts).
// oidc-provider: PAR, PKCE required, a Grant and a logged-in session made by one interaction at setup.
// Rounds alternate between the two (BENCH_ROUNDS, BENCH_FLOWS per round, BENCH_CONCURRENCY flows in
// flight) after a warm-up, so a change in the machine's load (2 shared cores) favours neither.
// Prints flows/s, p50/p99 per flow, p50 of each of the three requests, server CPU per flow and console / oidc-provider. Figures only.
// BENCH_CPU_PROF=<dir> runs the console's server with --cpu-prof (profiles written to <dir> at exit).
// Run with --conditions=react-server (it derives the session cookie's key through lib/security/crypto).
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { basic, postgresDatabase, root, runBench, startChild, startConsole, stopChildren, tempDir, treeCpuMs, useConsole } from "./common";
import { sessionCookie } from "./session";

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP_FLOWS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONSOLE_PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3989);
const OIDC_PORT = Number(process.env.BENCH_OIDC_PORT ?? 3992);
const POSTGRES = process.env.BENCH_DATABASE === "postgresql";
const REDIRECT_URI = "https://client.example/callback";
const dir = tempDir();
let dropDatabase: (() => Promise<void>) | undefined;

interface Target {
  name: string;
  par: string;
  authorize: string;
  token: string;
  clientId: string;
  authorization: string;
  cookie: string;
  pid?: number;
}

const form = { "content-type": "application/x-www-form-urlencoded" };

async function expectJson(res: Response, status: number, what: string): Promise<Record<string, unknown>> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** One complete flow; answers the access token (and, in `steps`, the milliseconds of each request). */
async function flow(t: Target, steps?: number[][]): Promise<string> {
  const mark = [performance.now()];
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(16).toString("base64url");
  const par = await expectJson(
    await fetch(t.par, {
      method: "POST",
      headers: { ...form, authorization: t.authorization },
      body: new URLSearchParams({
        response_type: "code",
        client_id: t.clientId,
        redirect_uri: REDIRECT_URI,
        scope: "hello",
        state,
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
    }),
    201,
    "PAR",
  );
  mark.push(performance.now());
  const authorize = await fetch(`${t.authorize}?${new URLSearchParams({ client_id: t.clientId, request_uri: String(par.request_uri) })}`, {
    headers: { cookie: t.cookie },
    redirect: "manual",
  });
  await authorize.arrayBuffer();
  const location = authorize.headers.get("location") ?? "";
  if (authorize.status < 300 || authorize.status >= 400 || !location.startsWith(REDIRECT_URI)) {
    throw new Error(`authorization endpoint answered ${authorize.status} ${location} (not a redirect with a code)`);
  }
  const callback = new URL(location).searchParams;
  const code = callback.get("code");
  if (!code || callback.get("state") !== state) throw new Error(`authorization response without code or with a wrong state: ${location}`);
  mark.push(performance.now());
  const token = await expectJson(
    await fetch(t.token, {
      method: "POST",
      headers: { ...form, authorization: t.authorization },
      body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
    }),
    200,
    "token endpoint",
  );
  if (typeof token.access_token !== "string") throw new Error(`no access token: ${JSON.stringify(token)}`);
  mark.push(performance.now());
  if (steps) for (let i = 0; i < 3; i++) steps[i]!.push(mark[i + 1]! - mark[i]!);
  return token.access_token;
}

interface Round {
  flows: number;
  seconds: number;
  cpuMs: number;
  latencies: number[];
  steps: number[][];
}

async function round(t: Target, flows: number): Promise<Round> {
  const latencies: number[] = [];
  const steps: number[][] = [[], [], []];
  let next = 0;
  const cpu0 = treeCpuMs(t.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < flows) {
        next++;
        const s = performance.now();
        await flow(t, steps);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { flows, seconds: (performance.now() - t0) / 1000, cpuMs: treeCpuMs(t.pid) - cpu0, latencies, steps };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** The session cookies of oidc-provider after one interaction at setup (see the server's header). */
async function oidcSession(base: string, clientId: string, authorization: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const par = await expectJson(
    await fetch(`${base}/request`, {
      method: "POST",
      headers: { ...form, authorization },
      body: new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: REDIRECT_URI,
        scope: "hello",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
    }),
    201,
    "oidc-provider PAR (setup)",
  );
  let url = `${base}/auth?${new URLSearchParams({ client_id: clientId, request_uri: String(par.request_uri) })}`;
  for (let hop = 0; hop < 5 && url.startsWith(base); hop++) {
    const res = await fetch(url, { headers: { cookie: cookie() }, redirect: "manual" });
    keep(res);
    await res.arrayBuffer();
    const location = res.headers.get("location");
    if (!location) throw new Error(`oidc-provider setup: ${url} answered ${res.status} without a redirect`);
    url = new URL(location, base).toString();
  }
  if (!url.startsWith(REDIRECT_URI) || !new URL(url).searchParams.get("code"))
    throw new Error(`oidc-provider setup did not end with a code: ${url}`);
  // Only the session cookies matter from now on (the interaction cookies were for that one flow).
  return [...jar]
    .filter(([k]) => k.startsWith("_session"))
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

async function consoleTarget(): Promise<Target> {
  const extra: Record<string, string> = {};
  if (POSTGRES) {
    const pg = await postgresDatabase("authcode");
    if (!pg) process.exit(0);
    extra.DATABASE_URL = pg.url;
    dropDatabase = pg.drop;
  }
  if (process.env.BENCH_CPU_PROF) extra.CONSOLE_CPU_PROF_DIR = path.resolve(process.env.BENCH_CPU_PROF);
  const { proc, env } = await startConsole(CONSOLE_PORT, dir, extra);
  useConsole(dir, env);
  const { newId } = await import("../lib/ids");
  const app = await makeOAuthApp(testDb(), {
    grantTypes: ["authorization_code"],
    redirectUri: REDIRECT_URI,
    settings: { requirePkce: true },
  });
  const user = await makeUser(testDb());
  const db = testDb();
  // The consent already given (what the consent page's Allow records), and a signed-in session row.
  await db.consentGrant.create({ data: { id: newId("consent"), userId: user.id, appId: app.appId, scope: "hello" } });
  const cookie = await sessionCookie(user.id, 86_400);
  await closeTestDb();
  const base = `http://127.0.0.1:${CONSOLE_PORT}`;
  return {
    name: POSTGRES ? "console (PG)" : "console (SQLite)",
    par: `${base}/oauth2/par`,
    authorize: `${base}/oauth2/authorize`,
    token: `${base}/oauth2/token`,
    clientId: app.clientId,
    authorization: basic(app.clientId, app.clientSecret),
    cookie,
    pid: proc.pid,
  };
}

async function oidcTarget(): Promise<Target> {
  const clientId = "bench-web";
  const secret = "bench-secret-0123456789-abcdefghijklmnop";
  const proc = await startChild(
    "oidc-provider",
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), "bench/oidc-provider-authcode-server.ts"],
    {
      BENCH_OIDC_PORT: String(OIDC_PORT),
      BENCH_CLIENT_ID: clientId,
      BENCH_CLIENT_SECRET: secret,
      BENCH_REDIRECT_URI: REDIRECT_URI,
      NODE_ENV: "production",
    },
    /ready/,
  );
  const base = `http://127.0.0.1:${OIDC_PORT}`;
  const authorization = basic(clientId, secret);
  return {
    name: "oidc-provider 9",
    par: `${base}/request`,
    authorize: `${base}/auth`,
    token: `${base}/token`,
    clientId,
    authorization,
    cookie: await oidcSession(base, clientId, authorization),
    pid: proc.pid,
  };
}

async function main(): Promise<void> {
  const targets = [await consoleTarget(), await oidcTarget()];
  for (const t of targets) {
    const header = JSON.parse(Buffer.from((await flow(t)).split(".")[0]!, "base64url").toString());
    console.log(`[bench] ${t.name}: one flow PAR → authorize (no prompt) → token gave a ${header.alg}/${header.typ} access token`);
  }
  console.log(
    `[bench] authorization-code flows: ${CONCURRENCY} in flight; warm-up ${WARMUP} flows each, then ${ROUNDS} alternating rounds of ${FLOWS} flows each`,
  );
  for (const t of targets) await round(t, WARMUP);
  const rounds = targets.map(() => [] as Round[]);
  for (let i = 0; i < ROUNDS; i++) {
    for (const [k, t] of targets.entries()) {
      const r = await round(t, FLOWS);
      rounds[k]!.push(r);
      console.log(`[bench]   round ${i + 1} ${t.name.padEnd(16)} ${(r.flows / r.seconds).toFixed(1)} flows/s`);
    }
  }
  const interactions = (await (await fetch(`http://127.0.0.1:${OIDC_PORT}/bench/interactions`)).json()) as { interactions: number };
  if (interactions.interactions !== 1) throw new Error(`oidc-provider prompted ${interactions.interactions - 1} times during the bench`);
  console.log("");
  const rates: number[] = [];
  for (const [k, t] of targets.entries()) {
    const rs = rounds[k]!;
    const flows = rs.reduce((a, r) => a + r.flows, 0);
    const rate = flows / rs.reduce((a, r) => a + r.seconds, 0);
    const latencies = rs.flatMap((r) => r.latencies);
    const cpu = (rs.reduce((a, r) => a + r.cpuMs, 0) * 1000) / flows;
    rates.push(rate);
    console.log(
      `${t.name.padEnd(16)} ${rate.toFixed(1).padStart(7)} flows/s   p50 ${percentile(latencies, 50).toFixed(0).padStart(4)} ms   p99 ${percentile(latencies, 99).toFixed(0).padStart(4)} ms per flow   server CPU ${cpu.toFixed(0)} µs/flow   (${flows} flows, 3 requests each)`,
    );
  }
  for (const [k, t] of targets.entries()) {
    const steps = [0, 1, 2].map((i) => rounds[k]!.flatMap((r) => r.steps[i]!));
    console.log(
      `${t.name.padEnd(16)} p50 per step: PAR ${percentile(steps[0]!, 50).toFixed(0)} ms, authorize ${percentile(steps[1]!, 50).toFixed(0)} ms, token ${percentile(steps[2]!, 50).toFixed(0)} ms`,
    );
  }
  console.log(`ratio (${targets[0]!.name} / oidc-provider 9): ${(rates[0]! / rates[1]!).toFixed(2)}x flows/s`);
}

await runBench("authorization-code", main, async () => {
  await stopChildren(dir);
  await dropDatabase?.().catch(() => {});
});
