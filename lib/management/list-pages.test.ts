// Every list of the management API is read in cursor pages: its OpenAPI operation (made from the ROUTES
// table) takes `cursor` and `limit` (at most 100) and answers `nextCursor`; walking the pages of the
// members, invitations, personal tokens, APIs and waiting requests with a small limit gives every item
// once; the apps' total is counted up to 1,000 and says when it stopped.
import { describe, expect, it } from "vitest";
import { adminWithEveryScope, call, json, tokenFor } from "../../tests/api-v1";
import { makeCompany } from "../../tests/factories/companies";
import { catalog } from "../../tests/factories/domain";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { newId } from "../ids";
import { newRequestId } from "../plans/plans";

type Schema = { type?: string; maximum?: number; properties?: Record<string, Schema>; items?: Schema; $ref?: string };
type Operation = {
  parameters?: { name: string; in: string; schema: Schema }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

/** Lists whose length is bounded by what an administrator sets up for one API or app (its plans). */
const BOUNDED = new Set(["GET /apis/{apiId}/plans", "GET /apps/{appId}/plans"]);

async function walk<T extends { id?: string; membershipId?: string }>(token: string, pathname: string, limit = 2) {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = pathname.includes("?") ? "&" : "?";
    const r = await call("GET", `${pathname}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token });
    expect(r.status, pathname).toBe(200);
    const page = await json<{ items: T[]; nextCursor: string | null }>(r);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  const keys = items.map((i) => i.id ?? i.membershipId);
  expect(new Set(keys).size, `${pathname}: an item repeated`).toBe(keys.length);
  return { items, pages };
}

describe("the management API's lists in cursor pages", () => {
  it("documents cursor, limit (at most 100) and nextCursor on every list operation", async () => {
    const doc = (await (await call("GET", "/openapi.json")).json()) as { paths: Record<string, Record<string, Operation>> };
    const lists: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const schema = op.responses["200"]?.content?.["application/json"]?.schema;
      if (schema?.properties?.items?.type !== "array" || BOUNDED.has(`GET ${p}`)) continue;
      lists.push(p);
      const params = new Map((op.parameters ?? []).filter((x) => x.in === "query").map((x) => [x.name, x.schema]));
      expect(params.has("cursor"), `GET ${p} takes a cursor`).toBe(true);
      expect(params.get("limit")?.maximum, `GET ${p} caps limit at 100`).toBe(100);
      expect(schema.properties.nextCursor, `GET ${p} answers nextCursor`).toBeTruthy();
    }
    expect(lists.sort()).toEqual(
      ["/apis", "/apps", "/apps/{appId}/logs", "/audit", "/companies", "/invitations", "/members", "/personal-tokens", "/requests"].sort(),
    );
  });

  it("walks members, invitations, personal tokens, APIs and waiting requests without repeating or skipping one", async () => {
    const { admin, company, token } = await adminWithEveryScope();
    for (let i = 0; i < 4; i++) await addMember(db(), company.id, (await makeUser(db())).id, ["API_DEVELOPER"]);
    for (let i = 0; i < 2; i++) await tokenFor(admin, company.id, ["apps:read"]);
    for (let i = 0; i < 5; i++) {
      const r = await call("POST", "/members", {
        token,
        body: { email: `invitee.${newId("user").slice(4).toLowerCase()}@example.com`, roles: ["API_DEVELOPER"] },
      });
      expect(r.status).toBe(201);
    }
    const tag = `pg${Date.now().toString(36)}${process.pid.toString(36)}`;
    const apiIds: string[] = [];
    for (const name of ["Beta", "Alpha", "Alpha", "Gamma", "Delta"]) {
      const id = newId("api");
      await db().api.create({ data: { id, slug: `${tag}-${apiIds.length}`, name: `${name} ${tag}`, endpoint: "/api/hello" } });
      await db().companyApiAccess.create({ data: { companyId: company.id, apiId: id, allowed: true } });
      apiIds.push(id);
    }

    const members = await walk<{ membershipId: string }>(token, "/members");
    expect(members.items).toHaveLength(5);
    expect(members.pages).toBe(3);
    expect((await walk(token, "/invitations")).items).toHaveLength(5);
    expect((await walk(token, "/personal-tokens")).items).toHaveLength(3);
    const apis = await walk<{ id: string; name: string }>(token, `/apis?q=${tag}`);
    expect(new Set(apis.items.map((a) => a.id))).toEqual(new Set(apiIds));
    expect(apis.items.map((a) => a.name.split(" ")[0])).toEqual(["Alpha", "Alpha", "Beta", "Delta", "Gamma"]);
    // Waiting requests of this company (other tests may add theirs meanwhile: ours must each be there once).
    // Each a second apart: two made in the same millisecond would be listed in their random ids' order.
    const mine: string[] = [];
    const first = Date.now();
    for (let i = 0; i < 3; i++) {
      const id = newRequestId();
      const createdAt = new Date(first + i * 1000);
      await db().accessRequest.create({
        data: { id, kind: "access", companyId: company.id, apiId: apiIds[i]!, requesterId: admin.id, createdAt },
      });
      mine.push(id);
    }
    const waiting = await walk<{ id: string }>(token, "/requests", 2);
    expect(waiting.items.map((r) => r.id).filter((id) => mine.includes(id))).toEqual(mine);
  }, 180_000); // many sequential calls: bounded work, slow only on a loaded machine

  it("counts the apps up to 1,000 and says whether it stopped there", async () => {
    const { hello } = await catalog();
    const dev = await makeUser(db());
    const company = await makeCompany(db());
    await addMember(db(), company.id, dev.id, ["API_DEVELOPER"]);
    const { token } = await tokenFor(dev, company.id, ["apps:read", "apps:write"]);
    const r = await call("POST", "/apps", {
      token,
      body: { name: `Counted ${Date.now()}`, grantTypes: ["client_credentials"], apiIds: [hello.id], acceptTerms: true },
    });
    expect(r.status).toBe(201);
    const page = await json<{ total: number; totalCapped: boolean; nextCursor: string | null }>(await call("GET", "/apps", { token }));
    expect(page).toMatchObject({ total: 1, totalCapped: false, nextCursor: null });
  });
});
