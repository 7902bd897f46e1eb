import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { companyWithSsoDomain } from "../../tests/factories/sso";
import { makeSigningKey, type ResponseOptions, tamper, TestSamlIdp } from "../../tests/saml-idp";
import { db } from "../db";
import { acsUrl, parseIdpMetadata, saveSamlConnection, serviceProviderMetadata, spEntityId } from "./saml";
import { completeSamlSignIn } from "./saml-signin";
import { SsoFailure } from "./signin";
import { startSsoSignIn } from "./start";

// The company's SAML identity provider: signs in this process (xml-crypto), no port needed here.
const idp = new TestSamlIdp();
const ctx = { ip: "203.0.113.11", userAgent: "vitest saml sign-in" };

beforeAll(() => idp.start());
afterAll(() => idp.stop());

async function companyWithSaml(input: Partial<{ defaultRoles: string[]; groupRoles: string; groupsAttribute: string }> = {}) {
  const { company, da, domain } = await companyWithSsoDomain(db(), "saml");
  const saved = await saveSamlConnection(
    da,
    company.id,
    { samlMetadata: idp.metadataXml(), groupsAttribute: "", defaultRoles: ["API_DEVELOPER"], groupRoles: "", ...input },
    ctx,
  );
  return { company, da, domain, connectionId: saved.id };
}

/** /signin/sso for the address → the AuthnRequest the IdP sees, and the browser's cookie. */
async function start(email: string) {
  const started = await startSsoSignIn({ email, returnTo: "/apps" }, ctx);
  expect(started.redirectTo.startsWith(idp.ssoUrl)).toBe(true);
  return { request: idp.parseRequest(started.redirectTo), cookie: started.browserCookie };
}

async function post(connectionId: string, email: string, options: Partial<ResponseOptions> = {}, edit = (r: string) => r) {
  const { request, cookie } = await start(email);
  const SAMLResponse = edit(
    idp.response({ inResponseTo: request.id, acs: request.acs, audience: request.issuer, user: { email, name: "Ana Lima" }, ...options }),
  );
  const body = { SAMLResponse, RelayState: request.relayState };
  return { body, cookie, result: completeSamlSignIn(connectionId, body, cookie, ctx) };
}

async function refusedWith(p: Promise<unknown>, reason: string, detail?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsoFailure);
  expect((error as SsoFailure).reason).toBe(reason);
  if (detail) expect((error as SsoFailure).detail).toMatch(detail);
}

describe("the SAML connection", () => {
  it("reads the IdP metadata (entity ID, HTTP-Redirect SSO URL, signing certificate), publishes the SP metadata, and is audited", async () => {
    const { company, connectionId } = await companyWithSaml();
    const md = parseIdpMetadata(idp.metadataXml());
    expect(md).toMatchObject({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, binding: "HTTP-Redirect" });
    expect(md.certificates).toHaveLength(1);
    const row = await db().ssoConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row).toMatchObject({ protocol: "SAML", issuer: idp.entityId });
    const sp = (await serviceProviderMetadata(connectionId))!;
    expect(sp).toContain(`entityID="${spEntityId(connectionId)}"`);
    expect(sp).toContain(`Location="${acsUrl(connectionId)}"`);
    expect(sp).toContain('WantAssertionsSigned="true"');
    expect(await serviceProviderMetadata("sso_nothing")).toBeNull();
    const audit = await db().auditLog.findMany({ where: { companyId: company.id, event: "sso.connection.added" } });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.metadata)).toContain(idp.entityId);
  });

  it("refuses metadata that is not XML, has no signing certificate, or has a DOCTYPE; a mapping without a groups attribute", async () => {
    const { company, da } = await companyWithSaml();
    const base = { samlMetadata: idp.metadataXml(), groupsAttribute: "", defaultRoles: ["API_DEVELOPER"], groupRoles: "" };
    const noCert = idp.metadataXml().replace(/<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>/, "");
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, samlMetadata: "<md:EntityDescriptor" }, "samlMetadata"],
      [{ ...base, samlMetadata: noCert }, "samlMetadata"],
      [{ ...base, samlMetadata: `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${idp.metadataXml()}` }, "samlMetadata"],
      [{ ...base, groupRoles: "admins = Delegated Administrator" }, "groupsAttribute"],
    ];
    for (const [input, field] of cases) {
      const error = await expectAppError(saveSamlConnection(da, company.id, input, ctx), "validation");
      expect(Object.keys(error.fieldErrors ?? {})).toContain(field);
    }
  });
});

