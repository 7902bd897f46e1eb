// `npm run bench:load`: two console instances (built once, two ports) on one fresh PostgreSQL database,
// sharing CONSOLE_SECRET_KEY and REDIS_URL (when one answers at LOAD_REDIS_URL, default
// redis://127.0.0.1:6379), under a bounded mixed load through loopback, alternating instances:
// sign-ups and sign-ins (the server actions replayed as a browser without JavaScript posts them), app
// registrations through /apps/register (bench/console-client.ts), token requests (client credentials
// and password grants) and Hello API calls.
// Then both instances get SIGTERM (drain + usage flush) and the database is checked against what the
// clients saw: accounts created, apps registered (each with its secret), password grants written, Hello
// API calls counted.
// Prints requests served, errors, rows lost, and p50/p99 per kind. Exits non-zero on any error or lost row.
// LOAD_SECONDS (default 150), LOAD_CONCURRENCY (default 12), LOAD_PORT (default E2E_PORT+20 or 3981, and +1).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { whenHealthy } from "../scripts/when-healthy";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.LOAD_SECONDS ?? 150);
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 12);
const port0 = Number(process.env.LOAD_PORT ?? (process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 20 : 3981));
const ports = [port0, port0 + 1];
const bases = ports.map((p) => `http://127.0.0.1:${p}`);
const pgServer = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `console_load_${process.pid}_${Date.now().toString(36)}`;
const databaseUrl = pgServer.replace(/\/[^/]*$/, `/${dbName}`);
const tmp = mkdtempSync(path.join(os.tmpdir(), "console-load-"));
const PASSWORD = "correct-horse-battery-staple";

const admin = new pg.Client({ connectionString: pgServer });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();

let redisUrl: string | undefined = process.env.LOAD_REDIS_URL ?? "redis://127.0.0.1:6379";
if (spawnSync("redis-cli", ["-u", redisUrl, "ping"], { encoding: "utf8" }).stdout?.trim() !== "PONG") redisUrl = undefined;

Object.assign(process.env, {
  DATABASE_URL: databaseUrl,
  CONSOLE_SECRET_KEY: randomBytes(32).toString("base64url"),
  DATA_DIR: tmp,
  CONSOLE_ADMIN_EMAIL: "load-admin@example.com",
  CONSOLE_ADMIN_PASSWORD: "load-admin-password-1234",
  // Everything comes from 127.0.0.1: the per-address limits would otherwise be what is measured.
  CONSOLE_RATE_LIMITS: "signUp=1000000/3600,signIn=1000000/60,passwordGrant=1000000/60",
  OAUTH_RATE_LIMIT_PER_MINUTE: "10000000",
  CONSOLE_LOG_LEVEL: "error",
  NEXT_TELEMETRY_DISABLED: "1",
});
if (redisUrl) process.env.REDIS_URL = redisUrl;
else delete process.env.REDIS_URL;

// Build once (start.ts builds when sources changed), then start both with --no-build.
async function start(port: number, build: boolean): Promise<ChildProcess> {
  const busy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`port ${port} is already in use: set LOAD_PORT`);
  const args = ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/start.ts"), ...(build ? [] : ["--no-build"])];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), CONSOLE_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  return whenHealthy(child, `http://127.0.0.1:${port}/api/health`, `instance on ${port}`, 300_000);
}

console.log(
  `[load] PostgreSQL database ${dbName}; Redis ${redisUrl ?? "none (memory limits per instance)"}; ${seconds} s at concurrency ${concurrency}`,
);
const servers = [await start(ports[0]!, true)];
servers.push(await start(ports[1]!, false));

const { db, disconnectDb } = await import("../lib/db");
// The app under load is registered through the server, as a person would: the platform
// administrator signs in, creates a company with themselves as its Delegated Administrator (which makes
// them an API Developer there too), and registers the app on /apps/register.
const { ConsoleSession } = await import("./console-client");
const adminSessions = bases.map((b) => new ConsoleSession(b));
for (const s of adminSessions)
  if (!(await s.signIn(process.env.CONSOLE_ADMIN_EMAIL!, process.env.CONSOLE_ADMIN_PASSWORD!))) throw new Error("admin sign-in failed");
await adminSessions[0]!.createCompany(`Load Co ${process.pid}`, process.env.CONSOLE_ADMIN_EMAIL!);
const app = await adminSessions[0]!.registerApp(`Load app ${process.pid}`, ["client_credentials", "password"]);
const basic = "Basic " + Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString("base64");
const registeredIds: string[] = [app.appId]; // apps whose registration the client saw succeed

const decode = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
async function actionFields(base: string, page: string): Promise<Record<string, string>> {
  const html = await (await fetch(base + page)).text();
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/?>/g))
    fields[m[1]!] = decode(m[2] ?? "");
  if (!Object.keys(fields).length) throw new Error(`no server action form on ${page}`);
  return fields;
}
const signUpFields = await Promise.all(bases.map((b) => actionFields(b, "/signup")));
const signInFields = await Promise.all(bases.map((b) => actionFields(b, "/signin")));

type Kind = "sign-up" | "sign-in" | "register app" | "token (client credentials)" | "token (password)" | "hello";
const latencies = new Map<Kind, number[]>();
const errors: string[] = [];
const created: string[] = []; // accounts whose sign-up the client saw succeed
let passwordGrants = 0;
let helloOk = 0;
let served = 0;

