// Fault injection against the real, built console (`npm run test:faults`; FAULTS_FAST=1 for the short
// variant CI runs). On a fresh SQLite database in a temp folder (or a fresh PostgreSQL database when
// TEST_DATABASE=postgresql):
//  1. SIGKILL: workers issue tokens through the running server (password grants that write a consent,
//     a TokenGrant and a RefreshToken in one transaction; refresh-token rotations; client credentials)
//     while the server is killed with SIGKILL several times and restarted. Afterwards every refresh token
//     a client saw issued is in the database, and nothing is half-written (every password TokenGrant
//     has its RefreshToken, every RefreshToken its TokenGrant, every App its secret and audit row).
//  2. SIGTERM: a stream of Hello API calls; SIGTERM mid-stream; once the server has drained, the usage
//     counters hold exactly the number of calls that were answered 200.
// Prints "faults survived: N, rows lost: L" and exits non-zero when L > 0 or anything is half-written.
// Run through tsx with --conditions=react-server (lib/ is "server-only").
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { whenHealthy } from "./when-healthy";

const root = path.resolve(import.meta.dirname, "..");
const fast = process.env.FAULTS_FAST === "1";
const kills = Number(process.env.FAULTS_KILLS ?? (fast ? 3 : 8));
const workers = Number(process.env.FAULTS_WORKERS ?? 6);
const port = Number(process.env.FAULTS_PORT ?? (process.env.E2E_PORT ? Number(process.env.E2E_PORT) + 50 : 3969));
const base = `http://127.0.0.1:${port}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "console-faults-"));
const usePg = process.env.TEST_DATABASE === "postgresql";
const pgDb = `console_faults_${process.pid}_${Date.now().toString(36)}`;
const pgAdminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

process.env.DATA_DIR = tmp;
process.env.PORT = String(port);
process.env.CONSOLE_URL = base;
process.env.CONSOLE_ADMIN_EMAIL = "faults-admin@example.com";
process.env.CONSOLE_ADMIN_PASSWORD = "faults-admin-password-1234";
process.env.OAUTH_RATE_LIMIT_PER_MINUTE = "1000000";
process.env.CONSOLE_RATE_LIMITS = "passwordGrant=1000000/60";
delete process.env.REDIS_URL;
if (usePg) {
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pgDb}`);
  await admin.end();
  process.env.DATABASE_URL = pgAdminUrl.replace(/\/[^/]*$/, `/${pgDb}`);
} else delete process.env.DATABASE_URL;

async function startServer(extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  if (
    await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use: set FAULTS_PORT`);
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: { ...process.env, CONSOLE_LOG_LEVEL: "error", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: SIGKILL reaches start.ts and serve.ts at once
  });
  return whenHealthy(child, `${base}/api/health`, "the console", 240_000);
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));

async function killHard(child: ChildProcess) {
  process.kill(-child.pid!, "SIGKILL");
  await exited(child);
}

// ---- data through lib (setup only; everything measured goes through the running server) ----
let server = await startServer();
const { db, disconnectDb } = await import("../lib/db");
const { makeUser } = await import("../tests/factories/people");
const { PASSWORD } = await import("../tests/factories/constants");
const { tokenDigest } = await import("../lib/oauth/tokens");
const { ConsoleSession } = await import("../bench/console-client");
// Apps are registered through the running server, as a person does (so a kill mid-registration is tested too): the platform
// administrator signs in, creates a company naming themselves its Delegated Administrator (which makes
// them an API Developer there too) and registers the app on /apps/register.
const adminEmail = process.env.CONSOLE_ADMIN_EMAIL!;
const adminPassword = process.env.CONSOLE_ADMIN_PASSWORD!;
let admin = new ConsoleSession(base);
if (!(await admin.signIn(adminEmail, adminPassword))) throw new Error("the platform administrator could not sign in");
await admin.createCompany(`Faults Co ${process.pid}`, adminEmail);
const app = await admin.registerApp(`Faults app ${process.pid}`, ["password", "refresh_token", "client_credentials"]);
const users = await Promise.all(Array.from({ length: workers }, () => makeUser(db())));
const basic = "Basic " + Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`).toString("base64");

async function token(body: Record<string, string>): Promise<{ status: number; json: Record<string, string> } | null> {
  try {
    const res = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, string> };
  } catch {
    return null; // connection refused/reset: the server is down; the client saw no success
  }
}