describe("signing in through SAML", () => {
  it("a valid signed assertion signs a first-time person in (account, default and mapped roles); the second sign-in reuses the account", async () => {
    const { company, domain, connectionId } = await companyWithSaml({
      groupsAttribute: "groups",
      groupRoles: "admins = Delegated Administrator",
    });
    const email = `ana@${domain}`;
    const first = await post(connectionId, email, { user: { email, name: "Ana Lima", groups: ["admins", "other"] } });
    const done = await first.result;
    expect(done.purpose).toBe("SIGN_IN");
    expect(done.returnTo).toBe("/apps");
    expect(done.person).toMatchObject({ email, firstSignIn: true, membershipCreated: true, roles: ["DELEGATED_ADMIN", "API_DEVELOPER"] });
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).not.toBeNull();
    expect(user.name).toBe("Ana Lima");
    const again = await (await post(connectionId, email)).result;
    expect(again.person).toMatchObject({ userId: user.id, firstSignIn: false, membershipCreated: false });
    const events = await db().auditLog.findMany({ where: { companyId: company.id, event: "sso.signed_in" } });
    expect(events.map((e) => (e.metadata as { protocol: string; first: boolean }).first).sort()).toEqual([false, true]);
    expect((events[0]!.metadata as { protocol: string }).protocol).toBe("SAML");
  });

  it("refuses a tampered assertion", async () => {
    const { domain, connectionId } = await companyWithSaml();
    const { result } = await post(connectionId, `ana@${domain}`, {}, (r) => tamper(r, `ana@${domain}`, `boss@${domain}`));
    await refusedWith(result, "assertion", /signature/i);
    expect(await db().user.count({ where: { email: `boss@${domain}` } })).toBe(0);
  });

  it("refuses an assertion signed by another key, and an unsigned one", async () => {
    const { domain, connectionId } = await companyWithSaml();
    const other = await makeSigningKey();
    await refusedWith((await post(connectionId, `ana@${domain}`, { signWith: other })).result, "assertion", /signature/i);
    await refusedWith((await post(connectionId, `ana@${domain}`, { unsigned: true })).result, "assertion", /signature/i);
  });

  it("refuses a wrong audience, a wrong recipient and another issuer", async () => {
    const { domain, connectionId } = await companyWithSaml();
    const email = `ana@${domain}`;
    await refusedWith(
      (await post(connectionId, email, { audience: "https://other-sp.example/metadata" })).result,
      "assertion",
      /audience/i,
    );
    await refusedWith((await post(connectionId, email, { recipient: "https://other-sp.example/acs" })).result, "assertion", /Recipient/);
    await refusedWith(
      (await post(connectionId, email, { destination: "https://other-sp.example/acs" })).result,
      "assertion",
      /Destination/,
    );
    await refusedWith((await post(connectionId, email, { issuer: "https://evil.example" })).result, "assertion", /issuer/);
  });

  it("refuses an expired assertion and one not valid yet (beyond the one-minute skew)", async () => {
    const { domain, connectionId } = await companyWithSaml();
    const email = `ana@${domain}`;
    await refusedWith(
      (await post(connectionId, email, { notBefore: -900, notOnOrAfter: -120 })).result,
      "assertion",
      /expired|NotOnOrAfter|subject confirmation/i,
    );
    await refusedWith(
      (await post(connectionId, email, { notBefore: 300, notOnOrAfter: 900 })).result,
      "assertion",
      /NotBefore|not yet|subject confirmation/i,
    );
  });

  it("refuses a replay: once by the used request, and by the stored assertion ID when the request is offered again", async () => {
    const { domain, connectionId } = await companyWithSaml();
    const { body, cookie, result } = await post(connectionId, `ana@${domain}`);
    await result;
    await refusedWith(completeSamlSignIn(connectionId, body, cookie, ctx), "state");
    // Even if the request could be used again, the assertion ID is known until the assertion expires.
    await db().ssoLogin.update({ where: { id: body.RelayState }, data: { consumedAt: null } });
    await refusedWith(completeSamlSignIn(connectionId, body, cookie, ctx), "assertion", /replayed/);
    const kept = await db().samlAssertion.findMany({ where: { connectionId } });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
  });

  it("refuses an answer for another request, from another browser, or to another connection's ACS", async () => {
    const { domain, connectionId } = await companyWithSaml();
    const email = `ana@${domain}`;
    const { request, cookie } = await start(email);
    const other = await start(email);
    const forOther = idp.response({ inResponseTo: other.request.id, acs: request.acs, audience: request.issuer, user: { email } });
    await refusedWith(
      completeSamlSignIn(connectionId, { SAMLResponse: forOther, RelayState: request.relayState }, cookie, ctx),
      "assertion",
      /InResponseTo/,
    );
    const fresh = await start(email);
    const good = idp.response({ inResponseTo: fresh.request.id, acs: fresh.request.acs, audience: fresh.request.issuer, user: { email } });
    await refusedWith(
      completeSamlSignIn(connectionId, { SAMLResponse: good, RelayState: fresh.request.relayState }, "another-browser", ctx),
      "state",
    );
    const second = await companyWithSaml();
    const third = await start(email);
    const r3 = idp.response({ inResponseTo: third.request.id, acs: third.request.acs, audience: third.request.issuer, user: { email } });
    await refusedWith(
      completeSamlSignIn(second.connectionId, { SAMLResponse: r3, RelayState: third.request.relayState }, third.cookie, ctx),
      "state",
    );
  });

  it("refuses an address outside the company's verified domains", async () => {
    const { domain, connectionId } = await companyWithSaml();
    await refusedWith((await post(connectionId, `ana@${domain}`, { user: { email: "ana@elsewhere.example" } })).result, "domain");
  });
});
