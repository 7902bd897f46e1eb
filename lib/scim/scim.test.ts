import { describe, expect, it } from "vitest";
import { makeCompany } from "../../tests/factories/companies";
import { makeOAuthApp } from "../../tests/factories/oauth";
import { addMember, makeUser } from "../../tests/factories/people";
import { uniqueDomain, verifiedDomain } from "../../tests/factories/sso";
import { db } from "../db";
import { authenticateScim, generateScimToken, ScimAuthError } from "./tokens";
import { createScimUser, deleteScimUser, listScimUsers, patchScimUser, ScimError } from "./users";

const ctx = { ip: "203.0.113.12", userAgent: "vitest scim" };
const base = "https://console.example/scim/v2";

async function provisioned() {
  const company = await makeCompany(db());
  const da = await makeUser(db());
  await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const domain = uniqueDomain("scim");
  await verifiedDomain(db(), company.id, domain);
  const { token } = await generateScimToken({ id: da.id, email: da.email }, company.id, ctx);
  const caller = await authenticateScim(`Bearer ${token}`, ctx.ip);
  return { company, da, domain, token, caller };
}

describe("SCIM provisioning", () => {
  it("authenticates only the live token of the company; a new token revokes the old one", async () => {
    const { company, da, token, caller } = await provisioned();
    expect(caller.companyId).toBe(company.id);
    await generateScimToken({ id: da.id, email: da.email }, company.id, ctx);
    const old = await authenticateScim(`Bearer ${token}`, "203.0.113.13").catch((e: unknown) => e);
    expect(old).toBeInstanceOf(ScimAuthError);
    expect((old as ScimAuthError).status).toBe(401);
    const row = await db().scimToken.findFirstOrThrow({ where: { companyId: company.id, revokedAt: null } });
    expect(row.digest).not.toContain(token.slice(5, 20));
  });

  it("deactivation in Entra's shape is the leaver flow: membership ends, the person's apps are suspended and their secrets revoked", async () => {
    const { company, domain, caller } = await provisioned();
    const email = `leaver.${Date.now()}@${domain}`;
    const created = await createScimUser(
      caller,
      { userName: email, emails: [{ value: email, primary: true }], name: { givenName: "Lee", familyName: "Ver" } },
      base,
      ctx,
    );
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Lee Ver");
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"], companyId: company.id, subscribeHello: false });
    await db().app.update({ where: { id: app.appId }, data: { createdById: user.id } });
    const list = await listScimUsers(caller, new URLSearchParams({ filter: `userName eq "${email.toUpperCase()}"` }), base);
    expect(list.totalResults).toBe(1);
    const off = await patchScimUser(caller, created.id, { Operations: [{ op: "Replace", path: "active", value: "False" }] }, base, ctx);
    expect(off.active).toBe(false);
    expect(await db().membership.count({ where: { companyId: company.id, userId: user.id } })).toBe(0);
    expect(await db().app.findUniqueOrThrow({ where: { id: app.appId } })).toMatchObject({ status: "SUSPENDED", suspendedKind: "LEAVER" });
    expect(await db().clientSecret.count({ where: { appId: app.appId, revokedAt: null } })).toBe(0);
    const on = await patchScimUser(caller, created.id, { Operations: [{ op: "replace", value: { active: true } }] }, base, ctx);
    expect(on.active).toBe(true);
    expect(await db().membership.count({ where: { companyId: company.id, userId: user.id } })).toBe(1);
    await deleteScimUser(caller, created.id, ctx);
    expect(await db().membership.count({ where: { companyId: company.id, userId: user.id } })).toBe(0);
    const gone = await listScimUsers(caller, new URLSearchParams({ filter: `userName eq "${email}"` }), base);
    expect(gone.totalResults).toBe(0);
  });

  it("refuses addresses outside the verified domains, duplicates, unknown filters and another company's users", async () => {
    const { domain, caller } = await provisioned();
    const other = await provisioned();
    const refusal = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as ScimError,
      );
    expect((await refusal(createScimUser(caller, { userName: "x@elsewhere.example" }, base, ctx)))?.scimType).toBe("invalidValue");
    const email = `dup.${Date.now()}@${domain}`;
    const u = await createScimUser(caller, { userName: email }, base, ctx);
    expect((await refusal(createScimUser(caller, { userName: email }, base, ctx)))?.status).toBe(409);
    expect((await refusal(listScimUsers(caller, new URLSearchParams({ filter: 'displayName co "a"' }), base)))?.scimType).toBe(
      "invalidFilter",
    );
    expect(
      (await refusal(patchScimUser(other.caller, u.id, { Operations: [{ op: "replace", value: { active: false } }] }, base, ctx)))?.status,
    ).toBe(404);
  });
});
