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
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const fast = process.env.FAULTS_FAST === "1";
const kills = Number(process.env.FAULTS_KILLS ?? (fast ? 3 : 8));
const workers = Number(process.env.FAULTS_WORKERS ?? 6);
const port = Number(process.env.FAULTS_PORT ?? 3969);
const base = `http://127.0.0.1:${port}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "console-faults-"));
const usePg = process.env.TEST_DATABASE === "postgresql";
const pgDb = `console_faults_${process.pid}_${Date.now().toString(36)}`;
const pgAdminUrl = process.env.TEST_PG_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

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

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: { ...process.env, CONSOLE_LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: SIGKILL reaches start.ts and serve.ts at once
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 240_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`the console exited during start:\n${log.slice(-3000)}`));
      try {
        if ((await fetch(`${base}/api/health`)).status === 200) return resolve(child);
      } catch {}
      if (Date.now() > deadline) return reject(new Error(`the console did not start:\n${log.slice(-3000)}`));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));

async function killHard(child: ChildProcess) {
  process.kill(-child.pid!, "SIGKILL");
  await exited(child);
}

// ---- data through lib (setup only; everything measured goes through the running server) ----
let server = await startServer();
const { db, disconnectDb } = await import("../lib/db");
const { makeUser, PASSWORD } = await import("../tests/factories");
const { makeOAuthApp } = await import("../tests/oauth-factories");
const { tokenDigest } = await import("../lib/oauth/tokens");
const app = await makeOAuthApp({ grantTypes: ["password", "refresh_token", "client_credentials"], subscribeHello: true });
const users = await Promise.all(Array.from({ length: workers }, () => makeUser()));
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
    const r = refresh && Math.random() < 0.6 ? await token({ grant_type: "refresh_token", refresh_token: refresh }) : Math.random() < 0.8
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

const load = Array.from({ length: workers }, (_, i) => worker(i));
let survived = 0;
for (let k = 0; k < kills; k++) {
  await new Promise((r) => setTimeout(r, 800 + Math.random() * 1500));
  await killHard(server);
  survived++;
  server = await startServer();
}
await new Promise((r) => setTimeout(r, 1000));
running = false;
await Promise.all(load);

const digests = [...seenRefresh].map((t) => tokenDigest(t));
let present = 0;
for (let i = 0; i < digests.length; i += 500) present += await db().refreshToken.count({ where: { tokenDigest: { in: digests.slice(i, i + 500) } } });
const lost = digests.length - present;
const halfGrants = await db().tokenGrant.count({ where: { appId: app.appId, kind: "password", refreshTokens: { none: {} } } });
const orphanRows = await db().$queryRawUnsafe<{ n: number | bigint }[]>(
  `SELECT count(*) AS n FROM "RefreshToken" r LEFT JOIN "TokenGrant" g ON g."id" = r."tokenGrantId" WHERE g."id" IS NULL`,
);
const orphanRefresh = Number(orphanRows[0]?.n ?? 0);
const appsWithoutSecret = await db().app.count({ where: { secrets: { none: {} } } });
console.log(
  `[faults] SIGKILL: ${survived} kills during ${issued} tokens issued (${seenRefresh.size} refresh tokens seen); ` +
    `refresh tokens lost: ${lost}; password grants without a refresh token: ${halfGrants}; orphan refresh tokens: ${orphanRefresh}; apps without a secret: ${appsWithoutSecret}; 5xx answers: ${serverErrors}`,
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

await disconnectDb();
const rowsLost = lost + Math.abs(usageLost);
const halfWritten = halfGrants + orphanRefresh + appsWithoutSecret;
console.log(`faults survived: ${survived}, rows lost: ${rowsLost}, half-written: ${halfWritten}, 5xx: ${serverErrors} (${usePg ? "PostgreSQL" : "SQLite"})`);
rmSync(tmp, { recursive: true, force: true });
if (usePg) {
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`);
  await admin.end();
}
process.exit(rowsLost === 0 && halfWritten === 0 ? 0 : 1);
