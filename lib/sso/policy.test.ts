import { beforeAll, describe, expect, it } from "vitest";
import { expectAppError } from "../../tests/assertions";
import { makeCompany } from "../../tests/factories/companies";
import { PASSWORD } from "../../tests/factories/constants";
import { authenticated, catalog, form } from "../../tests/factories/domain";
import { makeOAuthApp } from "../../tests/factories/oauth";
import { addMember, makeUser } from "../../tests/factories/people";
import { uniqueDomain, verifiedDomain } from "../../tests/factories/sso";
import { db } from "../db";
import { newId } from "../ids";
import { OAuthError } from "../oauth/errors";
import { passwordGrant } from "../oauth/grants/password";
import { setRequireSso } from "./domains";
import { assertPasswordAllowedForAddress, assertPasswordSignInAllowed } from "./policy";

const ctx = { ip: "203.0.113.11", userAgent: "vitest sso policy" };

beforeAll(async () => {
  await catalog();
});

async function companyRequiringSso() {
  const company = await makeCompany(db());
  const domain = uniqueDomain("req");
  const da = await makeUser(db(), { email: `boss.${Date.now()}@${domain}` });
  await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const row = await verifiedDomain(db(), company.id, domain);
  const actor = { id: da.id, email: da.email };
  // Not without an identity provider to sign in through.
  await expectAppError(setRequireSso(actor, company.id, row.id, true, ctx), "validation");
  await db().ssoConnection.create({
    data: {
      id: newId("ssoConnection"),
      companyId: company.id,
      protocol: "OIDC",
      issuer: "https://idp.example",
      clientId: "c",
      defaultRoles: ["API_DEVELOPER"],
      groupRoles: {},
    },
  });
  expect((await setRequireSso(actor, company.id, row.id, true, ctx)).requireSso).toBe(true);
  return { company, domain, da, row, actor };
}

describe("Require SSO for this domain", () => {
  it("refuses password sign-in, reset and sign-up for the domain's addresses; other domains are untouched", async () => {
    const { company, domain } = await companyRequiringSso();
    const member = await makeUser(db(), { email: `dev.${Date.now()}@${domain}` });
    await addMember(db(), company.id, member.id, ["API_DEVELOPER"]);
    const refused = await expectAppError(assertPasswordSignInAllowed(member), "forbidden");
    expect(refused.message).toContain("Sign in with SSO");
    await expectAppError(assertPasswordAllowedForAddress(`Someone@${domain.toUpperCase()}`, "signup"), "validation");
    await expectAppError(assertPasswordAllowedForAddress(member.email, "reset"), "validation");
    const outsider = await makeUser(db());
    await assertPasswordSignInAllowed(outsider);
    await assertPasswordAllowedForAddress(outsider.email, "reset");
  });

  it("keeps a break-glass password sign-in for the company's Delegated Administrators with a second factor only", async () => {
    const { company, da, row, actor } = await companyRequiringSso();
    await expectAppError(assertPasswordSignInAllowed(da), "forbidden");
    await db().totpFactor.create({ data: { userId: da.id, secretCiphertext: "not-used-here", confirmedAt: new Date() } });
    await assertPasswordSignInAllowed(da);
    await assertPasswordAllowedForAddress(da.email, "reset");
    // Unticked: everyone may use a password again; audited both ways.
    await setRequireSso(actor, company.id, row.id, false, ctx);
    const audit = await db().auditLog.findMany({ where: { targetId: row.id, event: "sso.domain.require_sso_changed" } });
    expect(audit).toHaveLength(2);
  });

  it("refuses the OAuth password grant for the domain's addresses with invalid_grant pointing to SSO; others still get tokens", async () => {
    const { company, domain, da, actor, row } = await companyRequiringSso();
    const member = await makeUser(db(), { email: `grant.${Date.now()}@${domain}` });
    await addMember(db(), company.id, member.id, ["API_DEVELOPER"]);
    const app = await makeOAuthApp(db(), { grantTypes: ["password"] });
    const client = await authenticated(app);
    const grant = (username: string) =>
      passwordGrant(client, form({ username, password: PASSWORD }), {
        ip: `203.0.113.${Math.floor(Math.random() * 200) + 20}`,
        userAgent: "vitest",
      });
    for (const username of [member.email, da.email.toUpperCase()]) {
      const refused = await grant(username).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OAuthError);
      expect((refused as OAuthError).code).toBe("invalid_grant");
      expect((refused as OAuthError).description).toContain("Sign in with SSO");
    }
    // A wrong password is the usual answer (nothing about SSO before the password is right).
    const wrong = await passwordGrant(client, form({ username: member.email, password: "wrong-password-123" }), ctx).catch(
      (e: unknown) => e,
    );
    expect((wrong as OAuthError).description).not.toContain("SSO");
    const outsider = await makeUser(db());
    expect((await grant(outsider.email)).access_token).toBeTruthy();
    await setRequireSso(actor, company.id, row.id, false, ctx);
    expect((await grant(member.email)).access_token).toBeTruthy();
  });
});
