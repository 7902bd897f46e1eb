// `npm run bench -- scale`: cost as work grows. One console, one database, grown in steps to
// BENCH_SCALE_SIZES apps (default 100, 10,000, 100,000) with BENCH_SCALE_AUDIT_PER_APP (10) audit
// entries per app (so 1,000,000 at 100,000 apps), seeded directly with Prisma createMany in batches.
// At each size it measures, from outside with real signed-in sessions (bench/session.ts):
//   - the token rate (client_credentials, client_secret_basic; autocannon, BENCH_CONNECTIONS (8)
//     connections, BENCH_SECONDS (4) s after a 1 s warm-up);
//   - My Applications (/apps) for an API Developer who owns 50 apps (first page);
//   - a Delegated Administrator's company apps, paged: /company/apps (first page, and the page after
//     it through its "Older apps" link), and /apps for the DA (first page of the company's apps);
//   - the company audit page (/company/audit, first page; and filtered by an event of none of its entries,
//     and by one of many of its entries);
//   - the catalog with 1,000 APIs (BENCH_SCALE_APIS; seeded once, before the first size): /apis and /apis?q=<word>;
//   - /terms, a page with no data, as the reference for the machine's load at that moment.
// Page figures are the median time to last byte of BENCH_PAGE_RUNS (9) sequential requests after one
// warm-up, i.e. server time plus loopback. Prints a table with each figure and its ratio to its value at
// the first size (goal ≤ 1.5x).
// Where the apps are: the DA's company holds half of them (the developer's 50 and the rest by another
// developer), the other half are in companies of 100 apps each; every app is subscribed to the Hello API.
// Half the audit entries are the DA's company's, the rest are spread over the other companies, over the
// past year. BENCH_DATABASE=postgresql runs it on a fresh PostgreSQL database.
// Run with --conditions=react-server (it imports lib/). Figures only, no assertions.
import Database from "better-sqlite3";
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeCompany } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMember, makeUser } from "../tests/factories/people";
import { basic, load, median, postgresDatabase, runBench, startConsole, stopChildren, tempDir, useConsole } from "./common";
import { sessionCookie, timedGet } from "./session";

const PORT = Number(process.env.BENCH_SCALE_PORT ?? 4392);
const SIZES = (process.env.BENCH_SCALE_SIZES ?? "100,10000,100000").split(",").map(Number);
const AUDIT_PER_APP = Number(process.env.BENCH_SCALE_AUDIT_PER_APP ?? 10);
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 9);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const APIS = Number(process.env.BENCH_SCALE_APIS ?? 1000);
const DEV_APPS = 50;
const dir = tempDir();
let dropDatabase: (() => Promise<void>) | undefined;

const WORDS = ["ledger", "payments", "weather", "shipping", "identity", "catalog", "billing", "search", "maps", "inventory"];
const EVENTS = [
  "app.registered",
  "secret.rotated",
  "secret.revealed",
  "role.granted",
  "role.revoked",
  "membership.added",
  "app.suspended",
  "app.restored",
  "invitation.created",
  "app.updated",
];
const YEAR_MS = 365 * 86_400_000;

