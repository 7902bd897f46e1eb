// Screenshots for the README, from a small seeded demo (a company, its Delegated Administrator, a
// developer, a few apps and a day and a week of usage): docs/screenshots/*.png, each the 1280×800
// window a person sees (the sidebar where it stays), plus the dark theme and a phone. Then the same
// pages compared with committed baselines (toHaveScreenshot, light and dark, with a tolerance), so a
// change of layout shows in review: what changes from run to run (times, ids, the chart's time axis)
// is masked, and the demo's calls sit in the same buckets whatever minute the run starts at.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { newId } from "../lib/ids";
import { makeCompanyFor } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMemberByEmail } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { signIn, signUp } from "./helpers";
import { seedWavyUsage } from "./support/usage";

const OUT = "docs/screenshots";
const DEV = "ada.lovelace@acme-travel.example";
const DA = "grace.hopper@acme-travel.example";

test.use({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
test.describe.configure({ mode: "serial" });

interface Demo {
  apps: { appId: string }[];
  companyId: string;
  apiId: string;
  /** The quarter hour (epoch minutes) the first app's calls were last aligned to. */
  quarter: number;
}

let demo: Demo | undefined;

const currentQuarter = () => Math.floor(Date.now() / 60_000 / 15) * 15;

async function shot(page: Page, file: string) {
  await page.waitForLoadState("load");
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${OUT}/${file}`, animations: "disabled", caret: "hide" });
}

/** Calls of the first demo app: every 15 minutes over the last day and every hour over the week before, aligned to the buckets. */
async function seedUsage(companyId: string, appId: string, apiId: string): Promise<number> {
  const quarter = currentQuarter();
  const hour = Math.floor(quarter / 60) * 60;
  const minutes = [
    ...Array.from({ length: 96 }, (_, k) => ({ minute: quarter - 15 * k, k })),
    ...Array.from({ length: 6 * 24 }, (_, k) => ({ minute: hour - 24 * 60 - 60 * k, k: 96 + k })),
  ];
  await seedWavyUsage({ companyId, appId, apiId }, minutes);
  return quarter;
}

/** Moves the demo's calls so that they sit in the same buckets as when seeded (the chart then looks the same at any time). */
async function alignUsage(d: Demo) {
  if (currentQuarter() === d.quarter) return;
  // Seeded again rather than moved: a counter's minute is not updated in place (a trigger keeps the hour
  // and day roll-ups in step with the counters, and refuses to), so both go and the same wave is written
  // at the current quarter.
  const appId = d.apps[0]!.appId;
  await testDb().usageRollup.deleteMany({ where: { appId } });
  await testDb().usageCounter.deleteMany({ where: { appId } });
  d.quarter = await seedUsage(d.companyId, appId, d.apiId);
}

/** The demo: Ada (API Developer) and Grace (DA and API Developer) of Acme Travel, three apps of the Flight Offers API, usage of the first. */
async function setUpDemo(page: Page): Promise<Demo> {
  if (demo) return demo;
  await signUp(page, { name: "Ada Lovelace", email: DEV });
  await page.context().clearCookies();
  await signUp(page, { name: "Grace Hopper", email: DA });
  await page.context().clearCookies();
  const { companyId } = await makeCompanyFor(testDb(), DEV, ["API_DEVELOPER"], "Acme Travel");
  await addMemberByEmail(testDb(), companyId, DA, ["DELEGATED_ADMIN", "API_DEVELOPER"]);

  const db = testDb();
  const owner = await db.user.findUniqueOrThrow({ where: { email: DEV } });
  // The demo's apps use an API of their own with a single plan: the Hello API's plans are what other
  // specs add to (on one database, a plan there would offer "Ask for another plan" on the usage page).
  const api = await db.api.create({
    data: {
      id: newId("api"),
      slug: "flight-offers",
      name: "Flight Offers API",
      endpoint: "/api/flight-offers",
      openToAll: true,
      summary: "Fares and seats of partner airlines.",
    },
  });
  await db.plan.create({ data: { id: newId("plan"), apiId: api.id, name: "Standard", ratePerMinute: 600, isDefault: true } });
  const specs = [
    { name: "Booking Widget", grantTypes: ["authorization_code", "refresh_token"] as const, days: 12, status: "ACTIVE" },
    { name: "Nightly Fare Sync", grantTypes: ["client_credentials"] as const, days: 5, status: "ACTIVE" },
    { name: "Legacy Kiosk", grantTypes: ["password"] as const, days: 40, status: "SUSPENDED" },
  ];
  const apps: { appId: string }[] = [];
  for (const d of specs) {
    const app = await makeOAuthApp(testDb(), { grantTypes: [...d.grantTypes], companyId, name: d.name, subscribeHello: false });
    await db.appApiSubscription.create({ data: { appId: app.appId, apiId: api.id } });
    const at = new Date(Date.now() - d.days * 86_400_000);
    await db.app.update({
      where: { id: app.appId },
      data: { createdById: owner.id, status: d.status, createdAt: at, termsAcceptedAt: at, description: `${d.name}: a demo app.` },
    });
    apps.push(app);
  }
  demo = { apps, companyId, apiId: api.id, quarter: await seedUsage(companyId, apps[0]!.appId, api.id) };
  return demo;
}

test("the README's screenshots are taken from a seeded demo, as a person sees the window", async ({ page }) => {
  test.setTimeout(150_000);
  const { apps } = await setUpDemo(page);
  await signIn(page, DEV);
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
  await expect(page.getByRole("img", { name: /calls/ })).toBeVisible();
  await shot(page, "app-metrics.png");

  // The dark theme: the Usage tab again.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/(^| )dark( |$)/);
  await expect(page.getByRole("img", { name: /calls/ })).toBeVisible();
  await shot(page, "dark-theme.png");
  await page.emulateMedia({ colorScheme: "light" });

  await page.goto(`/apps/${apps[1]!.appId}/danger`);
  await page.getByRole("button", { name: "Deactivate application" }).click();
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await shot(page, "confirm-deactivate.png");
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.context().clearCookies();
  await signIn(page, DA);
  await page.goto("/company/users");
  await expect(page.getByText(DEV)).toBeVisible();
  await shot(page, "company-users.png");

  await page.goto("/company/audit");
  await expect(page.getByTestId("audit-sentence").first()).toBeVisible();
  await shot(page, "company-audit.png");

  // A phone: an app's page, and the sidebar as a drawer.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/apps/${apps[0]!.appId}/usage`);
  await expect(page.getByRole("img", { name: /calls/ })).toBeVisible();
  await shot(page, "phone.png");
  await page.goto("/company/users");
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
  await shot(page, "phone-menu.png");
});

