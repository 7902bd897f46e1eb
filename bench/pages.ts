// `npm run bench -- pages`: each data page of the console against the page floor (a bare Next.js app
// of the console's Next.js and React versions serving one dynamic page of /terms's weight that reads a
// cookie: bench/floor.ts, bench/floor-next) and against /terms (a console page with no per-user data)
// in the same run, measured from outside with a real signed-in session (a Session row and the
// Auth.js cookie naming it, bench/session.ts): My Applications (/apps), an app's page (/apps/<id>),
// Register (/apps/register), APIs (/apis), company users (/company/users) and company audit
// (/company/audit). autocannon, BENCH_CONNECTIONS (8) connections, keep-alive; BENCH_SECONDS (6) per
// page split into BENCH_ROUNDS (2) alternating rounds whose order rotates, so a change in the machine's
// load does not favour one page (the floor takes part in the rounds like a page). Prints each page's
// rate, rate / floor (goal ≥ 0.5× for data pages, ≥ 0.8× for /terms), rate / /terms, p50/p99, server
// CPU per page, and the JavaScript each page loads: every /_next/static *.js its HTML refers to
// (script tags, preloads and the client chunks named in the inline RSC payload), summed as gzip bytes on
// the wire (goal ≤ 180 KiB). The signed-in person is a Delegated Administrator and API Developer of a
// company with 5 members, 6 apps (one with a live secret and the Hello API) and 60 audit entries.
// BENCH_PAGES_DUMP=<dir> also writes each page's HTML there; BENCH_PAGES_ONLY=<names, comma-separated> loads
// only those pages (with the floor and /terms), e.g. under BENCH_CPU_PROF.
// BENCH_CPU_PROF=<dir> runs the console's server with --cpu-prof (profiles written to <dir> at exit).
// Run with --conditions=react-server (it imports lib/). Figures only, no assertions.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeCompany } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMember, makeUser } from "../tests/factories/people";
import { combine, load, type LoadResult, row, runBench, startConsole, stopChildren, tempDir, useConsole } from "./common";
import { startFloor } from "./floor";
import { scriptPaths, sessionCookie, timedGet, wireBytes } from "./session";
import { consoleEnvironment, loadSettings } from "./setup";

const PORT = Number(process.env.BENCH_PAGES_PORT ?? 4391);
const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? PORT + 1);
const { CONNECTIONS, SECONDS, WARMUP, ROUNDS } = loadSettings({ connections: 8, seconds: 6, warmup: 1, rounds: 2 });
// `npm run bench -- js` (BENCH_PAGES_JS_ONLY=1): only the JavaScript table, no load.
const JS_ONLY = process.env.BENCH_PAGES_JS_ONLY === "1";
const DUMP = process.env.BENCH_PAGES_DUMP;
const dir = tempDir();
let dropDatabase: (() => Promise<void>) | undefined;

