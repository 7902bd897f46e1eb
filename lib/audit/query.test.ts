import { describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeCompany } from "../../tests/factories/companies";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { newId } from "../ids";
import { listAuditEntries } from "./query";

const person = (u: { id: string; email: string }) => ({ id: u.id, email: u.email });

async function entry(companyId: string | null, event: string, at: Date, actor?: { id: string; email: string }) {
  return db().auditLog.create({
    data: {
      id: newId("audit"),
      companyId,
      event,
      targetType: "test",
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? "system",
      createdAt: at,
      ip: "192.0.2.1",
      userAgent: "vitest",
    },
  });
}

async function companyWithDa() {
  const company = await makeCompany(db());
  const da = await makeUser(db());
  await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN"]);
  return { company, da: person(da) };
}

describe("reading the audit log", () => {
  it("shows a DA only their company's entries, newest first, page by page without gaps or repeats", async () => {
    const { company, da } = await companyWithDa();
    const other = await makeCompany(db());
    const t0 = Date.UTC(2026, 0, 10, 12);
    const ids: string[] = [];
    // Seven entries, three of them at the very same instant (the id breaks the tie).
    for (let i = 0; i < 7; i++) ids.push((await entry(company.id, "role.granted", new Date(t0 + Math.min(i, 4) * 1000), da)).id);
    await entry(other.id, "role.granted", new Date(t0 + 500), da);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEntries(da, { companyId: company.id }, { cursor }, { limit: 3 });
      seen.push(...page.items.map((r) => r.id));
      for (const r of page.items) expect(r.companyId).toBe(company.id);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual([...ids].sort());
    const times = (await db().auditLog.findMany({ where: { id: { in: seen } } })).reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.id]: r.createdAt.getTime() }),
      {},
    );
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(times[a]! > times[b]! || (times[a] === times[b] && a > b)).toBe(true);
    }
  });

  it("filters by event (exact or prefix), actor and date range", async () => {
    const { company, da } = await companyWithDa();
    const someone = person(await makeUser(db()));
    const day = (d: number) => new Date(Date.UTC(2026, 1, d, 9));
    await entry(company.id, "role.granted", day(1), da);
    await entry(company.id, "role.revoked", day(2), someone);
    await entry(company.id, "app.suspended", day(3), da);
    await entry(company.id, "membership.added", day(4), null as never);
    const events = async (f: Record<string, string>) =>
      (await listAuditEntries(da, { companyId: company.id }, f)).items.map((r) => r.event);
    expect(await events({ event: "role.granted" })).toEqual(["role.granted"]);
    expect(await events({ event: "role." })).toEqual(["role.revoked", "role.granted"]);
    expect(await events({ actor: someone.email.toUpperCase() })).toEqual(["role.revoked"]);
    expect(await events({ actor: "system" })).toEqual(["membership.added"]);
    expect(await events({ from: "2026-02-02", to: "2026-02-03" })).toEqual(["app.suspended", "role.revoked"]);
    expect(await events({ from: "2026-02-04" })).toEqual(["membership.added"]);
    expect(await events({ event: "", actor: "", from: "", to: "" })).toHaveLength(4);
  });

  it("refuses malformed filters with a message and a broken page link", async () => {
    const { company, da } = await companyWithDa();
    const bad = async (f: Record<string, string>, field: string, message: RegExp) => {
      const e = await expectAppError(listAuditEntries(da, { companyId: company.id }, f), "validation");
      expect(e.fieldErrors?.[field]?.[0]).toMatch(message);
    };
    await bad({ from: "yesterday" }, "from", /date like 2026-01-31/);
    await bad({ from: "2026-03-02", to: "2026-03-01" }, "to", /end date comes before/);
    await bad({ event: "DROP TABLE" }, "event", /lower case/);
    await bad({ cursor: "bm9wZQ" }, "cursor", /first page/);
    await bad({ actor: `${"a".repeat(300)}@example.com` }, "actor", /at most 254/);
  });

  it("is the DAs' and the platform administrator's only; the administrator sees every company", async () => {
    const a = await companyWithDa();
    const b = await companyWithDa();
    const dev = await makeUser(db());
    await addMember(db(), a.company.id, dev.id, ["API_DEVELOPER"]);
    const admin = person(await makeUser(db(), { isPlatformAdmin: true }));
    const at = new Date(Date.UTC(2026, 2, 1));
    await entry(a.company.id, "company.created", at, admin);
    await entry(b.company.id, "company.created", at, admin);

    await expectAppError(listAuditEntries(person(dev), { companyId: a.company.id }, {}), "not_found");
    await expectAppError(listAuditEntries(a.da, { companyId: b.company.id }, {}), "not_found");
    await expectAppError(listAuditEntries(a.da, { allCompanies: true }, {}), "not_found");
    await expectAppError(listAuditEntries(admin, { companyId: a.company.id }, {}), "not_found");

    const all = await listAuditEntries(admin, { allCompanies: true }, { actor: admin.email });
    expect(new Set(all.items.map((r) => r.companyId))).toEqual(new Set([a.company.id, b.company.id]));
    expect(all.items.find((r) => r.companyId === a.company.id)?.companyName).toBe(a.company.name);
    const onlyB = await listAuditEntries(admin, { allCompanies: true }, { company: b.company.id, actor: admin.email });
    expect(onlyB.items.map((r) => r.companyId)).toEqual([b.company.id]);
    // A DA's scope cannot be widened by a company filter.
    const scoped = await listAuditEntries(a.da, { companyId: a.company.id }, { company: b.company.id });
    expect(scoped.items.every((r) => r.companyId === a.company.id)).toBe(true);
  });
});