// ---- 1. SIGKILL during token issuance ----
const seenRefresh = new Set<string>(); // refresh tokens a client saw issued (200)
let issued = 0;
let serverErrors = 0;
let running = true;
async function worker(i: number) {
  const user = users[i]!;
  let refresh: string | undefined;
  while (running) {
    const r =
      refresh && Math.random() < 0.6
        ? await token({ grant_type: "refresh_token", refresh_token: refresh })
        : Math.random() < 0.8
          ? await token({ grant_type: "password", username: user.email, password: PASSWORD })
          : await token({ grant_type: "client_credentials" });
    if (!r) {
      await new Promise((res) => setTimeout(res, 50));
      continue;
    }
    if (r.status >= 500) serverErrors++;
    if (r.status === 200) {
      issued++;
      if (r.json.refresh_token) {
        seenRefresh.add(r.json.refresh_token);
        refresh = r.json.refresh_token;
      }
    } else if (r.status === 400) refresh = undefined; // e.g. a rotation whose answer was lost in a kill: start again
  }
}

// One more worker registers apps through the server while it is being killed: every app it saw
// registered must exist afterwards with its secret (and no app anywhere may lack one).
const seenApps: string[] = [];
let registrations = 0;
async function registrar() {
  while (running) {
    try {
      const r = await admin.registerApp(`Faults app ${process.pid} ${++registrations}`, ["client_credentials"]);
      seenApps.push(r.appId);
    } catch {
      // The server went down mid-registration (the client saw no success), or the session is gone with it:
      // sign in again once it is back.
      await new Promise((res) => setTimeout(res, 200));
      const again = new ConsoleSession(base);
      if (await again.signIn(adminEmail, adminPassword).catch(() => false)) admin = again;
    }
  }
}

const load = [...Array.from({ length: workers }, (_, i) => worker(i)), registrar()];
let survived = 0;
let halfWrittenExtra = 0; // counts a failed database-away check, so the run fails
for (let k = 0; k < kills; k++) {
  // Kill mid-flight: once the restarted server has issued some tokens (or after 8 s), at a random moment.
  const mark = issued;
  for (let w = 0; w < 80 && issued - mark < 30; w++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, Math.random() * 700));
  await killHard(server);
  survived++;
  server = await startServer();
}
await new Promise((r) => setTimeout(r, 1000));
running = false;
await Promise.all(load);

const digests = [...seenRefresh].map((t) => tokenDigest(t));
let present = 0;
for (let i = 0; i < digests.length; i += 500)
  present += await db().refreshToken.count({ where: { tokenDigest: { in: digests.slice(i, i + 500) } } });
const lost = digests.length - present;
const halfGrants = await db().tokenGrant.count({ where: { appId: app.appId, kind: "password", refreshTokens: { none: {} } } });
const orphanRows = await db().$queryRawUnsafe<{ n: number | bigint }[]>(
  `SELECT count(*) AS n FROM "RefreshToken" r LEFT JOIN "TokenGrant" g ON g."id" = r."tokenGrantId" WHERE g."id" IS NULL`,
);
const orphanRefresh = Number(orphanRows[0]?.n ?? 0);
const appsWithoutSecret = await db().app.count({ where: { secrets: { none: {} } } });
const appsLost = seenApps.length - (await db().app.count({ where: { id: { in: seenApps }, secrets: { some: {} } } }));
console.log(
  `[faults] SIGKILL: ${survived} kills during ${issued} tokens issued (${seenRefresh.size} refresh tokens seen); ` +
    `refresh tokens lost: ${lost}; password grants without a refresh token: ${halfGrants}; orphan refresh tokens: ${orphanRefresh}; apps without a secret: ${appsWithoutSecret}; ` +
    `apps registered through the server during the kills: ${seenApps.length} seen of ${registrations} tried, lost: ${appsLost}; 5xx answers: ${serverErrors}`,
);

