// Ports of the test peers of e2e/sso.spec.ts, derived from E2E_PORT as playwright.config.ts derives them,
// and the steps both SSO specs (OpenID Connect and SAML) take.
import type { Page } from "@playwright/test";
import { uniqueDomain, verifiedDomain } from "../../tests/factories/sso";
import { testDb } from "../fixtures/db";
import { expect, type Member } from "../fixtures/test";

const port = Number(process.env.E2E_PORT ?? 3917);
/** The DNS server (UDP) the console resolves through (CONSOLE_DNS_SERVERS). */
export const DNS_PORT = Number(process.env.E2E_DNS_PORT ?? port + 4);
/** The OpenID provider the test starts (tests/oidc-idp.ts). */
export const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? port + 5);
/** The console's origin (CONSOLE_URL of the server under test). */
export const CONSOLE_URL = `http://127.0.0.1:${port}`;

/** A new domain verified for the DA's company, and the DA's page on /company/sso. */
export async function ssoPageWithDomain(da: Member, tag: string): Promise<{ domain: string; page: Page }> {
  const domain = uniqueDomain(tag);
  await verifiedDomain(testDb(), da.companyId, domain);
  const page = da.page;
  await page.goto("/company/sso");
  return { domain, page };
}

/** On /signin: "Sign in with SSO", then the email; the caller presses Continue (the provider's part differs). */
export async function startSsoSignIn(page: Page, email: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Sign in with SSO" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with SSO" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
}
