// The Hello API loop seen from an app's page: "Try it" (token + call, server side, audited), counted
// calls and errors in the usage panel and the CSV export, a revoked token refused at once, and an API
// the company may not use hidden everywhere.
import type { Page } from "@playwright/test";
import { newId } from "../lib/ids.ts";
import { basicHeader } from "../tests/factories/oauth";
import { auditEvents, testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { clientCredentialsToken, registerHelloApp } from "./support/apps";

let n = 0;
const unique = (label: string) => `${label} ${Date.now().toString(36)}${++n}`;

const hello = (page: Page, accessToken: string) => page.request.get("/api/hello", { headers: { authorization: `Bearer ${accessToken}` } });

test("Try it gets a token and calls Hello API; counted calls and errors show on the app's page and in its CSV; a revoked token is refused at once", async ({
  member,
}) => {
  const { page } = await member(["API_DEVELOPER"], { name: "Try It Dev" });
  const name = unique("Try App");
  const { clientId, secret, appId } = await registerHelloApp(page, name);

  // Try it: the server gets a token and calls the Hello API; the page shows each step.
  await page.goto(`/apps/${appId}`);
  await page.getByRole("button", { name: "Get a token and call Hello API" }).click();
  const helloResponse = page.getByTestId("try-hello-response");
  await expect(helloResponse).toContainText(`Hello, ${name}!`);
  await expect(page.getByRole("heading", { name: "Hello API response (HTTP 200)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Token response (HTTP 200)" })).toBeVisible();
  const requestShown = (await page.getByTestId("try-token-request").textContent()) ?? "";
  expect(requestShown).toContain("grant_type=client_credentials");
  expect(requestShown).toContain(clientId);
  expect(requestShown).not.toContain(secret);
  const tokenShown = (await page.getByTestId("try-token-response").textContent()) ?? "";
  expect(tokenShown).toContain('"token_type": "Bearer"');
  expect(tokenShown).toMatch(/"access_token": "[^"]{8}…[^"]{8}"/);
  await expect(page.getByTestId("try-claims")).toContainText(`"client_id": "${clientId}"`);
  expect(await page.content()).not.toContain(secret);
  expect(await auditEvents(appId, "app.hello_tried")).toHaveLength(1);

  // Three more successful calls with a token of our own.
  const access = await clientCredentialsToken(page, clientId, secret);
  for (let i = 0; i < 3; i++) expect((await hello(page, access)).status()).toBe(200);

  // Revoked: refused on the very next call (not counted: the token is not valid any more).
  const revoke = await page.request.post("/oauth2/revoke", {
    headers: { authorization: basicHeader(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    data: `token=${access}`,
  });
  expect(revoke.status()).toBe(200);
  const refused = await hello(page, access);
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');

  // A valid token of an app no longer subscribed: 403 insufficient_scope, counted as an error.
  const second = await clientCredentialsToken(page, clientId, secret);
  const db = await testDb();
  await db.appApiSubscription.deleteMany({ where: { appId } });
  const forbidden = await hello(page, second);
  expect(forbidden.status()).toBe(403);
  expect(forbidden.headers()["www-authenticate"]).toContain('error="insufficient_scope"');

  // The recorder flushes every 2 s: reload until the panel shows 5 calls (4 × 200, 1 × 403).
  await expect(async () => {
    await page.goto(`/apps/${appId}/usage?range=day`);
    await expect(page.getByTestId("usage-calls")).toHaveText("5", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("usage-errors")).toHaveText("1 (20.0%)");

  const csv = await page.request.get(`/usage/export?app=${encodeURIComponent(appId)}&range=day`);
  expect(csv.status()).toBe(200);
  const rows = (await csv.text())
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  expect(rows.reduce((s, r) => s + Number(r[1]), 0)).toBe(5);
  expect(rows.reduce((s, r) => s + Number(r[2]), 0)).toBe(1);
});

test("an API the company may not use is neither listed, nor reachable, nor offered at registration", async ({ member }) => {
  const { page } = await member(["API_DEVELOPER"], { name: "Private Api Dev" });
  const db = await testDb();
  const slug = `private-${Date.now().toString(36)}${++n}`;
  const apiName = unique("Private API");
  await db.api.create({ data: { id: newId("api"), slug, name: apiName, endpoint: `/api/${slug}`, openToAll: false } });

  await page.goto("/apis");
  await expect(page.getByRole("link", { name: "Hello API" }).first()).toBeVisible();
  await expect(page.getByText(apiName)).toHaveCount(0);
  const direct = await page.goto(`/apis/${slug}`);
  expect(direct?.status()).toBe(404);
  await page.goto("/apps/register");
  await expect(page.getByLabel("Hello API", { exact: true })).toBeVisible();
  await expect(page.getByLabel(apiName, { exact: true })).toHaveCount(0);
});