// ---- 2. SIGTERM during Hello API calls: usage counters flushed ----
const access = (await token({ grant_type: "client_credentials" }))!.json.access_token!;
let ok = 0;
let helloRunning = true;
async function caller() {
  while (helloRunning) {
    try {
      const res = await fetch(`${base}/api/hello`, { headers: { authorization: `Bearer ${access}` } });
      await res.arrayBuffer();
      if (res.status === 200) ok++;
    } catch {
      helloRunning = false;
    }
  }
}
const hello = Array.from({ length: 4 }, () => caller());
await new Promise((r) => setTimeout(r, fast ? 1500 : 4000));
process.kill(-server.pid!, "SIGTERM");
await Promise.all(hello);
await exited(server);
const counted = await db().usageCounter.aggregate({ where: { appId: app.appId, outcome: "success" }, _sum: { calls: true } });
const usageLost = ok - (counted._sum.calls ?? 0);
console.log(`[faults] SIGTERM: ${ok} Hello API calls answered 200; counted in usage: ${counted._sum.calls ?? 0}; difference: ${usageLost}`);
survived++;

// ---- 3. PostgreSQL goes away (a TCP proxy between the console and PostgreSQL is cut) and comes back ----
let dbAway = "skipped (SQLite)";
if (usePg) {
  const target = new URL(process.env.DATABASE_URL!);
  const sockets = new Set<net.Socket>();
  let cut = false;
  const proxy = net.createServer((client) => {
    if (cut) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
  const proxyPort = (proxy.address() as net.AddressInfo).port;
  const viaProxy = new URL(target.href);
  viaProxy.port = String(proxyPort);
  server = await startServer({ DATABASE_URL: viaProxy.href, OAUTH_CLIENT_CACHE_TTL_MS: "0" });
  const health = async () => (await fetch(`${base}/api/health`)).status;
  const tokenStatus = async () => (await token({ grant_type: "client_credentials" }))?.status ?? 0;
  const before = [await health(), await tokenStatus()];
  cut = true;
  for (const s of sockets) s.destroy();
  const waitFor = async (want: number) => {
    for (let i = 0; i < 150; i++) {
      if ((await health()) === want) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  };
  const went503 = await waitFor(503);
  const tokenDown = await token({ grant_type: "client_credentials" });
  const pageDown = await fetch(`${base}/signin`).then(async (r) => ({ status: r.status, body: await r.text() }));
  const noStack =
    !/at [\w.<>]+ \(|node_modules|PrismaClient|ECONNREFUSED/.test(pageDown.body) &&
    !/node_modules|PrismaClient/.test(JSON.stringify(tokenDown?.json ?? {}));
  cut = false;
  const recovered = await waitFor(200);
  const after = await tokenStatus();
  process.kill(-server.pid!, "SIGTERM");
  await exited(server);
  proxy.close();
  const okAll =
    before[0] === 200 && before[1] === 200 && went503 && recovered && after === 200 && noStack && typeof tokenDown?.json.error === "string";
  dbAway = `health 200 → ${went503 ? 503 : "NOT 503"} → ${recovered ? 200 : "NOT recovered"}; token endpoint while away: ${tokenDown?.status} ${JSON.stringify(tokenDown?.json ?? {}).slice(0, 160)}; /signin while away: ${pageDown.status}; stack traces shown: ${noStack ? "none" : "YES"}; token after recovery: ${after}`;
  if (okAll) survived++;
  else halfWrittenExtra++;
}
console.log(`[faults] database away: ${dbAway}`);

await disconnectDb();
const rowsLost = lost + Math.abs(usageLost) + appsLost;
const halfWritten = halfGrants + orphanRefresh + appsWithoutSecret + halfWrittenExtra;
console.log(
  `faults survived: ${survived}, rows lost: ${rowsLost}, half-written: ${halfWritten}, 5xx: ${serverErrors} (${usePg ? "PostgreSQL" : "SQLite"})`,
);
rmSync(tmp, { recursive: true, force: true });
if (usePg) {
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
}
process.exit(rowsLost === 0 && halfWritten === 0 ? 0 : 1);
