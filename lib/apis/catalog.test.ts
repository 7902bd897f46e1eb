// Catalog management is the platform administrator's (catalog.manage), checked in the domain module
// from the database, not only by the page or action that calls it.
import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { actorOf, addPerson, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { addMember, makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { appsSubscribedTo, createApi, updateApi } from "./catalog";
import { HELLO_OPENAPI } from "./hello-openapi";
import { setApiOpenApi } from "./openapi";

const ctx = { ip: "203.0.113.9", userAgent: "vitest" };
const input = (slug: string) => ({
  name: `API ${slug}`,
  slug,
  version: "1.0",
  summary: "",
  documentation: "",
  endpoint: "/api/hello",
  status: "PUBLISHED",
  openToAll: false,
});
const slugOf = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;
const notFound = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: "not_found" });

describe("catalog management (catalog.manage)", () => {
  it("lets the platform administrator add an API, change it and set its OpenAPI document, with audit entries", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const slug = slugOf("managed");
    const api = await createApi(input(slug), admin, ctx);
    expect(api.slug).toBe(slug);
    expect((await updateApi(api.id, { ...input(slug), version: "2.0" }, admin, ctx)).version).toBe("2.0");
    await setApiOpenApi(api.id, JSON.stringify(HELLO_OPENAPI), admin, ctx);
    const events = await db().auditLog.findMany({ where: { targetId: api.id }, select: { event: true, actorId: true } });
    expect(events.map((e) => e.event).sort()).toEqual(["api.created", "api.openapi_updated", "api.updated"]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
  });

  it("answers not found to anyone else, Delegated Administrators and developers included, and writes nothing", async () => {
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    const api = await createApi(input(slugOf("kept")), admin, ctx);
    const company = await makeCompany(db());
    const da = await makeUser(db());
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const stranger = await makeUser(db());
    const suspendedAdmin = await makeUser(db(), { isPlatformAdmin: true });
    await db().user.update({ where: { id: suspendedAdmin.id }, data: { status: "SUSPENDED" } });
    for (const actor of [da, stranger, suspendedAdmin]) {
      const slug = slugOf("refused");
      await notFound(createApi(input(slug), actor, ctx));
      expect(await db().api.count({ where: { slug } })).toBe(0);
      await notFound(updateApi(api.id, { ...input(api.slug), name: "Changed" }, actor, ctx));
      await notFound(setApiOpenApi(api.id, null, actor, ctx));
    }
    const after = await db().api.findUniqueOrThrow({ where: { id: api.id } });
    expect(after.name).toBe(api.name);
    expect(after.openapiUpdatedAt).toBeNull();
    expect(await db().auditLog.count({ where: { targetId: api.id } })).toBe(1);
  });
});

describe("apps subscribed to an API", () => {
  it("lists what the apps' own rule lets the actor see: a developer their own, a DA the company's, another company nothing", async () => {
    const { company, hello, actor: dev } = await makeDeveloperCompany();
    const { actor: dev2 } = await addPerson(company, ["API_DEVELOPER"]);
    const { actor: da } = await addPerson(company, ["DELEGATED_ADMIN"]);
    const mine = await registered(dev, hello.id);
    const theirs = await registered(dev2, hello.id);
    const ids = async (actor: Parameters<typeof appsSubscribedTo>[1]) => (await appsSubscribedTo(hello.id, actor)).map((a) => a.id).sort();
    expect(await ids(dev)).toEqual([mine.id]);
    expect(await ids(da)).toEqual([mine.id, theirs.id].sort());
    const other = await makeDeveloperCompany();
    expect(await ids(other.actor)).toEqual([]);
    expect(await ids(actorOf(other.user, company, []))).toEqual([]);
  });
});