async function timed(kind: Kind, run: () => Promise<boolean>): Promise<void> {
  const t = performance.now();
  let ok = false;
  try {
    ok = await run();
  } catch (error) {
    errors.push(`${kind}: ${(error as Error).message}`);
    served++;
    return;
  }
  const ms = performance.now() - t;
  served++;
  if (ok) {
    const list = latencies.get(kind) ?? [];
    list.push(ms);
    latencies.set(kind, list);
  } else if (errors.length < 1000) errors.push(`${kind}: refused or failed`);
}

function actionForm(fields: Record<string, string>, values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, v] of Object.entries(values)) form.append(k, v);
  return form;
}

let n = 0;
const accessTokens: string[] = ["", ""];
async function oneRequest(i: number): Promise<void> {
  const which = i % 2;
  const base = bases[which]!;
  const r = Math.random();
  if (r < 0.08 || created.length === 0) {
    const email = `load.${process.pid}.${++n}.${randomBytes(3).toString("hex")}@example.com`;
    await timed("sign-up", async () => {
      const res = await fetch(`${base}/signup`, {
        method: "POST",
        body: actionForm(signUpFields[which]!, { name: "Load Tester", email, password: PASSWORD }),
        headers: { origin: base },
        redirect: "manual",
      });
      await res.arrayBuffer();
      const ok = res.status === 303 && res.headers.getSetCookie().some((c) => c.includes("authjs.session-token="));
      if (ok) created.push(email);
      return ok;
    });
  } else if (r < 0.1) {
    await timed("register app", async () => {
      const registered = await adminSessions[which]!.registerApp(`Load app ${process.pid} ${++n}`, ["client_credentials"]);
      registeredIds.push(registered.appId);
      return true;
    });
  } else if (r < 0.2) {
    const email = created[Math.floor(Math.random() * created.length)]!;
    await timed("sign-in", async () => {
      const res = await fetch(`${base}/signin`, {
        method: "POST",
        body: actionForm(signInFields[which]!, { email, password: PASSWORD, callbackUrl: "" }),
        headers: { origin: base },
        redirect: "manual",
      });
      await res.arrayBuffer();
      return res.status === 303 && res.headers.getSetCookie().some((c) => c.includes("authjs.session-token="));
    });
  } else if (r < 0.4) {
    await timed("token (client credentials)", async () => {
      const res = await fetch(`${base}/oauth2/token`, {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      const json = (await res.json()) as { access_token?: string };
      if (res.status === 200 && json.access_token) accessTokens[which] = json.access_token;
      return res.status === 200;
    });
  } else if (r < 0.5) {
    const email = created[Math.floor(Math.random() * created.length)]!;
    await timed("token (password)", async () => {
      const res = await fetch(`${base}/oauth2/token`, {
        method: "POST",
        headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", username: email, password: PASSWORD }),
      });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${res.status} ${body.slice(0, 200)}`);
      passwordGrants++;
      return true;
    });
  } else {
    // Each instance here has its own CONSOLE_URL (its port), which is the tokens' issuer and audience: a
    // token is only valid at the instance that issued it. (Borrowing the other instance's token in the
    // first seconds was a "remaining load error": 1–3 invalid_token per run.) Instances of
    // one deployment share one CONSOLE_URL.
    const token = accessTokens[which];
    if (!token) return;
    await timed("hello", async () => {
      const res = await fetch(`${base}/api/hello`, { headers: { authorization: `Bearer ${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${res.status} ${res.headers.get("www-authenticate") ?? ""} ${body.slice(0, 200)}`);
      helloOk++;
      return true;
    });
  }
}

const until = Date.now() + seconds * 1000;
let i = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) await oneRequest(i++);
  }),
);

// Drain both instances (SIGTERM flushes usage counters), then count rows.
for (const s of servers) process.kill(-s.pid!, "SIGTERM");
await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once("exit", r)))));

const users = await db().user.count({ where: { email: { in: created } } });
const grants = await db().tokenGrant.count({ where: { appId: app.appId, kind: "password" } });
const usage =
  (await db().usageCounter.aggregate({ where: { appId: app.appId, outcome: "success" }, _sum: { calls: true } }))._sum.calls ?? 0;
const appsRegistered = await db().app.count({ where: { id: { in: registeredIds }, secrets: { some: {} } } });
await disconnectDb();
const lost =
  Math.max(0, created.length - users) +
  Math.max(0, passwordGrants - grants) +
  Math.abs(helloOk - usage) +
  Math.max(0, registeredIds.length - appsRegistered);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
console.log(`\n[load] ${seconds} s, 2 instances, concurrency ${concurrency}`);
console.log("kind                          count     p50 ms   p99 ms");
for (const [kind, xs] of latencies)
  console.log(
    `${kind.padEnd(28)} ${String(xs.length).padStart(6)} ${pct(xs, 50).toFixed(1).padStart(10)} ${pct(xs, 99).toFixed(1).padStart(8)}`,
  );
console.log(
  `accounts: ${created.length} seen created, ${users} in the database; password grants: ${passwordGrants} seen, ${grants} rows; Hello API calls: ${helloOk} answered 200, ${usage} counted; apps: ${registeredIds.length} seen registered, ${appsRegistered} with a secret in the database`,
);
console.log(`requests served: ${served}, errors: ${errors.length}, rows lost: ${lost}`);
if (errors.length) console.log(`first errors:\n  ${[...new Set(errors)].slice(0, 10).join("\n  ")}`);

const cleanup = new pg.Client({ connectionString: pgServer });
await cleanup.connect();
await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await cleanup.end();
rmSync(tmp, { recursive: true, force: true });
process.exit(errors.length === 0 && lost === 0 ? 0 : 1);