async function main(): Promise<void> {
  const setup = await consoleEnvironment("pages");
  if (!setup) return;
  dropDatabase = setup.drop;
  const floor = await startFloor(FLOOR_PORT);
  const { proc, env } = await startConsole(PORT, dir, setup.env);
  useConsole(dir, env);
  const { newId } = await import("../lib/ids");

  // The company: the signed-in DA + API Developer, four more members, six apps, 60 audit entries.
  const db = testDb();
  const company = await makeCompany(testDb());
  const user = await makeUser(testDb(), { name: "Bench Admin" });
  await addMember(db, company.id, user.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  for (let i = 0; i < 4; i++)
    await addMember(db, company.id, (await makeUser(testDb(), { name: `Bench Member ${i}` })).id, ["API_DEVELOPER"]);
  const apps: Awaited<ReturnType<typeof makeOAuthApp>>[] = [];
  for (let i = 0; i < 6; i++)
    apps.push(await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: company.id, name: `Bench app ${i}` }));
  await db.app.updateMany({ where: { companyId: company.id }, data: { createdById: user.id } });
  const events = ["app.registered", "secret.rotated", "role.granted", "membership.added", "secret.revealed"];
  await db.auditLog.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      id: newId("audit"),
      companyId: company.id,
      actorId: user.id,
      actorEmail: user.email,
      event: events[i % events.length]!,
      targetType: "app",
      targetId: apps[i % apps.length]!.appId,
      metadata: { name: apps[i % apps.length]!.name },
      ip: "127.0.0.1",
      createdAt: new Date(Date.now() - i * 3_600_000),
    })),
  });
  const cookie = await sessionCookie(user.id);
  await closeTestDb();

  const origin = `http://127.0.0.1:${PORT}`;
  // name, path, a text the signed-in page shows (so a redirect to sign-in or a 404 is not measured).
  // The floor first, /terms second: the ratios below are to these two.
  // goal: the rate / floor aimed at (the floor's /terms-weight page is what Next.js itself allows).
  const pages: { name: string; path: string; expect: string; cookie?: string; origin?: string; pid?: number; goal?: number }[] = [
    { name: "floor (bare Next)", path: "/", expect: "Hello, ", cookie: "floor=bench", origin: floor.origin, pid: floor.proc.pid },
    { name: "/terms", path: "/terms", expect: "Terms", goal: 0.8 },
    { name: "/docs", path: "/docs", expect: "developer portal", goal: 0.8 },
    { name: "My Applications", path: "/apps", expect: "My Applications", cookie },
    { name: "app page", path: `/apps/${apps[0]!.appId}`, expect: apps[0]!.name, cookie },
    { name: "Register", path: "/apps/register", expect: "Register", cookie },
    { name: "APIs", path: "/apis", expect: "Hello", cookie },
    { name: "company users", path: "/company/users", expect: "Bench Member 3", cookie },
    { name: "company audit", path: "/company/audit", expect: "Audit log", cookie },
  ];
  // BENCH_PAGES_ONLY="My Applications,/docs": those pages only (with the floor and /terms, the ratios' bases).
  const only = process.env.BENCH_PAGES_ONLY?.split(",").map((n) => n.trim());
  if (only) for (let k = pages.length - 1; k > 1; k--) if (!only.includes(pages[k]!.name)) pages.splice(k, 1);

  if (DUMP) mkdirSync(DUMP, { recursive: true });
  // Check each page, and sum the JavaScript its HTML refers to.
  const js = new Map<string, { files: number; wire: number; raw: number; byServer: boolean }>();
  const sizes = new Map<string, { wire: number; raw: number; gzippedByServer: boolean }>();
  for (const p of pages) {
    const r = await timedGet((p.origin ?? origin) + p.path, p.cookie);
    if (r.status !== 200 || !r.body.includes(p.expect))
      throw new Error(`${p.path} answered ${r.status} without “${p.expect}”: ${r.body.slice(0, 300)}`);
    if (DUMP) writeFileSync(join(DUMP, `${p.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.html`), r.body);
    const paths = scriptPaths(r.body);
    let wire = 0;
    let raw = 0;
    let byServer = true;
    for (const s of paths) {
      const key = (p.origin ?? origin) + s;
      if (!sizes.has(key)) sizes.set(key, await wireBytes(p.origin ?? origin, s));
      const size = sizes.get(key)!;
      wire += size.wire;
      raw += size.raw;
      byServer &&= size.gzippedByServer;
    }
    js.set(p.name, { files: paths.length, wire, raw, byServer });
    if (process.env.BENCH_PAGES_FILES === "1")
      for (const f of paths) {
        const size = sizes.get((p.origin ?? origin) + f)!;
        console.log(`[bench] ${p.name}: ${f} ${size.wire} B gzip, ${size.raw} B`);
      }
  }

  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  if (JS_ONLY) {
    console.log(`\n[bench] JavaScript each page loads (first load: every /_next/static *.js its HTML names, gzip on the wire):`);
    console.log(`${"page".padEnd(18)} ${"JS on the wire".padStart(14)}   ${"JS unpacked".padStart(11)}   files`);
    for (const p of pages) {
      const j = js.get(p.name)!;
      const budget =
        p.origin || p.path === "/terms" || p.path.startsWith("/docs") ? "" : `   ${j.wire <= 180 * 1024 ? "meets" : "over"} ≤ 180 KiB`;
      console.log(
        `${p.name.padEnd(18)} ${kib(j.wire).padStart(14)}   ${kib(j.raw).padStart(11)}   ${String(j.files).padStart(5)}${budget}`,
      );
    }
    return;
  }

  console.log(
    `[bench] pages: autocannon, ${CONNECTIONS} connections, keep-alive; warm-up ${WARMUP} s each, then ${SECONDS} s each in ${ROUNDS} alternating rounds`,
  );
  const opts = (p: (typeof pages)[number]) => ({
    url: (p.origin ?? origin) + p.path,
    headers: p.cookie ? { cookie: p.cookie } : undefined,
    connections: CONNECTIONS,
  });
  for (const p of pages) await load(opts(p), WARMUP);
  const rounds = pages.map(() => [] as LoadResult[]);
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < pages.length; j++) {
      const k = (j + i * 3) % pages.length; // a different order each round
      rounds[k]!.push(await load(opts(pages[k]!), SECONDS / ROUNDS, pages[k]!.pid ?? proc.pid));
    }
  }
  const results = rounds.map((r) => combine(r, SECONDS));
  const floorRate = results[0]!;
  const terms = results[1]!;
  console.log(
    `\n[bench] pages vs the bare Next.js floor and /terms (${env.DATABASE_URL.startsWith("file:") ? "SQLite" : "PostgreSQL"}, signed in as a Delegated Administrator and API Developer):`,
  );
  for (const [k, p] of pages.entries()) console.log(row(p.name, results[k]!, "page"));
  console.log("");
  console.log(
    `${"page".padEnd(18)} ${"rate / floor".padStart(12)} ${"rate / /terms".padStart(13)}   ${"JS on the wire".padStart(14)}   ${"JS unpacked".padStart(11)}   files`,
  );
  for (const [k, p] of pages.entries()) {
    const r = results[k]!;
    const j = js.get(p.name)!;
    const toFloor = r.rps / floorRate.rps;
    const floorGoal = p.goal ?? 0.5; // data pages ≥ 0.5× the floor, /terms and /docs ≥ 0.8×
    const console_ = k > 0 && !p.path.startsWith("/docs") && p.path !== "/terms"; // the JS budget is the console pages'
    const goals =
      k === 0
        ? ""
        : `   ${toFloor >= floorGoal ? "meets" : "below"} ≥ ${floorGoal}x floor${console_ ? `, ${j.wire <= 180 * 1024 ? "meets" : "over"} ≤ 180 KiB` : ""}`;
    console.log(
      `${p.name.padEnd(18)} ${`${toFloor.toFixed(2)}x`.padStart(12)} ${`${(r.rps / terms.rps).toFixed(2)}x`.padStart(13)}   ${kib(j.wire).padStart(14)}   ${kib(j.raw).padStart(11)}   ${String(j.files).padStart(5)}${goals}`,
    );
  }
  const byServer = [...js.values()].every((j) => j.byServer);
  console.log(
    `JS bytes: the gzip bodies ${byServer ? "the server sent (Accept-Encoding: gzip)" : "of each file gzipped here at zlib's default level (the server sent some uncompressed)"}; a file shared by pages counts for each page.`,
  );
  if (results.some((r) => r.non2xx || r.errors)) console.log("[bench] WARNING: some pages answered non-2xx or errors during the run");
}

await runBench("pages", main, async () => {
  await stopChildren(dir);
  await dropDatabase?.().catch(() => {});
});
