// `npm run bench` (3/3): the app page with a month of minute-level usage. Seeds 30 days × 1440
// minutes × 2 outcomes of UsageCounter rows for one app, then measures at the server, with a
// signed-in session cookie: GET /apps/<id>?range=month time-to-last-byte (median of N) for that app
// and, as the baseline measured in the same run, for an app with no usage; and usageReport alone.
// Run with --conditions=react-server (it calls lib/metrics directly). Figures only, no assertions.
import { median, startConsole, stopChildren, tempDir } from "./common";

const PORT = Number(process.env.BENCH_CONSOLE_PORT ?? 3989);
const N = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const dir = tempDir();

async function ttlb(url: string, cookie: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const { env } = await startConsole(PORT, dir);
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.CONSOLE_URL = env.CONSOLE_URL;
  process.env.E2E_DATA_DIR = dir;
  process.env.E2E_DATABASE_URL = env.DATABASE_URL;
  const { createApp, createUser, testDb, closeTestDb } = await import("../e2e/fixtures/db");
  const { newId } = await import("../lib/ids");
  const user = await createUser();
  const busy = await createApp({ grantTypes: ["client_credentials"] });
  const idle = await createApp({ grantTypes: ["client_credentials"], companyId: busy.companyId });
  const db = testDb();
  await db.membership.create({
    data: { id: newId("membership"), companyId: busy.companyId, userId: user.id, roles: { create: [{ id: newId("role"), role: "API_DEVELOPER" }] } },
  });
  await db.app.updateMany({ where: { id: { in: [busy.appId, idle.appId] } }, data: { createdById: user.id } });
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });

  // A month of minutes, two outcomes each: 86,400 rows.
  const now = Math.floor(Date.now() / 60_000);
  const t0 = performance.now();
  const MINUTES = 30 * 1440;
  for (let start = 0; start < MINUTES; start += 2000) {
    const data = [];
    for (let m = start; m < Math.min(MINUTES, start + 2000); m++) {
      for (const outcome of ["success", "client_error"]) {
        const calls = outcome === "success" ? 20 + (m % 7) : 1;
        data.push({ id: newId("usage"), companyId: busy.companyId, appId: busy.appId, apiId: hello.id, minute: now - m, outcome, calls, latencyTotalMs: calls * 3, le5: calls });
      }
    }
    await db.usageCounter.createMany({ data });
  }
  console.log(`[bench] seeded ${(MINUTES * 2).toLocaleString("en")} UsageCounter rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await closeTestDb();

  // A session cookie as Auth.js issues it (encrypted JWT under the key derived from the master key).
  const { encode } = await import("next-auth/jwt");
  const { deriveKey } = await import("../lib/crypto");
  const salt = "authjs.session-token";
  const nowS = Math.floor(Date.now() / 1000);
  const jwt = await encode({ token: { sub: user.id, authTime: nowS, iat: nowS }, secret: deriveKey("auth-session").toString("base64url"), salt, maxAge: 3600 });
  const cookie = `${salt}=${jwt}`;

  const base = `http://127.0.0.1:${PORT}`;
  const pages = { month: `${base}/apps/${busy.appId}?range=month`, baseline: `${base}/apps/${idle.appId}?range=month` };
  for (const url of Object.values(pages)) await ttlb(url, cookie); // warm-up (and sign-in check)
  const busyTimes: number[] = [];
  const idleTimes: number[] = [];
  for (let i = 0; i < N; i++) {
    busyTimes.push(await ttlb(pages.month, cookie));
    idleTimes.push(await ttlb(pages.baseline, cookie));
  }
  const { usageReport } = await import("../lib/metrics/queries");
  await usageReport({ appId: busy.appId }, "month");
  const reportTimes: number[] = [];
  let calls = 0;
  for (let i = 0; i < N; i++) {
    const r0 = performance.now();
    const report = await usageReport({ appId: busy.appId }, "month");
    reportTimes.push(performance.now() - r0);
    calls = report.points.reduce((s, p) => s + p.calls, 0);
  }
  const f = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
  console.log(`\n[bench] app page, range=month, median of ${N} (time to last byte, signed in):`);
  console.log(`with a month of usage   ${f(median(busyTimes))}   (min ${f(Math.min(...busyTimes))}, max ${f(Math.max(...busyTimes))})   target < 300 ms`);
  console.log(`baseline (no usage)     ${f(median(idleTimes))}   (min ${f(Math.min(...idleTimes))}, max ${f(Math.max(...idleTimes))})`);
  console.log(`ratio (month / baseline): ${(median(busyTimes) / median(idleTimes)).toFixed(2)}x`);
  console.log(`usageReport alone (month, ${calls.toLocaleString("en")} calls, in this process): ${f(median(reportTimes))} median`);
}

try {
  await main();
} finally {
  await stopChildren(dir);
  process.exit(0);
}
