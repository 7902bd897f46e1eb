// Company single sign-on with real peers: a DNS server in this process (dns2) that the console resolves
// through (CONSOLE_DNS_SERVERS), and the company's OpenID provider (oidc-provider) that the browser signs
// in at.
import { createServer } from "node:net";
import type { Browser, Page } from "@playwright/test";
import { newId } from "../lib/ids";
import { TestDnsServer } from "../tests/dns-server";
import { PASSWORD } from "../tests/factories/constants";
import { basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { addMember, makeUser } from "../tests/factories/people";
import { oktaScimUser, uniqueDomain, verifiedDomain } from "../tests/factories/sso";
import { TestOidcProvider } from "../tests/oidc-idp";
import { auditEvents, testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { CONSOLE_URL, DNS_PORT, IDP_PORT, ssoPageWithDomain, startSsoSignIn } from "./support/sso";

// Several sign-ins through the provider per test.
test.describe.configure({ timeout: 240_000 });

const dns = new TestDnsServer(DNS_PORT);
const idp = new TestOidcProvider(IDP_PORT, `${CONSOLE_URL}/sso/oidc/callback`);
test.beforeAll(async () => {
  await dns.start();
  await idp.start();
});
test.afterAll(async () => {
  await dns.stop();
  await idp.stop();
});

/** A signed-out browser signs in through /signin → "Sign in with SSO"; returns its page and the callback URL used. */
async function signInWithSso(browser: Browser, email: string): Promise<{ page: Page; callbackUrl: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await startSsoSignIn(page, email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Test IdP sign-in" })).toBeVisible();
  await expect(page.getByLabel("IdP email")).toHaveValue(email);
  const callback = page.waitForRequest((r) => r.url().startsWith(`${CONSOLE_URL}/sso/oidc/callback`));
  await page.getByRole("button", { name: "Sign in at the IdP" }).click();
  const callbackUrl = (await callback).url();
  await page.waitForURL((u) => !u.pathname.startsWith("/sso/"));
  return { page, callbackUrl };
}

async function rolesOf(companyId: string, email: string) {
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  const m = await testDb().membership.findUnique({ where: { companyId_userId: { companyId, userId: user.id } }, include: { roles: true } });
  return { user, roles: (m?.roles.map((r) => r.role) ?? []).sort() };
}

/** Fills the OpenID Connect connection's provider fields with the test provider's. */
async function fillOidcProvider(page: Page): Promise<void> {
  await page.getByLabel("Issuer URL").fill(idp.issuer);
  await page.getByLabel("Client ID").fill(idp.clientId);
  await page.getByLabel("Client secret").fill(idp.clientSecret);
}

test("a Delegated Administrator verifies a domain through its DNS TXT record; a wrong record is refused", async ({ da, developer }) => {
  const page = da.page;
  await page.goto("/company/sso");
  await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
  const domain = uniqueDomain("sso");
  await page.getByLabel("Domain").fill(domain);
  await page.getByRole("button", { name: "Add domain" }).click();
  const item = page.getByRole("listitem", { name: domain });
  await expect(item).toContainText("Not verified");
  await expect(item).toContainText(`_api-console.${domain}`);
  const value = (await item.locator("code").nth(1).textContent()) ?? "";
  expect(value).toMatch(/^api-console-verification=[A-Za-z0-9]{32}$/);

  dns.publish(`_api-console.${domain}`, "api-console-verification=somethingelse");
  await item.getByRole("button", { name: `Verify ${domain}` }).click();
  await expect(item.getByRole("alert")).toContainText("does not match");
  await expect(item).toContainText("Not verified");

  dns.publish(`_api-console.${domain}`, value);
  await item.getByRole("button", { name: `Verify ${domain}` }).click();
  await expect(item).toContainText("Verified");
  await expect(item).not.toContainText("Not verified");
  const row = await testDb().companyDomain.findFirstOrThrow({ where: { companyId: da.companyId, domain } });
  expect(row.verifiedDomain).toBe(domain);
  expect(await auditEvents(row.id, "sso.domain.verified")).toHaveLength(1);

  // Not for an API Developer.
  expect((await developer.page.goto("/company/sso"))?.status()).toBe(404);
});

test("people of a verified domain sign in through the company's OpenID provider: account made just in time, default and mapped roles, reused on the next sign-in", async ({
  da,
  browser,
}) => {
  const { domain, page } = await ssoPageWithDomain(da, "sso");
  await expect(page.getByText(`${CONSOLE_URL}/sso/oidc/callback`)).toBeVisible();
  await fillOidcProvider(page);
  await expect(page.getByRole("checkbox", { name: "API Developer" })).toBeChecked();
  await page.getByLabel("Group to role mapping").fill("console-admins = Delegated Administrator");
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "connection was saved" })).toBeVisible();
  const connection = await testDb().ssoConnection.findFirstOrThrow({ where: { companyId: da.companyId, protocol: "OIDC" } });
  expect(connection.clientSecretSealed).not.toContain(idp.clientSecret);
  expect(await auditEvents(connection.id, "sso.connection.added")).toHaveLength(1);

  // "Test connection": a round trip for the DA, nobody signed in.
  await page.getByRole("button", { name: "Test connection" }).click();
  await page.getByLabel("IdP email").fill(`tester@${domain}`);
  await page.getByRole("button", { name: "Sign in at the IdP" }).click();
  await expect(page.getByText(`The connection works: your identity provider signed in tester@${domain}.`)).toBeVisible();
  expect(await testDb().user.findUnique({ where: { email: `tester@${domain}` } })).toBeNull();
  expect(await auditEvents(connection.id, "sso.connection.tested")).toHaveLength(1);

  // First sign-in: a new account (address verified), member with the default role.
  const ana = `ana.${Date.now()}@${domain}`;
  idp.accounts.set(ana, { sub: `ana-${Date.now()}`, name: "Ana Lima", groups: [] });
  const first = await signInWithSso(browser, ana);
  await expect(first.page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(first.page.getByText(da.companyName).first()).toBeVisible();
  const one = await rolesOf(da.companyId, ana);
  expect(one.roles).toEqual(["API_DEVELOPER"]);
  expect(one.user.emailVerifiedAt).not.toBeNull();
  expect(one.user.name).toBe("Ana Lima");
  const signIns = await auditEvents(one.user.id, "sso.signed_in");
  expect(signIns.map((e) => (e.metadata as { first: boolean }).first)).toEqual([true]);

  // The second sign-in reuses the account.
  const second = await signInWithSso(browser, ana);
  await expect(second.page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  expect(await testDb().user.count({ where: { email: ana } })).toBe(1);
  expect((await auditEvents(one.user.id, "sso.signed_in")).map((e) => (e.metadata as { first: boolean }).first)).toEqual([true, false]);
  expect(await testDb().ssoIdentity.count({ where: { connectionId: connection.id, userId: one.user.id } })).toBe(1);

  // Replaying the provider's answer is refused with a clear page, and audited.
  await second.page.goto(second.callbackUrl);
  await expect(second.page.getByRole("heading", { name: "Single sign-on failed" })).toBeVisible();
  await expect(second.page.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();
  const failed = await auditEvents(connection.id, "sso.signin_failed");
  expect(failed.map((e) => (e.metadata as { reason: string }).reason)).toEqual(["state"]);

  // A group of the groups claim maps to a role.
  const lead = `lead.${Date.now()}@${domain}`;
  idp.accounts.set(lead, { sub: `lead-${Date.now()}`, name: "Lee Lead", groups: ["console-admins", "other"] });
  await signInWithSso(browser, lead);
  expect((await rolesOf(da.companyId, lead)).roles).toEqual(["API_DEVELOPER", "DELEGATED_ADMIN"]);
  // Out of the group at the provider: the mapped role goes at the next sign-in; the default role stays.
  idp.accounts.set(lead, { ...idp.account(lead), groups: ["other"] });
  await signInWithSso(browser, lead);
  expect((await rolesOf(da.companyId, lead)).roles).toEqual(["API_DEVELOPER"]);

  // An address outside any verified domain is told that SSO is not set up for it.
  const stranger = await browser.newContext();
  const p = await stranger.newPage();
  await p.goto("/signin/sso");
  await p.getByLabel("Email").fill("someone@not-verified.example");
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p.getByText("Single sign-on is not set up for not-verified.example")).toBeVisible();
});

test("Require SSO for this domain: password sign-in, reset and sign-up are refused for its addresses, pointing to SSO", async ({
  da,
  browser,
}) => {
  const { domain, page } = await ssoPageWithDomain(da, "sso");
  await fillOidcProvider(page);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "connection was saved" })).toBeVisible();
  const item = page.getByRole("listitem", { name: domain });
  await item.getByLabel("Require SSO for this domain").check();
  await item.getByRole("button", { name: `Save the SSO requirement of ${domain}` }).click();
  await expect(item.getByRole("status")).toContainText("now signs in only through SSO");

  const dev = await makeUser(testDb(), { email: `dev.${Date.now()}@${domain}` });
  await addMember(testDb(), da.companyId, dev.id, ["API_DEVELOPER"]);
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto("/signin");
  await p.getByLabel("Email").fill(dev.email);
  await p.getByLabel("Password").fill(PASSWORD);
  await p.getByRole("button", { name: "Sign in" }).click();
  await expect(p.getByRole("alert").filter({ hasText: "Sign in with SSO" })).toContainText(
    `Addresses at ${domain} sign in through your company's identity provider: use “Sign in with SSO”.`,
  );

  await p.goto("/forgot-password");
  await p.getByLabel("Email").fill(dev.email);
  await p.getByRole("button", { name: "Send reset link" }).click();
  await expect(p.getByText(`Addresses at ${domain} sign in through your company's identity provider`).first()).toBeVisible();

  await p.goto("/signup");
  await p.getByLabel("Full name").fill("New Person");
  await p.getByLabel("Email").fill(`new.${Date.now()}@${domain}`);
  await p.getByLabel("Password").fill(PASSWORD);
  await p.getByRole("button", { name: "Create account" }).click();
  await expect(p.getByText(`Addresses at ${domain} sign in through your company's identity provider`).first()).toBeVisible();

  // Signing in through SSO still works for the same person.
  idp.accounts.set(dev.email, { sub: `dev-${Date.now()}`, name: "Dev", groups: [] });
  const viaSso = await signInWithSso(browser, dev.email);
  await expect(viaSso.page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await context.close();
});

