// The "Getting started" cards: a new developer ticks off each step by doing it (registering an app,
// getting a token with the card's own curl, calling the Hello API) until the card says done; a
// Delegated Administrator's card ticks off adding a developer and saving the two-step policy; Dismiss
// is saved on the account; axe finds no serious issue in the card.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { basicHeader } from "../tests/factories/oauth";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { registerHelloApp } from "./support/apps";
import type { Person } from "./support/people";
import { addUser } from "./support/people";

const card = (page: Page) => page.getByTestId("getting-started");
const step = (page: Page, id: string) => card(page).locator(`li[data-step="${id}"]`);

async function noSeriousAxeIssues(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include('[data-testid="getting-started"]')
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Reloads until the step is checked off (counted calls reach the database within a few seconds). */
async function expectDone(page: Page, id: string): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(step(page, id)).toHaveAttribute("data-done", "true", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test("a new developer reaches a counted Hello API call from the card alone, and the card says done", async ({ member }) => {
  const dev = await member(["API_DEVELOPER"], { name: "First Hour Dev" });
  const page = dev.page;
  await page.goto("/apps");
  await expect(card(page)).toContainText("0 of 4 steps done");
  for (const id of ["register", "token", "call", "usage"]) await expect(step(page, id)).toHaveAttribute("data-done", "false");
  await expect(card(page).getByRole("link", { name: "Register an app" })).toHaveAttribute("href", "/apps/register");
  await expect(page.getByRole("link", { name: "Register a New App" }).first()).toBeVisible();
  await noSeriousAxeIssues(page);

  const { clientId, secret, appId } = await registerHelloApp(page, `First Hour ${Date.now().toString(36)}`);
  await page.goto("/apps");
  await expect(step(page, "register")).toHaveAttribute("data-done", "true");
  await expect(step(page, "token")).toHaveAttribute("data-done", "false");
  const curl = (await page.getByTestId("token-curl").textContent()) ?? "";
  expect(curl).toContain(`"${clientId}:YOUR_CLIENT_SECRET"`);
  expect(curl).toContain("grant_type=client_credentials");
  expect(await page.content()).not.toContain(secret);
  await noSeriousAxeIssues(page);

  // The curl's request, with the secret in place of the placeholder.
  const url = curl.match(/(https?:\/\/\S+\/oauth2\/token)/)?.[1];
  expect(url).toBeTruthy();
  const tokenResponse = await page.request.post(url!, {
    headers: { authorization: basicHeader(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    data: curl.match(/-d (\S+)/)![1]!,
  });
  expect(tokenResponse.status()).toBe(200);
  const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };
  await expectDone(page, "token");
  await expect(step(page, "call")).toHaveAttribute("data-done", "false");
  await expect(step(page, "call").getByRole("link", { name: "Make your first call" })).toHaveAttribute("href", `/apps/${appId}`);

  const hello = await page.request.get("/api/hello", { headers: { authorization: `Bearer ${accessToken}` } });
  expect(hello.status()).toBe(200);
  await expect(async () => {
    await page.reload();
    await expect(card(page)).toHaveAttribute("data-done", "true", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(card(page)).toContainText("done");
  await noSeriousAxeIssues(page);

  // Dismissed: gone, on the account.
  await card(page).getByRole("button", { name: "Dismiss" }).click();
  await expect(card(page)).toHaveCount(0);
  await page.reload();
  await expect(card(page)).toHaveCount(0);
  expect((await testDb().user.findUniqueOrThrow({ where: { id: dev.userId } })).guidesDismissed).toBe("developer");
});

async function savePolicy(da: Person): Promise<void> {
  await da.page.goto("/company/security");
  await da.page.getByRole("button", { name: "Save policy" }).click();
  await expect(da.page.getByText(/saved|policy/i).first()).toBeVisible();
}

test("a Delegated Administrator's card ticks off adding a developer and deciding on two-step sign-in", async ({ member }) => {
  // A DA grants only roles they hold: this one is also an API Developer.
  const da = await member(["DELEGATED_ADMIN", "API_DEVELOPER"], { name: "First Hour DA" });
  await da.page.goto("/company/users");
  await expect(card(da.page)).toContainText("0 of 2 steps done");
  await expect(step(da.page, "developer")).toHaveAttribute("data-done", "false");
  await expect(step(da.page, "two-step")).toHaveAttribute("data-done", "false");
  await expect(da.page.getByTestId("empty-state")).toContainText("Only you so far");
  await noSeriousAxeIssues(da.page);

  await addUser(da, `first-hour-dev-${Date.now().toString(36)}@example.com`, ["API Developer"]);
  await da.page.goto("/company/users");
  await expect(step(da.page, "developer")).toHaveAttribute("data-done", "true");
  await expect(step(da.page, "two-step")).toHaveAttribute("data-done", "false");

  await savePolicy(da);
  await da.page.goto("/company/users");
  await expect(card(da.page)).toHaveAttribute("data-done", "true");
  await noSeriousAxeIssues(da.page);
});
