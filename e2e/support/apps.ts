// Registering an app through the page, as a developer does: Client Credentials, subscribed to Hello API.
import type { Page } from "@playwright/test";
import { basicHeader } from "../../tests/factories/oauth";
import { expect } from "../fixtures/test";

/** Registers a Client Credentials app for Hello API on /apps/register; its credentials and id. */
export async function registerHelloApp(page: Page, name: string) {
  await page.goto("/apps/register");
  await page.getByLabel("Name of your application").fill(name);
  await page.getByLabel("Client Credentials", { exact: true }).check();
  await page.getByLabel("Hello API", { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  return submitRegistration(page);
}

/** Presses "Register Application" on a filled form; the new app's credentials and id from the page it shows. */
export async function submitRegistration(page: Page): Promise<{ clientId: string; secret: string; appId: string }> {
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
  const clientId = await page.getByLabel("Client ID").inputValue();
  const secret = await page.getByLabel("Client Secret").inputValue();
  const appId = new URL(page.url()).pathname.split("/").pop()!;
  return { clientId, secret, appId };
}

/** A client-credentials access token from /oauth2/token (client_secret_basic), through the page's request context. */
export async function clientCredentialsToken(page: Page, clientId: string, secret: string): Promise<string> {
  const res = await page.request.post("/oauth2/token", {
    headers: { authorization: basicHeader(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials",
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}
