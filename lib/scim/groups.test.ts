// SCIM Groups and discovery through the route handlers (real Request and Response objects, the bearer
// token, SCIM JSON), in the request shapes Entra ID and Okta send. Group membership maps to roles
// through the connection's group → role mapping.
import { describe, expect, it } from "vitest";
import * as groupRoute from "../../app/scim/v2/Groups/[id]/route";
import * as groupsRoute from "../../app/scim/v2/Groups/route";
import * as resourceTypesRoute from "../../app/scim/v2/ResourceTypes/route";
import * as schemasRoute from "../../app/scim/v2/Schemas/route";
import * as spcRoute from "../../app/scim/v2/ServiceProviderConfig/route";
import * as usersRoute from "../../app/scim/v2/Users/route";
import { makeCompany } from "../../tests/factories/companies";
import { makeOAuthApp } from "../../tests/factories/oauth";
import { addMember, makeUser } from "../../tests/factories/people";
import { oktaScimUser, uniqueDomain, verifiedDomain } from "../../tests/factories/sso";
import { db } from "../db";
import { newId } from "../ids";
import { generateScimToken } from "./tokens";

const ctx = { ip: "203.0.113.14", userAgent: "vitest scim groups" };
const BASE = "http://localhost/scim/v2";

async function setup(groupRoles: Record<string, string[]>) {
  const c = await makeCompany(db());
  const da = await makeUser(db());
  await addMember(db(), c.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const domain = uniqueDomain("grp");
  await verifiedDomain(db(), c.id, domain);
  await db().ssoConnection.create({
    data: {
      id: newId("ssoConnection"),
      companyId: c.id,
      protocol: "OIDC",
      issuer: "https://idp.example",
      clientId: "c",
      defaultRoles: ["API_DEVELOPER"],
      groupRoles,
    },
  });
  const { token } = await generateScimToken({ id: da.id, email: da.email }, c.id, ctx);
  const call = async (method: string, path: string, body?: unknown) => {
    const request = new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/scim+json", "x-forwarded-for": ctx.ip },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const [route, id] = path.startsWith("/Groups/")
      ? [groupRoute, path.slice(8).split("?")[0]!]
      : path.startsWith("/Groups")
        ? [groupsRoute, ""]
        : [usersRoute, ""];
    const handler = (route as unknown as Record<string, (r: Request, p?: unknown) => Promise<Response>>)[method]!;
    const response = await handler(request, { params: Promise.resolve({ id }) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get("content-type"), body: text ? JSON.parse(text) : null };
  };
  return { company: c, da, domain, call };
}

async function rolesOf(companyId: string, email: string) {
  const m = await db().membership.findFirst({
    where: { companyId, user: { email } },
    include: { roles: { orderBy: { role: "asc" } } },
  });
  return m ? m.roles.map((r) => r.role) : null;
}

describe("SCIM discovery", () => {
  it("answers ServiceProviderConfig, ResourceTypes and Schemas as SCIM JSON", async () => {
    const spc = spcRoute.GET();
    expect(spc.headers.get("content-type")).toBe("application/scim+json");
    const config = await spc.json();
    expect(config.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"]);
    expect(config.patch.supported).toBe(true);
    expect(config.bulk.supported).toBe(false);
    expect(config.filter).toMatchObject({ supported: true, maxResults: 200 });
    expect(config.authenticationSchemes[0].type).toBe("oauthbearertoken");
    const types = await resourceTypesRoute.GET().json();
    expect(types.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = await schemasRoute.GET().json();
    const group = schemas.Resources.find((s: { name: string }) => s.name === "Group");
    expect(group.attributes.map((a: { name: string }) => a.name)).toContain("members");
  });
});

describe("SCIM Groups", () => {
  it("in Entra ID's shapes: create, add and remove members, rename; roles follow the mapping and losing API Developer suspends apps", async () => {
    const { company, domain, call } = await setup({ "Console Admins": ["DELEGATED_ADMIN"] });
    const email = `entra.${Date.now()}@${domain}`;
    const user = await call("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      externalId: "e-1",
      userName: email,
      active: true,
      emails: [{ primary: true, type: "work", value: email }],
      name: { formatted: "Eve Entra", familyName: "Entra", givenName: "Eve" },
    });
    expect(user.status).toBe(201);
    expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER"]);

    const created = await call("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "Console Admins",
      meta: { resourceType: "Group" },
    });
    expect(created.status).toBe(201);
    expect(created.type).toBe("application/scim+json");
    expect(created.body).toMatchObject({ displayName: "Console Admins", members: [] });
    const id = created.body.id as string;

    // Entra looks the group up by name first, without members.
    const found = await call("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Console Admins"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].members).toBeUndefined();

    const add = await call("PATCH", `/Groups/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Add", path: "members", value: [{ value: user.body.id }] }],
    });
    expect(add.status).toBe(200);
    expect(add.body.members).toEqual([expect.objectContaining({ value: user.body.id, display: email })]);
    expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    // Renamed to a name the mapping does not know: Delegated Administrator goes; back again, it comes back.
    const rename = (value: string) =>
      call("PATCH", `/Groups/${id}`, {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        Operations: [{ op: "Replace", path: "displayName", value }],
      });
    await rename("Console Staff");
    expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER"]);
    await rename("Console Admins");
    expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    await call("PATCH", `/Groups/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Remove", path: "members", value: [{ value: user.body.id }] }],
    });
    expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER"]);
    expect((await call("GET", `/Groups/${id}`)).body.members).toEqual([]);

    // API Developer only through a group: removing them from it is the leaver path for their apps.
    await db().ssoConnection.updateMany({ where: { companyId: company.id }, data: { groupRoles: { Developers: ["API_DEVELOPER"] } } });
    const person = await db().user.findUniqueOrThrow({ where: { email } });
    await db().roleAssignment.deleteMany({ where: { membership: { companyId: company.id, userId: person.id } } });
    const devs = await call("POST", "/Groups", { displayName: "Developers", members: [{ value: user.body.id }] });
    expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER"]);
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"], companyId: company.id, subscribeHello: false });
    await db().app.update({ where: { id: app.appId }, data: { createdById: person.id } });
    expect((await call("DELETE", `/Groups/${devs.body.id}`)).status).toBe(204);
    expect(await rolesOf(company.id, email)).toEqual([]);
    expect(await db().app.findUniqueOrThrow({ where: { id: app.appId } })).toMatchObject({ status: "SUSPENDED", suspendedKind: "LEAVER" });
    expect(await db().clientSecret.count({ where: { appId: app.appId, revokedAt: null } })).toBe(0);

    const events = (await db().auditLog.findMany({ where: { companyId: company.id }, select: { event: true } })).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining(["scim.group_created", "scim.group_updated", "scim.group_deleted", "role.granted", "role.revoked"]),
    );
    const revoked = await db().auditLog.findFirstOrThrow({ where: { companyId: company.id, event: "role.revoked" } });
    expect(revoked.metadata).toMatchObject({ email, source: "SCIM_GROUPS" });
  });

  it("in Okta's shapes: create with members, filtered remove, replace with an object, PUT; hand-granted roles and the last DA stay", async () => {
    const { company, da, domain, call } = await setup({ Admins: ["DELEGATED_ADMIN"] });
    const emails = [`okta.a.${Date.now()}@${domain}`, `okta.b.${Date.now()}@${domain}`];
    const ids: string[] = [];
    for (const email of emails) {
      const body = { givenName: "Olga", familyName: "Okta", externalId: `00u${ids.length}`, password: "not-used-1234" };
      const u = await call("POST", "/Users", oktaScimUser(email, body));
      ids.push(u.body.id);
    }
    const created = await call("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Admins",
      members: ids.map((value, i) => ({ value, display: emails[i] })),
    });
    expect(created.status).toBe(201);
    expect(created.body.members).toHaveLength(2);
    for (const email of emails) expect(await rolesOf(company.id, email)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
    const dup = await call("POST", "/Groups", { displayName: "Admins" });
    expect(dup.status).toBe(409);
    expect(dup.body.scimType).toBe("uniqueness");

    // A DA made the second person a Delegated Administrator by hand: the group does not take it away.
    const second = await db().user.findUniqueOrThrow({ where: { email: emails[1]! } });
    await db().roleAssignment.updateMany({
      where: { role: "DELEGATED_ADMIN", membership: { companyId: company.id, userId: second.id } },
      data: { source: null, grantedById: da.id },
    });
    const id = created.body.id as string;
    const removed = await call("PATCH", `/Groups/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "remove", path: `members[value eq "${ids[0]}"]` },
        { op: "remove", path: `members[value eq "${ids[1]}"]` },
      ],
    });
    expect(removed.status).toBe(200);
    expect(removed.body.members).toEqual([]);
    expect(await rolesOf(company.id, emails[0]!)).toEqual(["API_DEVELOPER"]);
    expect(await rolesOf(company.id, emails[1]!)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    const renamed = await call("PATCH", `/Groups/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { id, displayName: "Owners" } }],
    });
    expect(renamed.body.displayName).toBe("Owners");
    const byName = await call("GET", `/Groups?filter=${encodeURIComponent('displayName eq "Owners"')}&startIndex=1&count=100`);
    expect(byName.body.Resources.map((g: { id: string }) => g.id)).toEqual([id]);

    // PUT with the whole group: the first person becomes a DA through it.
    await call("PUT", `/Groups/${id}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Admins",
      members: [{ value: ids[0] }],
    });
    expect(await rolesOf(company.id, emails[0]!)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
    // The hand-made DAs step down; the group's DA is the last one and stays when the group empties.
    await db().roleAssignment.deleteMany({
      where: { role: "DELEGATED_ADMIN", membership: { companyId: company.id, userId: { in: [da.id, second.id] } } },
    });
    await call("PUT", `/Groups/${id}`, { displayName: "Admins", members: [] });
    expect(await rolesOf(company.id, emails[0]!)).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);

    const unknown = await call("PATCH", `/Groups/${id}`, {
      Operations: [{ op: "add", path: "members", value: [{ value: "scu_nobody" }] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.scimType).toBe("invalidValue");
    const bad = await call("GET", `/Groups?filter=${encodeURIComponent('displayName co "Adm"')}`);
    expect(bad.body.scimType).toBe("invalidFilter");
  });

  it("keeps companies apart and refuses a request without the token", async () => {
    const a = await setup({});
    const b = await setup({});
    const group = await a.call("POST", "/Groups", { displayName: "Team" });
    expect((await b.call("GET", `/Groups/${group.body.id}`)).status).toBe(404);
    expect((await b.call("DELETE", `/Groups/${group.body.id}`)).status).toBe(404);
    expect((await b.call("GET", "/Groups")).body.totalResults).toBe(0);
    const anonymous = await groupsRoute.GET(new Request(`${BASE}/Groups`, { headers: { "x-forwarded-for": "203.0.113.99" } }));
    expect(anonymous.status).toBe(401);
  });
});