/** What differs between two runs of the same demo: times, generated ids and secrets, the time axis of charts. */
function changing(page: Page): Locator[] {
  return [page.locator("time"), page.locator("#client-id"), page.locator('[data-axis="time"]'), page.getByTestId("changes-per-run")];
}

for (const theme of ["light", "dark"] as const) {
  test(`the README's pages look as in their baselines (${theme})`, async ({ page }) => {
    const d = await setUpDemo(page);
    const { apps } = d;
    await page.emulateMedia({ colorScheme: theme });
    await signIn(page, DEV);
    const pages: { name: string; path: string; ready: Locator }[] = [
      { name: "my-applications", path: "/apps", ready: page.getByRole("link", { name: "Booking Widget" }) },
      { name: "app-overview", path: `/apps/${apps[0]!.appId}`, ready: page.getByRole("heading", { name: "Endpoints" }) },
      { name: "app-usage", path: `/apps/${apps[0]!.appId}/usage`, ready: page.getByRole("img", { name: /calls/ }) },
    ];
    for (const p of pages) {
      // Aligned again after the page has loaded if a quarter hour began in between.
      for (let n = 0; n < 3; n++) {
        await alignUsage(d);
        await page.goto(p.path);
        await expect(p.ready).toBeVisible();
        if (currentQuarter() === d.quarter) break;
      }
      await expect(page.locator("html")).toHaveClass(theme === "dark" ? /(^| )dark( |$)/ : /^(?!.*(^| )dark( |$))/);
      await page.evaluate(() => document.fonts.ready);
      await expect(page, `${p.name} (${theme})`).toHaveScreenshot(`${p.name}-${theme}.png`, {
        mask: changing(page),
        maxDiffPixelRatio: 0.01,
        animations: "disabled",
        caret: "hide",
      });
    }
  });
}
