// Company single sign-on over SAML 2.0 with a real peer: the company's identity provider is a server this
// test starts on port 0 (tests/saml-idp.ts: assertions signed with xml-crypto under a certificate made at
// start). The browser carries the AuthnRequest to it and posts its signed assertion to the console's ACS
// through an auto-submitting form.
import type { Browser, Page } from "@playwright/test";
import { TestSamlIdp } from "../tests/saml-idp";
import { auditEvents, testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { CONSOLE_URL, ssoPageWithDomain, startSsoSignIn } from "./support/sso";

test.describe.configure({ timeout: 240_000 });

const idp = new TestSamlIdp();
test.beforeAll(() => idp.start());
test.afterAll(() => idp.stop());

/** A signed-out browser signs in through /signin → "Sign in with SSO" → the SAML IdP → the ACS. */
async function signInWithSso(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  idp.user = { email, name: "Sam Saml", groups: [] };
  await startSsoSignIn(page, email);
  const acs = page.waitForRequest((r) => r.method() === "POST" && r.url().startsWith(`${CONSOLE_URL}/sso/saml/`));
  await page.getByRole("button", { name: "Continue" }).click();
  expect((await acs).url()).toMatch(/\/sso\/saml\/[^/]+\/acs$/);
  await page.waitForURL((u) => u.origin === CONSOLE_URL && !u.pathname.startsWith("/sso/"));
  return page;
}

test("a company connects its SAML identity provider; its people sign in with a signed assertion posted through the browser, a replay is refused", async ({
  da,
  browser,
}) => {
  const { domain, page } = await ssoPageWithDomain(da, "saml");
  await page.getByRole("link", { name: "Set up SAML" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SAML single sign-on" })).toBeVisible();

  // First save without metadata: the console's addresses appear, for the identity provider.
  await page.getByRole("button", { name: "Save SAML connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "SAML connection was saved" })).toBeVisible();
  const connection = await testDb().ssoConnection.findFirstOrThrow({ where: { companyId: da.companyId, protocol: "SAML" } });
  const acsUrl = `${CONSOLE_URL}/sso/saml/${connection.id}/acs`;
  const entityId = `${CONSOLE_URL}/sso/saml/${connection.id}/metadata`;
  await expect(page.getByText(acsUrl)).toBeVisible();
  await expect(page.getByText(entityId)).toBeVisible();
  const spMetadata = await page.request.get(entityId);
  expect(spMetadata.ok()).toBe(true);
  expect(await spMetadata.text()).toContain(`Location="${acsUrl}"`);

  // Then the IdP's metadata, default role and a group mapping.
  await page.getByLabel("IdP metadata XML").fill(idp.metadataXml());
  await page.getByLabel("Groups attribute").fill("groups");
  await page.getByLabel("Group to role mapping").fill("console-admins = Delegated Administrator");
  await page.getByRole("button", { name: "Save SAML connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "SAML connection was updated" })).toBeVisible();
  await expect(page.getByText(`${idp.entityId} (HTTP-Redirect, ${idp.ssoUrl})`)).toBeVisible();
  expect(await auditEvents(connection.id, "sso.connection.updated")).toHaveLength(1);

  // "Test connection": a round trip for the DA, nobody signed in.
  idp.user = { email: `tester@${domain}` };
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText(`The connection works: your identity provider signed in tester@${domain}.`)).toBeVisible();
  expect(await testDb().user.findUnique({ where: { email: `tester@${domain}` } })).toBeNull();
  expect(await auditEvents(connection.id, "sso.connection.tested")).toHaveLength(1);

  // A first-time person: account made just in time, member with the default role.
  const sam = `sam.${Date.now()}@${domain}`;
  const first = await signInWithSso(browser, sam);
  await expect(first.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(first.getByText(da.companyName).first()).toBeVisible();
  const user = await testDb().user.findUniqueOrThrow({ where: { email: sam } });
  expect(user.emailVerifiedAt).not.toBeNull();
  const membership = await testDb().membership.findUniqueOrThrow({
    where: { companyId_userId: { companyId: da.companyId, userId: user.id } },
    include: { roles: true },
  });
  expect(membership.roles.map((r) => r.role)).toEqual(["API_DEVELOPER"]);
  expect((await auditEvents(user.id, "sso.signed_in")).map((e) => (e.metadata as { protocol: string }).protocol)).toEqual(["SAML"]);

  // The same answer posted again is refused with the error page, and audited.
  await first.goto(`${idp.baseUrl}/replay`);
  await expect(first.getByRole("heading", { name: "Single sign-on failed" })).toBeVisible();
  const failed = await auditEvents(connection.id, "sso.signin_failed");
  expect(failed.length).toBeGreaterThanOrEqual(1);
});

test("the identity provider's metadata pasted on /company/sso saves the SAML connection with API Developer as its default role", async ({
  da,
}) => {
  const page = da.page;
  await page.goto("/company/sso");
  await page.getByLabel("IdP metadata XML").fill(idp.metadataXml());
  await page.getByRole("button", { name: "Save SAML metadata" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The SAML connection was saved." })).toBeVisible();
  await expect(page.getByText(`Connected to ${idp.entityId}.`)).toBeVisible();
  const connection = await testDb().ssoConnection.findFirstOrThrow({ where: { companyId: da.companyId, protocol: "SAML" } });
  expect(connection.issuer).toBe(idp.entityId);
  expect(connection.defaultRoles).toEqual(["API_DEVELOPER"]);

  // Not metadata: refused at the field, nothing changed.
  await page.getByLabel("IdP metadata XML").fill("<not-metadata/>");
  await page.getByRole("button", { name: "Save SAML metadata" }).click();
  await expect(page.locator("#sso-saml-metadata-error")).toBeVisible();
  expect((await testDb().ssoConnection.findUniqueOrThrow({ where: { id: connection.id } })).issuer).toBe(idp.entityId);
});
