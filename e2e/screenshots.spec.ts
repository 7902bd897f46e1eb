// Screenshots for the README, from a small seeded demo (a company, its Delegated Administrator, a
// developer, a few apps and a week of usage), light theme, 1280 px wide: docs/screenshots/*.png.
import { expect, type Page, test } from "@playwright/test";
import { newId } from "../lib/ids";
import { makeCompanyFor } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMemberByEmail } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { signIn, signUp } from "./helpers";

const OUT = "docs/screenshots";

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });

async function shot(page: Page, file: string) {
  await page.waitForLoadState("load");
  await page.screenshot({ path: `${OUT}/${file}`, fullPage: true });
}

test("the README's screenshots are taken from a seeded demo", async ({ page }) => {
  test.setTimeout(120_000);
  const dev = "ada.lovelace@acme-travel.example";
  const da = "grace.hopper@acme-travel.example";
  await signUp(page, { name: "Ada Lovelace", email: dev });
  await page.context().clearCookies();
  await signUp(page, { name: "Grace Hopper", email: da });
  await page.context().clearCookies();
  const { companyId } = await makeCompanyFor(testDb(), dev, ["API_DEVELOPER"], "Acme Travel");
  await addMemberByEmail(testDb(), companyId, da, ["DELEGATED_ADMIN", "API_DEVELOPER"]);

  const db = testDb();
  const owner = await db.user.findUniqueOrThrow({ where: { email: dev } });
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });
  const demo = [
    { name: "Booking Widget", grantTypes: ["authorization_code", "refresh_token"] as const, days: 12, status: "ACTIVE" },
    { name: "Nightly Fare Sync", grantTypes: ["client_credentials"] as const, days: 5, status: "ACTIVE" },
    { name: "Legacy Kiosk", grantTypes: ["password"] as const, days: 40, status: "SUSPENDED" },
  ];
  const apps = [];
  for (const d of demo) {
    const app = await makeOAuthApp(testDb(), { grantTypes: [...d.grantTypes], companyId, name: d.name });
    const at = new Date(Date.now() - d.days * 86_400_000);
    await db.app.update({
      where: { id: app.appId },
      data: { createdById: owner.id, status: d.status, createdAt: at, termsAcceptedAt: at, description: `${d.name}: a demo app.` },
    });
    apps.push(app);
  }
  // A week of calls of the first app to the Hello API, one row per hour.
  const now = Math.floor(Date.now() / 60_000);
  const rows = [];
  for (let h = 0; h < 7 * 24; h += 1) {
    const calls = 40 + Math.round(30 * Math.sin(h / 3.8) + 20 * Math.cos(h / 11));
    const minute = now - h * 60 - 5;
    rows.push({
      id: newId("usage"),
      companyId,
      appId: apps[0]!.appId,
      apiId: hello.id,
      minute,
      outcome: "success",
      calls,
      latencyTotalMs: calls * 12,
      le10: Math.round(calls * 0.6),
      le25: calls - Math.round(calls * 0.6),
    });
    if (h % 9 === 0)
      rows.push({
        id: newId("usage"),
        companyId,
        appId: apps[0]!.appId,
        apiId: hello.id,
        minute,
        outcome: "client_error",
        calls: 3,
        latencyTotalMs: 15,
        le5: 3,
      });
  }
  await db.usageCounter.createMany({ data: rows });

  await signIn(page, dev);
  await page.goto("/apps");
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Booking Widget" })).toBeVisible();
  await shot(page, "my-applications.png");

  await page.goto("/apps/register");
  await expect(page.getByRole("heading", { name: "Register an Application" })).toBeVisible();
  await page.getByLabel("Name of your application").fill("Partner Portal");
  await page.getByLabel("Application Description").fill("Shows partners their bookings.");
  await page.getByRole("checkbox", { name: "Authorization Code" }).check();
  await page.getByLabel("Redirect URL", { exact: true }).fill("https://partners.acme.example/callback");
  await page.getByRole("checkbox", { name: "Hello API" }).check();
  await shot(page, "register-an-application.png");
  await page.getByRole("checkbox", { name: "I agree to the Terms of Service" }).check();
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
  await shot(page, "application-registered.png");

  await page.goto(`/apps/${apps[0]!.appId}`);
  await expect(page.getByRole("heading", { name: "Endpoints" })).toBeVisible();
  await shot(page, "app-overview.png");

  await page.goto(`/apps/${apps[0]!.appId}/usage`);
  await expect(page.getByRole("heading", { name: "Usage and performance" })).toBeVisible();
  await shot(page, "app-metrics.png");

  await page.goto(`/apps/${apps[1]!.appId}/danger`);
  await page.getByRole("button", { name: "Deactivate application" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.screenshot({ path: `${OUT}/confirm-deactivate.png` });
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.context().clearCookies();
  await signIn(page, da);
  await page.goto("/company/users");
  await expect(page.getByText(dev)).toBeVisible();
  await shot(page, "company-users.png");

  await page.goto("/company/audit");
  await expect(page.getByTestId("audit-sentence").first()).toBeVisible();
  await shot(page, "company-audit.png");

  // A phone: the sidebar as a drawer.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/company/users");
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
  await page.screenshot({ path: `${OUT}/phone-menu.png` });
});
