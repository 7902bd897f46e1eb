// Measures "My Applications" and client authentication with 10,000 apps in one company, on a fresh
// database (SQLite by default; TEST_DATABASE=postgresql for PostgreSQL). Not part of `npm test`.
//   npx tsx --conditions=react-server bench/apps-list.ts
import { performance } from "node:perf_hooks";
import { useFreshDatabase } from "./setup";

const APPS = Number(process.env.BENCH_APPS ?? 10_000);
const database = await useFreshDatabase("YmVuY2gta2V5LWZvci10aGUtYXBwcy1iZW5jaG1hcms");

const { db, disconnectDb } = await import("../lib/db");
const { newId } = await import("../lib/ids");
const { ensureCatalogDefaults } = await import("../lib/apis/defaults");
const { listApps } = await import("../lib/apps/queries");
const { registerApp } = await import("../lib/apps/register-app");
const { revealClientSecret } = await import("../lib/apps/secrets");
const { verifyClientSecret } = await import("../lib/apps/client-auth");

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(2);
  console.log(`${label.padEnd(52)} median ${pct(0.5)} ms   p95 ${pct(0.95)} ms   (${runs} runs)`);
}

try {
  await ensureCatalogDefaults();
  const hello = await db().api.findUniqueOrThrow({ where: { slug: "hello" } });
  const company = await db().company.create({ data: { id: newId("company"), name: "Bench Co", nameKey: "bench co" } });
  const mkUser = async (label: string, role: string) => {
    const user = await db().user.create({
      data: { id: newId("user"), email: `${label}@bench.example.com`, name: label, passwordHash: "x" },
    });
    await db().membership.create({
      data: { id: newId("membership"), companyId: company.id, userId: user.id, roles: { create: [{ id: newId("role"), role }] } },
    });
    return user;
  };
  const dev = await mkUser("dev", "API_DEVELOPER");
  const others = await mkUser("others", "API_DEVELOPER");
  const admin = await mkUser("admin", "DELEGATED_ADMIN");

  const t0 = performance.now();
  const base = Date.now() - APPS * 60_000;
  for (let start = 0; start < APPS; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, APPS - start) }, (_, k) => {
      const i = start + k;
      const name = `App ${String(i).padStart(5, "0")}`;
      return {
        id: newId("app"),
        clientId: `apc_${newId("app").slice(4, 28)}`,
        companyId: company.id,
        createdById: i % 2 === 0 ? dev.id : others.id,
        name,
        nameKey: name.toLowerCase(),
        grantTypes: ["client_credentials"],
        termsVersion: "2026-11-01",
        termsAcceptedAt: new Date(base),
        createdAt: new Date(base + i * 60_000),
      };
    });
    await db().app.createMany({ data: rows });
    await db().appApiSubscription.createMany({ data: rows.map((r) => ({ appId: r.id, apiId: hello.id })) });
  }
  // PostgreSQL's autovacuum would gather statistics soon; do it now so plans reflect 10k rows.
  if (database.kind === "postgresql") await db().$executeRawUnsafe('ANALYZE "App"');
  console.log(`[bench] ${database.kind}: seeded ${APPS} apps (half by one developer) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const actor = (user: { id: string; email: string }, role: "API_DEVELOPER" | "DELEGATED_ADMIN") => ({
    user: { id: user.id, email: user.email },
    companyId: company.id,
    companyStatus: "ACTIVE",
    roles: [role],
  });
  const da = actor(admin, "DELEGATED_ADMIN");
  const developer = actor(dev, "API_DEVELOPER");

  // A cursor deep in the list (page 400 of 500).
  let cursor: string | null = null;
  for (let p = 0; p < 400; p++) cursor = (await listApps(da, { after: cursor ?? undefined, limit: 20 })).nextCursor;

  await time("listApps: administrator, first page (all 10k)", 30, () => listApps(da));
  await time("listApps: administrator, page 400 (keyset cursor)", 30, () => listApps(da, { after: cursor! }));
  await time("listApps: developer, first page (own 5k)", 30, () => listApps(developer));
  await time("listApps: administrator, search 'app 012' (contains)", 30, () => listApps(da, { q: "app 012" }));
  await time("listApps: administrator, search with no match", 30, () => listApps(da, { q: "zzz" }));

  const registered = await registerApp(
    developer,
    { name: "Token client", grantTypes: ["client_credentials"], apiIds: [hello.id], acceptTerms: true },
    null,
  );
  const { secret } = await revealClientSecret(developer, registered.id, { provenAt: Math.floor(Date.now() / 1000) }, null);
  await time("verifyClientSecret: right secret", 500, async () => {
    if (!(await verifyClientSecret(registered.clientId, secret))) throw new Error("should verify");
  });
  const wrong = secret.slice(0, -6) + "000000";
  await time("verifyClientSecret: unknown client id (well-formed)", 500, () => verifyClientSecret("apc_000000000000000000000000", secret));
  await time("verifyClientSecret: malformed secret (no database)", 500, () => verifyClientSecret(registered.clientId, wrong));

  if (database.kind === "sqlite") {
    const plan = await db().$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT id FROM "App" WHERE "companyId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 21`,
      company.id,
    );
    console.log("[bench] SQLite plan, administrator page:", plan.map((p) => p.detail).join(" | "));
    const plan2 = await db().$queryRawUnsafe<{ detail: string }[]>(
      `EXPLAIN QUERY PLAN SELECT id FROM "App" WHERE "companyId" = ? AND "createdById" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT 21`,
      company.id,
      dev.id,
    );
    console.log("[bench] SQLite plan, developer page:", plan2.map((p) => p.detail).join(" | "));
  } else {
    const plan = await db().$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
      `EXPLAIN SELECT id FROM "App" WHERE "companyId" = $1 ORDER BY "createdAt" DESC, "id" DESC LIMIT 21`,
      company.id,
    );
    console.log("[bench] PostgreSQL plan, administrator page:", plan.map((p) => p["QUERY PLAN"].trim()).join(" | "));
  }
} finally {
  await disconnectDb();
  await database.drop();
}
