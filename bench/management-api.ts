// `npm run bench` (4/4): the management API's list-apps rate with 10,000 apps in one company, against
// the page's own query in the same run. Seeds 10,000 apps for a Delegated Administrator (who sees every
// app of the company), then measures at the server:
//   - GET /api/v1/apps?limit=20 with a personal access token (auth, scope/role check, listApps, zod,
//     one audit row per call), autocannon;
//   - GET /apps ("My Applications", the same listApps query inside the page) with a session cookie;
//   - listApps() itself in this process (the query both use), sequential;
//   - walking all 10,000 apps through the API's cursor pages (limit=100).
// Run with --conditions=react-server (it calls lib directly). Figures only, no assertions.
import { closeTestDb, testDb } from "../e2e/fixtures/db";
import { makeCompany } from "../tests/factories/companies";
import { addMember, makeUser } from "../tests/factories/people";
import { load, median, row, startConsole, stopChildren, tempDir, useConsole } from "./common";

const PORT = Number(process.env.BENCH_MGMT_PORT ?? 3988);
const APPS = Number(process.env.BENCH_APPS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const dir = tempDir();

async function main(): Promise<void> {
  // The API's per-token limit (600/min) would cap the measurement: raised for the bench only.
  const { proc, env } = await startConsole(PORT, dir, { CONSOLE_RATE_LIMITS: "managementApi=1000000000/60" });
  useConsole(dir, env);
  const { newId } = await import("../lib/ids");
  const { generateClientId } = await import("../lib/apps/credentials");
  const user = await makeUser(testDb());
  const company = await makeCompany(testDb());
  const db = testDb();
  await addMember(db, company.id, user.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });
  const t0 = performance.now();
  const base = Date.now() - APPS * 1000;
  for (let start = 0; start < APPS; start += 1000) {
    const apps = [];
    for (let i = start; i < Math.min(APPS, start + 1000); i++) {
      const name = `Bench app ${String(i).padStart(5, "0")}`;
      apps.push({
        id: newId("app"),
        clientId: generateClientId(),
        companyId: company.id,
        createdById: user.id,
        name,
        nameKey: name.toLowerCase(),
        grantTypes: ["client_credentials"],
        termsVersion: "bench",
        termsAcceptedAt: new Date(),
        createdAt: new Date(base + i * 1000),
      });
    }
    await db.app.createMany({ data: apps });
    await db.appApiSubscription.createMany({ data: apps.map((a) => ({ appId: a.id, apiId: hello.id })) });
  }
  console.log(`[bench] seeded ${APPS.toLocaleString("en")} apps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await closeTestDb();

  const { createPersonalToken } = await import("../lib/users/personal-tokens");
  const { token } = await createPersonalToken(
    user,
    { name: "bench", companyId: company.id, expiresInDays: 1, scopes: ["apps:read"] },
    null,
  );
  // A server-side session (the cookie names it by sid), as sign-in makes it.
  const { sessionCookie } = await import("./session");
  const cookie = await sessionCookie(user.id);
  const origin = `http://127.0.0.1:${PORT}`;

  // Warm up and check both answer 200 with the 10,000 apps.
  const first = await fetch(`${origin}/api/v1/apps?limit=20`, { headers: { authorization: `Bearer ${token}` } });
  const firstBody = (await first.json()) as { total: number; items: unknown[] };
  if (first.status !== 200 || firstBody.total !== APPS) throw new Error(`API answered ${first.status}, total ${firstBody.total}`);
  const pageRes = await fetch(`${origin}/apps`, { headers: { cookie }, redirect: "manual" });
  if (pageRes.status !== 200) throw new Error(`/apps answered ${pageRes.status}`);
  await pageRes.arrayBuffer();

  const api = await load(
    { url: `${origin}/api/v1/apps?limit=20`, headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS },
    SECONDS,
    proc.pid,
  );
  const page = await load({ url: `${origin}/apps`, headers: { cookie }, connections: CONNECTIONS }, SECONDS, proc.pid);

  const { listApps } = await import("../lib/apps/queries");
  const actor = {
    user: { id: user.id, email: user.email },
    companyId: company.id,
    companyStatus: "ACTIVE",
    roles: ["DELEGATED_ADMIN" as const, "API_DEVELOPER" as const],
  };
  await listApps(actor, { limit: 20 });
  const q: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    await listApps(actor, { limit: 20 });
    q.push(performance.now() - s);
  }

  // Every app through the API's cursor pages.
  const w0 = performance.now();
  let cursor: string | null = null;
  let seen = 0;
  let requests = 0;
  do {
    const res = await fetch(`${origin}/api/v1/apps?limit=100${cursor ? `&cursor=${cursor}` : ""}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    seen += body.items.length;
    cursor = body.nextCursor;
    requests++;
  } while (cursor);
  const walkMs = performance.now() - w0;

  console.log(
    `\n[bench] list apps, ${APPS.toLocaleString("en")} apps in the company (first page of 20, ${CONNECTIONS} connections, ${SECONDS} s each):`,
  );
  console.log(row("GET /api/v1/apps", api));
  console.log(row("GET /apps (page)", page));
  console.log(`ratio (API rate / page rate): ${(api.rps / Math.max(1, page.rps)).toFixed(2)}x`);
  console.log(
    `listApps() alone in this process (the query both use): median ${median(q).toFixed(2)} ms → ${(1000 / median(q)).toFixed(0)} queries/s sequential`,
  );
  console.log(
    `walking all ${seen.toLocaleString("en")} apps via cursor pages of 100: ${requests} requests in ${(walkMs / 1000).toFixed(2)} s (${(walkMs / requests).toFixed(1)} ms per page)`,
  );
}

try {
  await main();
} finally {
  await stopChildren(dir);
  process.exit(0);
}
