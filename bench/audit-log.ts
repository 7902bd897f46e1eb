// How the audit log reads with many rows: `npx tsx --conditions=react-server bench/audit-log.ts [rows]`
// (TEST_DATABASE=postgresql for PostgreSQL). A fresh database, `rows` entries over 50 companies and a
// year, then the median of 7 runs of each query the pages make. Prints a table; asserts nothing.
import { performance } from "node:perf_hooks";
import { useFreshDatabase } from "./setup";

const rows = Number(process.argv[2] ?? 200_000);
const database = await useFreshDatabase("YmVuY2gta2V5LWZvci1hdWRpdC1sb2ctcmVhZHMtMzI");
const { db, disconnectDb } = await import("../lib/db");
const { newId } = await import("../lib/ids");
const { listAuditEntries } = await import("../lib/audit/query");

try {
  const admin = await db().user.create({
    data: { id: newId("user"), email: "bench.admin@example.com", name: "A", passwordHash: "x", isPlatformAdmin: true },
  });
  const da = await db().user.create({ data: { id: newId("user"), email: "bench.da@example.com", name: "D", passwordHash: "x" } });
  const companies: { id: string }[] = [];
  for (let i = 0; i < 50; i++)
    companies.push(await db().company.create({ data: { id: newId("company"), name: `Bench ${i}`, nameKey: `bench ${i}` } }));
  const target = companies[7]!;
  await db().membership.create({
    data: {
      id: newId("membership"),
      companyId: target.id,
      userId: da.id,
      roles: { create: [{ id: newId("role"), role: "DELEGATED_ADMIN" }] },
    },
  });
  const events = ["role.granted", "role.revoked", "membership.added", "app.suspended", "app.registered", "secret.revealed"];
  const end = Date.UTC(2026, 10, 1);
  const span = 365 * 24 * 3600 * 1000;
  const t0 = performance.now();
  for (let done = 0; done < rows; done += 5000) {
    const batch = Array.from({ length: Math.min(5000, rows - done) }, (_, k) => {
      const n = done + k;
      return {
        id: newId("audit"),
        companyId: companies[n % 50]!.id,
        actorId: n % 10 === 0 ? da.id : admin.id,
        actorEmail: n % 10 === 0 ? da.email : admin.email,
        event: events[n % events.length]!,
        targetType: "bench",
        targetId: `t${n}`,
        metadata: { n },
        ip: "192.0.2.1",
        userAgent: "bench",
        createdAt: new Date(end - Math.floor((n / rows) * span)),
      };
    });
    await db().auditLog.createMany({ data: batch });
  }
  console.log(`[bench] ${database.kind}: inserted ${rows} audit rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const daActor = { id: da.id, email: da.email };
  const adminActor = { id: admin.id, email: admin.email };
  async function time(label: string, run: () => Promise<{ items: unknown[]; nextCursor: string | null }>) {
    const ms: number[] = [];
    let count = 0;
    for (let i = 0; i < 7; i++) {
      const s = performance.now();
      count = (await run()).items.length;
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    console.log(`${label.padEnd(58)} ${ms[3]!.toFixed(1).padStart(7)} ms  (${count} rows)`);
  }
  // A cursor up to 100 pages deep in the company's log (fewer where the log ends sooner).
  let deep: string | undefined;
  let depth = 0;
  for (; depth < 100; depth++) {
    const next = (await listAuditEntries(daActor, { companyId: target.id }, deep ? { cursor: deep } : {})).nextCursor;
    if (!next) break;
    deep = next;
  }
  await time("DA: company log, first page", () => listAuditEntries(daActor, { companyId: target.id }, {}));
  await time(`DA: company log, page ${depth + 1} (keyset cursor)`, () =>
    listAuditEntries(daActor, { companyId: target.id }, deep ? { cursor: deep } : {}),
  );
  await time("DA: company log, event role.revoked", () => listAuditEntries(daActor, { companyId: target.id }, { event: "role.revoked" }));
  await time("DA: company log, an event it never had (scans its rows)", () =>
    listAuditEntries(daActor, { companyId: target.id }, { event: "role.granted" }),
  );
  await time("DA: company log, event prefix app.", () => listAuditEntries(daActor, { companyId: target.id }, { event: "app." }));
  await time("DA: company log, one month", () =>
    listAuditEntries(daActor, { companyId: target.id }, { from: "2026-03-01", to: "2026-03-31" }),
  );
  await time("admin: all companies, first page", () => listAuditEntries(adminActor, { allCompanies: true }, {}));
  await time("admin: all companies, actor = the DA", () => listAuditEntries(adminActor, { allCompanies: true }, { actor: da.email }));
  await time("admin: all companies, event secret.revealed, one month", () =>
    listAuditEntries(adminActor, { allCompanies: true }, { event: "secret.revealed", from: "2026-03-01", to: "2026-03-31" }),
  );
  await time("admin: all companies, an event nobody wrote", () =>
    listAuditEntries(adminActor, { allCompanies: true }, { event: "nothing.here" }),
  );
} finally {
  await disconnectDb();
  await database.drop();
}