test("SCIM 2.0: Entra ID and Okta create, find, deactivate, reactivate and delete people; a deactivated person is a leaver", async ({
  da,
  request,
}) => {
  const { domain, page } = await ssoPageWithDomain(da, "sso");
  await expect(page.getByText(`${CONSOLE_URL}/scim/v2`)).toBeVisible();
  await page.getByRole("button", { name: "Generate SCIM token" }).click();
  const token = await page.getByLabel("SCIM token").inputValue();
  expect(token).toMatch(/^apcv_/);
  const row = await testDb().scimToken.findFirstOrThrow({ where: { companyId: da.companyId, revokedAt: null } });
  expect(row.digest).not.toContain(token);
  await page.reload();
  await expect(page.getByText("apcv_…" + token.slice(-4))).toBeVisible();
  await expect(page.getByLabel("SCIM token")).toHaveCount(0);

  const base = `${CONSOLE_URL}/scim/v2`;
  const auth = { authorization: `Bearer ${token}`, "content-type": "application/scim+json" };

  // Entra ID's create (its SCIM guide's request shape).
  const entraEmail = `ana.${Date.now()}@${domain}`;
  const created = await request.post(`${base}/Users`, {
    headers: auth,
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      userName: entraEmail,
      active: true,
      displayName: "Ana Lima",
      emails: [{ primary: true, type: "work", value: entraEmail }],
      name: { formatted: "Ana Lima", familyName: "Lima", givenName: "Ana" },
    },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["content-type"]).toContain("application/scim+json");
  const ana = await created.json();
  expect(ana).toMatchObject({ userName: entraEmail, active: true, emails: [{ value: entraEmail, primary: true }] });
  expect((await request.post(`${base}/Users`, { headers: auth, data: { userName: entraEmail } })).status()).toBe(409);

  // Entra looks people up by userName first.
  const found = await (
    await request.get(`${base}/Users?filter=${encodeURIComponent(`userName eq "${entraEmail}"`)}`, { headers: auth })
  ).json();
  expect(found).toMatchObject({ totalResults: 1, Resources: [{ id: ana.id }] });
  const none = await (
    await request.get(`${base}/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`, { headers: auth })
  ).json();
  expect(none.totalResults).toBe(0);
  expect((await request.get(`${base}/Users/${ana.id}`, { headers: auth })).status()).toBe(200);

  // Ana registers an app with a live secret, then Entra deactivates her: the leaver flow runs.
  const user = await testDb().user.findUniqueOrThrow({ where: { email: entraEmail } });
  expect(user.emailVerifiedAt).not.toBeNull();
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: da.companyId });
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: user.id } });
  const tokenBefore = await request.post("/oauth2/token", {
    headers: { authorization: basicHeader(app.clientId, app.clientSecret) },
    form: { grant_type: "client_credentials" },
  });
  expect(tokenBefore.status()).toBe(200);
  const patched = await request.patch(`${base}/Users/${ana.id}`, {
    headers: auth,
    data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] },
  });
  expect(patched.status()).toBe(200);
  expect((await patched.json()).active).toBe(false);
  expect(await testDb().membership.count({ where: { companyId: da.companyId, userId: user.id } })).toBe(0);
  const suspended = await testDb().app.findUniqueOrThrow({ where: { id: app.appId } });
  expect(suspended).toMatchObject({ status: "SUSPENDED", suspendedKind: "LEAVER" });
  expect(await testDb().clientSecret.count({ where: { appId: app.appId, revokedAt: null } })).toBe(0);
  const tokenAfter = await request.post("/oauth2/token", {
    headers: { authorization: basicHeader(app.clientId, app.clientSecret) },
    form: { grant_type: "client_credentials" },
  });
  expect(tokenAfter.status()).not.toBe(200);
  expect((await auditEvents(user.id, "scim.user_deactivated")).length).toBe(1);

  // Okta: create, deactivate by PATCH with a value object, reactivate by PUT, then delete.
  const oktaEmail = `okta.${Date.now()}@${domain}`;
  const okta = await (
    await request.post(`${base}/Users`, {
      headers: auth,
      data: oktaScimUser(oktaEmail, { givenName: "Olu", familyName: "Kta", externalId: "00ujl29u0le5T6Aj10h7", password: "1mz050nq" }),
    })
  ).json();
  const oktaUser = await testDb().user.findUniqueOrThrow({ where: { email: oktaEmail } });
  expect(await testDb().membership.count({ where: { companyId: da.companyId, userId: oktaUser.id } })).toBe(1);
  const off = await request.patch(`${base}/Users/${okta.id}`, {
    headers: auth,
    data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] },
  });
  expect((await off.json()).active).toBe(false);
  expect(await testDb().membership.count({ where: { companyId: da.companyId, userId: oktaUser.id } })).toBe(0);
  const on = await request.put(`${base}/Users/${okta.id}`, {
    headers: auth,
    data: {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: oktaEmail,
      name: { givenName: "Olu", familyName: "Kta" },
      active: true,
    },
  });
  expect((await on.json()).active).toBe(true);
  expect(await testDb().membership.count({ where: { companyId: da.companyId, userId: oktaUser.id } })).toBe(1);
  expect((await request.delete(`${base}/Users/${okta.id}`, { headers: auth })).status()).toBe(204);
  expect((await request.get(`${base}/Users/${okta.id}`, { headers: auth })).status()).toBe(404);
  expect(await testDb().membership.count({ where: { companyId: da.companyId, userId: oktaUser.id } })).toBe(0);

  // Outside the company's verified domains: refused.
  const outside = await request.post(`${base}/Users`, { headers: auth, data: { userName: "someone@elsewhere.example" } });
  expect(outside.status()).toBe(400);
  expect((await outside.json()).scimType).toBe("invalidValue");

  // Guessing tokens: 401 each, then 429 for the address (LIMITS.scimAuthFailures, 20 per 5 minutes).
  const statuses: number[] = [];
  for (let i = 0; i < 21; i++) {
    statuses.push((await request.get(`${base}/Users`, { headers: { authorization: `Bearer apcv_wrong${i}` } })).status());
  }
  expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
  expect(statuses[20]).toBe(429);
  expect((await request.get(`${base}/Users`, { headers: auth })).status()).toBe(429);
});

