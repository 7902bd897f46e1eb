// The catalog's keyset pages (/apis, /admin/apis): name order with the id breaking ties, so walking the
// pages forwards or backwards neither repeats nor skips an API, equal names included; search by name
// or slug, whatever its case; a company sees only the APIs it may use.
import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { db } from "../db";
import { newId } from "../ids";
import { listCatalogPage } from "./catalog";

const token = () => `kq${process.pid.toString(36)}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function addApis(names: string[], slugPrefix: string, openToAll = false) {
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    const id = newId("api");
    await db().api.create({ data: { id, slug: `${slugPrefix}-${i}`, name, endpoint: "/api/hello", openToAll } });
    ids.push(id);
  }
  return ids;
}

/** Every page forwards from the top, then backwards from the last, as lists of ids. */
async function walk(scope: Parameters<typeof listCatalogPage>[0], q: string, limit: number) {
  const forward: string[][] = [];
  let page = await listCatalogPage(scope, { q, limit });
  forward.push(page.items.map((a) => a.id));
  expect(page.prevCursor).toBeNull();
  let last = page;
  while (page.nextCursor) {
    page = await listCatalogPage(scope, { q, limit, after: page.nextCursor });
    forward.push(page.items.map((a) => a.id));
    last = page;
  }
  const backward: string[][] = [];
  page = last;
  while (page.prevCursor) {
    page = await listCatalogPage(scope, { q, limit, before: page.prevCursor });
    backward.unshift(page.items.map((a) => a.id));
  }
  return { forward, backward };
}

describe("the catalog in keyset pages", () => {
  it("walks equal names forwards and backwards without repeating or skipping one", async () => {
    const t = token();
    const names = [`B ${t}`, `A ${t}`, `Same ${t}`, `Same ${t}`, `Same ${t}`, `Same ${t}`, `Same ${t}`, `C ${t}`, `Z ${t}`];
    const ids = await addApis(names, t);
    const { forward, backward } = await walk({ kind: "platform" }, t, 2);
    const all = forward.flat();
    expect(all).toHaveLength(names.length);
    expect(new Set(all).size).toBe(names.length);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(forward.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    // The same pages backwards (the first page read from its successor's cursor).
    expect(backward.flat()).toEqual(all.slice(0, backward.flat().length));
    expect(backward[0]).toEqual(forward[0]);
    // Name order, the id deciding between equal names.
    const rows = await db().api.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    const byId = new Map(rows.map((r) => [r.id, r.name]));
    const shown = all.map((id) => byId.get(id)!);
    expect(shown[0]).toBe(`A ${t}`);
    expect(shown.at(-1)).toBe(`Z ${t}`);
    expect(shown.slice(3, 8)).toEqual(Array(5).fill(`Same ${t}`));
  });

  it("finds APIs by part of the name or the slug, whatever its case, and pages the matches only", async () => {
    const t = token();
    await addApis([`Weather-${t}`, `Payments ${t}`, `weather-${t} history`], `${t}-slugged`);
    const byName = await listCatalogPage({ kind: "platform" }, { q: `WEATHER-${t.toUpperCase()}`, limit: 100 });
    expect(byName.items.map((a) => a.name).sort()).toEqual([`Weather-${t}`, `weather-${t} history`].sort());
    const bySlug = await listCatalogPage({ kind: "platform" }, { q: `${t}-SLUGGED-1`, limit: 100 });
    expect(bySlug.items.map((a) => a.name)).toEqual([`Payments ${t}`]);
    const none = await listCatalogPage({ kind: "platform" }, { q: `${t}-nothing` });
    expect(none).toEqual({ items: [], nextCursor: null, prevCursor: null });
  });

  it("shows a company only the APIs it may use, and a tampered cursor starts at the top", async () => {
    const t = token();
    const company = await makeCompany(db());
    const [open] = await addApis([`Open ${t}`], `${t}-open`, true);
    const [closed] = await addApis([`Closed ${t}`], `${t}-closed`, false);
    const page = await listCatalogPage({ kind: "company", companyId: company.id }, { q: t, limit: 100 });
    expect(page.items.map((a) => a.id)).toEqual([open]);
    const admin = await listCatalogPage({ kind: "platform" }, { q: t, limit: 100 });
    expect(admin.items.map((a) => a.id)).toEqual([closed, open]);
    const tampered = await listCatalogPage({ kind: "platform" }, { q: t, limit: 100, after: "not-a-cursor" });
    expect(tampered.items.map((a) => a.id)).toEqual([closed, open]);
  });
});
