import { describe, expect, it } from "vitest";
import { actorOf, addPerson, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { db } from "../db";
import { decodeTimeCursor as decodeCursor, encodeTimeCursor as encodeCursor } from "../db/keyset";
import { AppError } from "../errors";
import { newId } from "../ids";
import { getAppDetail, listApps } from "./queries";

/** `count` apps for one developer, created a second apart (oldest first), straight in the database. */
async function seedApps(companyId: string, userId: string, count: number, label: string) {
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId("app"),
    clientId: `apc_${newId("app").slice(4, 28)}`,
    companyId,
    createdById: userId,
    name: `${label} ${String(i).padStart(3, "0")}`,
    nameKey: `${label} ${String(i).padStart(3, "0")}`.toLowerCase(),
    grantTypes: ["client_credentials"],
    termsVersion: "2026-11-01",
    termsAcceptedAt: new Date(base),
    // Two apps share each instant, so the id must break ties.
    createdAt: new Date(base + Math.floor(i / 2) * 1000),
  }));
  await db().app.createMany({ data: rows });
  return rows;
}

describe("My Applications", () => {
  it("shows a developer their own apps and a Delegated Administrator all of the company's", async () => {
    const { actor, hello, company } = await makeDeveloperCompany();
    const colleague = await addPerson(company, ["API_DEVELOPER"]);
    const admin = await addPerson(company, ["DELEGATED_ADMIN"]);
    const mine = await registered(actor, hello.id);
    const theirs = await registered(colleague.actor, hello.id);
    const other = await makeDeveloperCompany();
    await registered(other.actor, other.hello.id);

    expect((await listApps(actor)).apps.map((a) => a.id)).toEqual([mine.id]);
    expect((await listApps(colleague.actor)).apps.map((a) => a.id)).toEqual([theirs.id]);
    const all = await listApps(admin.actor);
    expect(all.apps.map((a) => a.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(all.total).toBe(2);
    expect(all.apps[0]).toMatchObject({
      status: "ACTIVE",
      grantTypes: ["client_credentials"],
      apis: [{ id: hello.id, name: "Hello API" }],
    });
    expect(JSON.stringify(all)).not.toMatch(/apcs_|digest|ciphertext|clientId/);

    const plain = await addPerson(company, []);
    await expect(listApps(plain.actor)).rejects.toBeInstanceOf(AppError);
  });

  it("pages through thousands of apps both ways without gaps or repeats", async () => {
    const { company, user } = await makeDeveloperCompany();
    const actor = actorOf(user, company, ["API_DEVELOPER"]);
    const rows = await seedApps(company.id, user.id, 45, "paged");
    const seen: string[] = [];
    let page = await listApps(actor, { limit: 10 });
    expect(page.prevCursor).toBeNull();
    const pages = [page];
    while (page.nextCursor) {
      page = await listApps(actor, { limit: 10, after: page.nextCursor });
      pages.push(page);
    }
    for (const p of pages) seen.push(...p.apps.map((a) => a.id));
    expect(pages.map((p) => p.apps.length)).toEqual([10, 10, 10, 10, 5]);
    expect(new Set(seen).size).toBe(45);
    // Newest first: the last created is first.
    const expected = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(seen).toEqual(expected);
    expect(pages[4]!.total).toBe(45);

    // And back: from the last page to the first.
    let back = pages[4]!;
    const backwards: string[][] = [back.apps.map((a) => a.id)];
    while (back.prevCursor) {
      back = await listApps(actor, { limit: 10, before: back.prevCursor });
      backwards.unshift(back.apps.map((a) => a.id));
    }
    expect(backwards.flat()).toEqual(expected);
    expect(back.prevCursor).toBeNull();
  });

  it("searches names by any part, ignoring case, and pages the results", async () => {
    const { company, user } = await makeDeveloperCompany();
    const actor = actorOf(user, company, ["API_DEVELOPER"]);
    await seedApps(company.id, user.id, 30, "Alpha");
    await seedApps(company.id, user.id, 5, "Beta");
    const found = await listApps(actor, { q: "  BETA  ", limit: 3 });
    expect(found.total).toBe(5);
    expect(found.apps.every((a) => a.name.startsWith("Beta"))).toBe(true);
    const next = await listApps(actor, { q: "beta", limit: 3, after: found.nextCursor! });
    expect(next.apps).toHaveLength(2);
    expect((await listApps(actor, { q: "pha 01" })).apps.map((a) => a.name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Alpha 01${i}`),
    );
    expect((await listApps(actor, { q: "alpha 100" })).total).toBe(0);
  });

  it("treats _ and % as wildcards and a backslash literally, the same on both databases", async () => {
    const { company, user, hello } = await makeDeveloperCompany();
    const actor = actorOf(user, company, ["API_DEVELOPER"]);
    for (const name of ["a_b", "axb", "a%b", "a\\b"]) await registered(actor, hello.id, { name });
    const names = async (q: string) => (await listApps(actor, { q })).apps.map((a) => a.name).sort();
    expect(await names("a_b")).toEqual(["a%b", "a\\b", "a_b", "axb"]);
    expect(await names("a%b")).toEqual(["a%b", "a\\b", "a_b", "axb"]);
    expect(await names("a\\b")).toEqual(["a\\b"]);
    expect(await names("xb")).toEqual(["axb"]);
  });

  it("counts up to a cap when asked, and says there are more", async () => {
    const { company, user } = await makeDeveloperCompany();
    const actor = actorOf(user, company, ["API_DEVELOPER"]);
    await seedApps(company.id, user.id, 12, "capped");
    const capped = await listApps(actor, { limit: 5, countUpTo: 10 });
    expect(capped).toMatchObject({ total: 10, totalCapped: true });
    expect(capped.apps).toHaveLength(5);
    expect(await listApps(actor, { limit: 5, countUpTo: 12 })).toMatchObject({ total: 12, totalCapped: false });
    expect(await listApps(actor, { limit: 5 })).toMatchObject({ total: 12, totalCapped: false });
    expect(await listApps(actor, { q: "capped 00", countUpTo: 10 })).toMatchObject({ total: 10, totalCapped: false });
  });

  it("ignores a tampered cursor", async () => {
    expect(decodeCursor("not a cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("1.x'; DROP TABLE", "utf8").toString("base64url"))).toBeNull();
    const c = { createdAt: new Date(1_700_000_000_000), id: "app_abc" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    const { actor } = await makeDeveloperCompany();
    expect((await listApps(actor, { after: "garbage" })).apps).toEqual([]);
  });

  it("answers not found for another company's app", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const other = await makeDeveloperCompany();
    const admin = await addPerson(other.company, ["DELEGATED_ADMIN"]);
    for (const who of [other.actor, admin.actor]) {
      const e = await getAppDetail(who, app.id).catch((err: unknown) => err);
      expect((e as AppError).code).toBe("not_found");
    }
    expect((await getAppDetail(actor, app.id)).id).toBe(app.id);
    void ctx;
  });
});
