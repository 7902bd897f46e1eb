// `npm run bench` (3/4): the app page with a month of minute-level usage, and with 13 months. Seeds
// 30 days × 1440 minutes × 2 outcomes of UsageCounter rows for one app (the database triggers keep
// its hour and day roll-ups in step), and for a second app the same month plus the 12 months before
// it as the housekeeping job leaves them (hour and day roll-ups; minutes are dropped after 30 days).
// Then measures at the server, with a signed-in session cookie: GET /apps/<id>?range=month
// time-to-last-byte (median of N) for both apps and, as the baseline measured in the same run, for an
// app with no usage (target: within 1.3× of it); and usageReport alone.
// Run with --conditions=react-server (it calls lib/metrics directly). Figures only, no assertions.
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMember, makeUser } from "../tests/factories/people";
import { median, runBench, startConsole, stopChildren, tempDir, useConsole } from "./common";
import { sessionCookie } from "./session";
import { consoleEnvironment } from "./setup";

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

let dropDatabase: (() => Promise<void>) | undefined;

async function main(): Promise<void> {
  const setup = await consoleEnvironment("usage");
  if (!setup) return;
  dropDatabase = setup.drop;
  const { env } = await startConsole(PORT, dir, setup.env);
  useConsole(dir, env);
  const { newId } = await import("../lib/ids");
  const user = await makeUser(testDb());
  const busy = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const idle = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: busy.companyId });
  const db = testDb();
  await addMember(db, busy.companyId, user.id, ["API_DEVELOPER"]);
  await db.app.updateMany({ where: { id: { in: [busy.appId, idle.appId] } }, data: { createdById: user.id } });
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });

  // A month of minutes, two outcomes each: 86,400 rows per app (the triggers write their hours and days).
  const now = Math.floor(Date.now() / 60_000);
  const t0 = performance.now();
  const MINUTES = 30 * 1440;
  const callsAt = (m: number, outcome: string) => (outcome === "success" ? 20 + (m % 7) : 1);
  for (const appId of [busy.appId]) {
    for (let start = 0; start < MINUTES; start += 2000) {
      const data = [];
      for (let m = start; m < Math.min(MINUTES, start + 2000); m++) {
        for (const outcome of ["success", "client_error"]) {
          const calls = callsAt(m, outcome);
          data.push({
            id: newId("usage"),
            companyId: busy.companyId,
            appId,
            apiId: hello.id,
            minute: now - m,
            outcome,
            calls,
            latencyTotalMs: calls * 3,
            le5: calls,
          });
        }
      }
      await db.usageCounter.createMany({ data });
    }
  }
  const counts = { minutes: await db.usageCounter.count(), rollups: await db.usageRollup.count() };
  console.log(
    `[bench] seeded ${counts.minutes.toLocaleString("en")} UsageCounter rows (the triggers wrote ${counts.rollups.toLocaleString("en")} hour and day rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  // A server-side session row and the Auth.js cookie naming it, as sign-in makes them.
  const cookie = await sessionCookie(user.id);
  await closeTestDb();

  const base = `http://127.0.0.1:${PORT}`;
  const pages = { busy: `${base}/apps/${busy.appId}?range=month`, baseline: `${base}/apps/${idle.appId}?range=month` };
  const { usageReport } = await import("../lib/metrics/queries");
  let calls = 0;
  async function measure() {
    for (const url of Object.values(pages)) await ttlb(url, cookie); // warm-up (and sign-in check)
    const t = { busy: [] as number[], baseline: [] as number[], report: [] as number[] };
    for (let i = 0; i < N; i++) for (const k of ["busy", "baseline"] as const) t[k].push(await ttlb(pages[k], cookie));
    await usageReport({ appId: busy.appId }, "month");
    for (let i = 0; i < N; i++) {
      const r0 = performance.now();
      const report = await usageReport({ appId: busy.appId }, "month");
      t.report.push(performance.now() - r0);
      calls = report.points.reduce((s, p) => s + p.calls, 0);
    }
    return t;
  }
  const month = await measure();
  // Then the 12 months before (the same app now holds 13 months), measured again against the baseline.
  const db2 = testDb();
  // The 12 months before, as housekeeping leaves them: hour and day roll-ups.
  const oldest = Math.floor((now - MINUTES + 1) / 1440) * 1440; // the first day the minutes reached
  // One row per outcome for the `minutes` minutes from `minute`, as the hour or day roll-up holds them.
  const rollup = (granularity: string, minute: number, minutes: number) =>
    ["success", "client_error"].map((outcome) => {
      const calls = minutes * callsAt(minute / minutes, outcome);
      const where = { companyId: busy.companyId, appId: busy.appId, apiId: hello.id };
      return { id: newId("usage"), granularity, ...where, minute, outcome, calls, latencyTotalMs: calls * 3, le5: calls };
    });
  const rollups = [];
  for (let hour = Math.floor((now - MINUTES + 1) / 60) * 60 - 60; hour >= oldest - 366 * 1440; hour -= 60)
    rollups.push(...rollup("hour", hour, 60));
  for (let day = oldest - 1440; day >= oldest - 366 * 1440; day -= 1440) rollups.push(...rollup("day", day, 1440));
  for (let i = 0; i < rollups.length; i += 2000) await db2.usageRollup.createMany({ data: rollups.slice(i, i + 2000) });
  console.log(`[bench] added ${rollups.length.toLocaleString("en")} hour and day rows for the 12 months before`);
  await closeTestDb();
  const year = await measure();
  const f = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
  const line = (xs: number[]) => `${f(median(xs))}   (min ${f(Math.min(...xs))}, max ${f(Math.max(...xs))})`;
  console.log(
    `\n[bench] app page, range=month, median of ${N} (time to last byte, signed in, ${process.env.DATABASE_URL?.startsWith("file:") ? "SQLite" : "PostgreSQL"}):`,
  );
  console.log(`with a month of usage       ${line(month.busy)}`);
  console.log(`baseline (no usage)         ${line(month.baseline)}`);
  console.log(`ratio (month / baseline):     ${(median(month.busy) / median(month.baseline)).toFixed(2)}x  (target ≤ 1.3x)`);
  console.log(`with 13 months of usage     ${line(year.busy)}`);
  console.log(`baseline (no usage)         ${line(year.baseline)}`);
  console.log(`ratio (13 months / baseline): ${(median(year.busy) / median(year.baseline)).toFixed(2)}x  (target ≤ 1.3x)`);
  console.log(
    `usageReport alone (range month, ${calls.toLocaleString("en")} calls, in this process): ${f(median(month.report))} median with a month, ${f(median(year.report))} with 13 months`,
  );
}

await runBench("usage page", main, async () => {
  await stopChildren(dir);
  await dropDatabase?.().catch(() => {});
});