async function main(): Promise<void> {
  const extra: Record<string, string> = {};
  const postgres = process.env.BENCH_DATABASE === "postgresql";
  if (postgres) {
    const pg = await postgresDatabase("scale");
    if (!pg) return;
    extra.DATABASE_URL = pg.url;
    dropDatabase = pg.drop;
  }
  const { proc, env } = await startConsole(PORT, dir, extra);
  // The console's last output, printed if it stops during the run.
  let tail = "";
  const keep = (c: Buffer) => (tail = (tail + c.toString()).slice(-3000));
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  proc.on("exit", (code, signal) => console.log(`[bench] the console exited (${code ?? signal}); its last output:\n${tail}`));
  useConsole(dir, env);
  const { newId } = await import("../lib/ids");
  const { generateClientId } = await import("../lib/apps/credentials");
  const db = testDb();
  // SQLite: audit entries are written with better-sqlite3 directly (1,000,000 of them through createMany
  // took 13 minutes on the shared machine).
  const sqlite = postgres ? null : new Database(env.DATABASE_URL.slice("file:".length), { timeout: 60_000 });
  const insertAudit = sqlite?.prepare(
    'INSERT INTO "AuditLog" (id, companyId, actorId, actorEmail, event, targetType, targetId, metadata, ip, userAgent, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  // The DA's company: the DA, the developer with 50 apps, and another developer whose apps fill it.
  const company = await makeCompany(testDb());
  const admin = await makeUser(testDb(), { name: "Scale Admin" });
  const developer = await makeUser(testDb(), { name: "Scale Developer" });
  const filler = await makeUser(testDb(), { name: "Scale Filler" });
  await addMember(db, company.id, admin.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  await addMember(db, company.id, developer.id, ["API_DEVELOPER"]);
  await addMember(db, company.id, filler.id, ["API_DEVELOPER"]);
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });

  // The token client is one of the developer's 50 apps (with a live secret, as registration leaves it).
  const tokenApp = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: company.id, name: "Scale token app" });
  await db.app.update({ where: { id: tokenApp.appId }, data: { createdById: developer.id } });

  let seq = 0;
  const appRow = (companyId: string, createdById: string | null) => {
    const i = seq++;
    const name = `Scale app ${String(i).padStart(7, "0")}`;
    return {
      id: newId("app"),
      clientId: generateClientId(),
      companyId,
      createdById,
      name,
      nameKey: name.toLowerCase(),
      description: `Bench app number ${i}`,
      grantTypes: ["client_credentials"],
      termsVersion: "bench",
      termsAcceptedAt: new Date(),
      createdAt: new Date(Date.now() - 60_000 - Math.floor(Math.random() * YEAR_MS)),
    };
  };
  async function insertApps(apps: ReturnType<typeof appRow>[]): Promise<void> {
    for (let i = 0; i < apps.length; i += 1000) {
      const batch = apps.slice(i, i + 1000);
      await db.app.createMany({ data: batch });
      await db.appApiSubscription.createMany({ data: batch.map((a) => ({ appId: a.id, apiId: hello.id })) });
    }
  }
  await insertApps(Array.from({ length: DEV_APPS - 1 }, () => appRow(company.id, developer.id)));

  // APIS (1,000 unless BENCH_SCALE_APIS says) open to every company, each with a summary and a page of documentation.
  const t0 = performance.now();
  const apis = Array.from({ length: APIS }, (_, i) => {
    const word = WORDS[i % WORDS.length]!;
    return {
      id: newId("api"),
      slug: `scale-${word}-${i}`,
      name: `Scale ${word} API ${i}`,
      summary: `The ${word} service, edition ${i}: read and change ${word} records.`,
      documentation:
        `# Scale ${word} API ${i}\n\n` +
        `Calls of the ${word} service. Authenticate with a client_credentials token; every answer is JSON. `.repeat(12),
      endpoint: `/api/scale/${i}`,
      openToAll: true,
    };
  });
  for (let i = 0; i < apis.length; i += 200) await db.api.createMany({ data: apis.slice(i, i + 200) });
  console.log(`[bench] seeded ${APIS.toLocaleString("en")} APIs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const adminCookie = await sessionCookie(admin.id);
  const developerCookie = await sessionCookie(developer.id);
  const origin = `http://127.0.0.1:${PORT}`;

  let inCompany = DEV_APPS; // apps in the DA's company
  let elsewhere = 0; // apps in other companies
  const otherCompanies: string[] = [];
  let audits = 0;

  type Figures = Record<string, number | null>;
  const table: { size: number; audits: number; figures: Figures }[] = [];

  for (const size of SIZES) {
    // Grow to `size` apps: the DA's company to half of them, the rest in companies of 100 apps.
    const s0 = performance.now();
    const wantIn = Math.max(DEV_APPS, Math.floor(size / 2));
    const wantElsewhere = Math.max(0, size - wantIn);
    const fill: ReturnType<typeof appRow>[] = [];
    while (inCompany < wantIn) {
      fill.push(appRow(company.id, filler.id));
      inCompany++;
      if (fill.length === 5000) await insertApps(fill.splice(0));
    }
    await insertApps(fill.splice(0));
    while (elsewhere < wantElsewhere) {
      const other = await makeCompany(testDb());
      otherCompanies.push(other.id);
      const n = Math.min(100, wantElsewhere - elsewhere);
      await insertApps(Array.from({ length: n }, () => appRow(other.id, null)));
      elsewhere += n;
    }
    const appsSeconds = (performance.now() - s0) / 1000;
    // Audit entries: AUDIT_PER_APP per app, half the DA's company's.
    const a0 = performance.now();
    const wantAudits = size * AUDIT_PER_APP;
    const actors = [admin, developer, filler];
    const auditRow = (k: number) => {
      const actor = actors[k % actors.length]!;
      return {
        id: newId("audit"),
        companyId: k % 2 === 0 ? company.id : otherCompanies.length ? otherCompanies[k % otherCompanies.length]! : null,
        actorId: actor.id,
        actorEmail: actor.email,
        event: EVENTS[k % EVENTS.length]!,
        targetType: "app",
        targetId: `app_bench${k}`,
        metadata: { name: `Scale app ${k}` },
        ip: "127.0.0.1",
        userAgent: "bench",
        createdAt: new Date(Date.now() - 60_000 - Math.floor(Math.random() * YEAR_MS)),
      };
    };
    while (audits < wantAudits) {
      const n = Math.min(postgres ? 5000 : 20_000, wantAudits - audits);
      const rows = Array.from({ length: n }, (_, i) => auditRow(audits + i));
      if (sqlite) {
        // Straight into the file (the console reads it meanwhile: WAL), as Prisma would store the rows:
        // DateTime as ISO text with "+00:00", Json as text. Several times faster than createMany here.
        sqlite.transaction(() => {
          for (const r of rows)
            insertAudit!.run(
              r.id,
              r.companyId,
              r.actorId,
              r.actorEmail,
              r.event,
              r.targetType,
              r.targetId,
              JSON.stringify(r.metadata),
              r.ip,
              r.userAgent,
              r.createdAt.toISOString().replace("Z", "+00:00"),
            );
        })();
      } else await db.auditLog.createMany({ data: rows });
      audits += n;
    }
    // The planner's statistics, as a live database keeps them (PostgreSQL's autovacuum analyses a table
    // after it grows; SQLite's are refreshed by ANALYZE): without this, the 100,000-app PostgreSQL step
    // measured plans made for the 10,000-app tables (DA pages 1.7–1.9x, a matching audit filter 5.1x).
    if (postgres) await db.$executeRawUnsafe("ANALYZE");
    else sqlite!.exec("ANALYZE");
    const [appCount, auditCount] = await Promise.all([db.app.count(), db.auditLog.count()]);
    console.log(
      `\n[bench] ${appCount.toLocaleString("en")} apps (${inCompany.toLocaleString("en")} in the DA's company), ${auditCount.toLocaleString("en")} audit entries, ${APIS.toLocaleString("en")} APIs: ` +
        `apps seeded in ${appsSeconds.toFixed(1)} s, audit entries in ${((performance.now() - a0) / 1000).toFixed(1)} s`,
    );

    // Page times: median TTLB after one warm-up; a page must answer 200 with its text.
    const figures: Figures = {};
    async function page(key: string, path: string, cookie: string | undefined, expect: string, runs = RUNS): Promise<string> {
      const first = await timedGet(origin + path, cookie);
      if (first.status !== 200 || !first.body.includes(expect))
        throw new Error(`${path} answered ${first.status} without “${expect}”: ${first.body.slice(0, 300)}`);
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) ms.push((await timedGet(origin + path, cookie)).ms);
      figures[key] = median(ms);
      console.log(
        `[bench]   ${key.padEnd(42)} ${median(ms).toFixed(1).padStart(8)} ms median (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}; ${(first.body.length / 1024).toFixed(0)} KiB of HTML)`,
      );
      return first.body;
    }
    await page("/terms (reference)", "/terms", undefined, "Terms");
    await page("My Applications, developer (50 apps)", "/apps", developerCookie, "Scale token app");
    await page("DA company apps /apps, page 1", "/apps", adminCookie, "My Applications");
    const daFirst = await page("DA /company/apps, page 1", "/company/apps", adminCookie, "Scale app");
    const next = /href="(\/company\/apps\?after=[^"]+)"/.exec(daFirst)?.[1]?.replaceAll("&amp;", "&");
    if (!next) throw new Error("/company/apps has no link to its next page");
    await page("DA /company/apps, page 2", next, adminCookie, "Scale app");
    await page("company audit, page 1", "/company/audit", adminCookie, "Audit log");
    // role.granted entries are all other companies' (see the seeding), so this filter finds none and the
    // old (event, createdAt) index walked every one of them; secret.revealed is half the DA company's.
    await page("company audit, one event (no match)", "/company/audit?event=role.granted", adminCookie, "Audit log");
    await page("company audit, one event (matching)", "/company/audit?event=secret.revealed", adminCookie, "Audit log");
    await page(`catalog /apis (${APIS.toLocaleString("en")} APIs)`, "/apis", adminCookie, "Scale billing API");
    await page("catalog search /apis?q=ledger", "/apis?q=ledger", adminCookie, "/apis/scale-ledger-");

    // Token rate.
    const tokenOpts = {
      url: `${origin}/oauth2/token`,
      method: "POST" as const,
      headers: { authorization: basic(tokenApp.clientId, tokenApp.clientSecret), "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&scope=hello",
      connections: CONNECTIONS,
    };
    await load(tokenOpts, 1);
    const t = await load(tokenOpts, SECONDS, proc.pid);
    if (t.non2xx || t.errors) console.log(`[bench]   WARNING: ${t.non2xx} non-2xx answers, ${t.errors} errors from the token endpoint`);
    figures["token rate (req/s, higher is better)"] = t.rps;
    figures["token server CPU (µs/token)"] = t.serverCpuUs;
    console.log(
      `[bench]   token rate ${t.rps.toFixed(0)} req/s, p50 ${t.p50} ms, p99 ${t.p99} ms, server CPU ${t.serverCpuUs.toFixed(0)} µs/token`,
    );
    table.push({ size: appCount, audits: auditCount, figures });
  }
  sqlite?.close();
  await closeTestDb();

  // The table: each figure, and its ratio to its value at the first size.
  const base = table[0]!.figures;
  const keys = Object.keys(base);
  const cell = (v: number | null | undefined, b: number | null | undefined, key: string) => {
    if (v == null) return "skipped".padStart(22);
    const ratio = b ? (key.startsWith("token rate") ? b / v : v / b) : NaN; // a rate: cost ratio is base / now
    const shown = key.startsWith("token rate")
      ? `${v.toFixed(0)}/s`
      : key.startsWith("token server")
        ? `${v.toFixed(0)} µs`
        : `${v.toFixed(1)} ms`;
    return `${shown} (${Number.isFinite(ratio) ? ratio.toFixed(2) : "-"}x)`.padStart(22);
  };
  console.log(
    `\n[bench] cost as work grows (${postgres ? "PostgreSQL" : "SQLite"}); in brackets: cost relative to the first size (a rate: first / now), goal ≤ 1.5x`,
  );
  console.log(`${"".padEnd(42)}${table.map((r) => `${r.size.toLocaleString("en")} apps`.padStart(22)).join("")}`);
  console.log(`${"".padEnd(42)}${table.map((r) => `${r.audits.toLocaleString("en")} audit`.padStart(22)).join("")}`);
  for (const key of keys) console.log(`${key.padEnd(42)}${table.map((r) => cell(r.figures[key], base[key], key)).join("")}`);
}

await runBench("scale", main, async () => {
  await stopChildren(dir);
  await dropDatabase?.().catch(() => {});
});