test("a connection whose provider stops answering shows “Failing since …” with the last error, and its DAs are mailed once", async ({
  da,
  browser,
}) => {
  const domain = uniqueDomain("sso");
  await verifiedDomain(testDb(), da.companyId, domain);
  // The provider is down: a port nothing listens on (port 0, closed again).
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await testDb().ssoConnection.create({
    data: {
      id: newId("ssoConnection"),
      companyId: da.companyId,
      protocol: "OIDC",
      issuer: `http://127.0.0.1:${port}`,
      clientId: "down",
      defaultRoles: ["API_DEVELOPER"],
      groupRoles: {},
    },
  });
  const context = await browser.newContext();
  const page = await context.newPage();
  for (let i = 0; i < 3; i++) {
    await page.goto("/signin/sso");
    await page.getByLabel("Email").fill(`someone@${domain}`);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Your identity provider could not be reached.")).toBeVisible();
  }
  await da.page.goto("/company/sso");
  const state = da.page.getByRole("alert").filter({ hasText: "Failing since" });
  await expect(state).toBeVisible();
  await expect(state).toContainText("OpenID Connect: Failing since");
  await expect(state).toContainText("3 failed in a row");
  await expect(state).toContainText("Last error: discovery failed");
  const subject = `Single sign-on for ${da.companyName} is failing`;
  expect(await testDb().outboxMail.count({ where: { toAddress: da.email.toLowerCase(), subject } })).toBe(1);
});
