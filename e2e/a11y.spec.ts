// WCAG 2.2 AA with axe-core on every page of the console, signed out and as each role (plain user,
// API Developer, Delegated Administrator, platform administrator), in light and dark themes, plus a
// 375 px phone pass over the main pages (which must not scroll sideways). Serious and critical
// violations fail. Add new pages to pagesFor().
import { expect, type Page, test } from "@playwright/test";
import { makeCompanyFor } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMemberByEmail, makeUser } from "../tests/factories/people";
import { authorizeUrl } from "./fixtures/authorize";
import { testDb } from "./fixtures/db";
import { signInAs } from "./fixtures/test";
import { ADMIN } from "./helpers";
import { seriousViolations } from "./support/axe";

type Who = "signed-out" | "plain user" | "API Developer" | "Delegated Administrator" | "platform administrator";

interface World {
  devEmail: string;
  daEmail: string;
  companyId: string;
  appId: string;
  consentUrl: string;
  membershipId: string;
  apiId: string;
}

let world: World | undefined;

/** One company with a Delegated Administrator and an API Developer who owns an app (with usage). */
async function setUp(_page: Page): Promise<World> {
  if (world) return world;
  const { email: devEmail } = await makeUser(testDb(), { name: "Axe Developer" });
  const { email: daEmail } = await makeUser(testDb(), { name: "Axe Administrator" });
  const { companyId } = await makeCompanyFor(testDb(), devEmail, ["API_DEVELOPER"]);
  await addMemberByEmail(testDb(), companyId, daEmail, ["DELEGATED_ADMIN"]);
  const db = testDb();
  const dev = await db.user.findUniqueOrThrow({ where: { email: devEmail } });
  const app = await makeOAuthApp(testDb(), {
    grantTypes: ["authorization_code", "client_credentials", "refresh_token"],
    companyId,
    name: `Axe App ${Date.now().toString(36)}`,
  });
  await db.app.update({ where: { id: app.appId }, data: { createdById: dev.id, description: "An app the accessibility run looks at." } });
  const membership = await db.membership.findFirstOrThrow({ where: { companyId, userId: dev.id } });
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });
  world = {
    devEmail,
    daEmail,
    companyId,
    appId: app.appId,
    consentUrl: authorizeUrl(app, { scope: "hello", state: "axe" }),
    membershipId: membership.id,
    apiId: hello.id,
  };
  return world;
}

function pagesFor(who: Who, w: World): string[] {
  switch (who) {
    case "signed-out":
      return ["/signin", "/signup", "/signin?callbackUrl=%2Fapps", "/terms", "/does-not-exist"];
    case "plain user":
      return [
        "/apps",
        "/apps/register",
        "/account/grants",
        "/apis",
        "/terms",
        "/does-not-exist",
        "/company/users",
        "/oauth2/authorize?client_id=nope",
      ];
    case "API Developer":
      return [
        "/apps",
        "/apps/register",
        `/apps/${w.appId}`,
        `/apps/${w.appId}/usage`,
        `/apps/${w.appId}/settings`,
        `/apps/${w.appId}/activity`,
        `/apps/${w.appId}/danger`,
        `/apps/${w.appId}?registered=1`,
        "/terms",
        "/apis",
        "/apis/hello",
        "/apis?q=hello",
        "/search?q=hello",
        "/account/grants",
        w.consentUrl,
        "/oauth2/authorize?client_id=nope",
      ];
    case "Delegated Administrator":
      return [
        "/apps",
        "/company/users",
        `/company/users/${w.membershipId}`,
        "/company/apps",
        `/apps/${w.appId}`,
        "/company/audit",
        "/company/usage",
        "/company/tokens",
        "/apis",
        "/account/grants",
      ];
    case "platform administrator":
      return [
        "/apps",
        "/admin/companies",
        `/admin/companies/${w.companyId}`,
        "/admin/audit",
        "/admin/apis",
        "/admin/apis/new",
        `/admin/apis/${w.apiId}`,
        "/admin/usage",
        "/admin/usage?all=1&range=month",
        "/search?q=axe",
        "/admin/requests",
        "/admin/settings",
        "/apis",
        "/apis/hello",
        "/account/grants",
      ];
  }
}

const PHONE_PAGES: { who: Who; path: (w: World) => string }[] = [
  { who: "signed-out", path: () => "/signin" },
  { who: "API Developer", path: () => "/apps" },
  { who: "API Developer", path: () => "/apps/register" },
  { who: "API Developer", path: (w) => `/apps/${w.appId}?registered=1` },
  { who: "API Developer", path: (w) => `/apps/${w.appId}` },
  { who: "API Developer", path: (w) => `/apps/${w.appId}/settings` },
  { who: "API Developer", path: (w) => `/apps/${w.appId}/activity` },
  { who: "Delegated Administrator", path: () => "/company/users" },
  { who: "Delegated Administrator", path: () => "/company/apps" },
  { who: "Delegated Administrator", path: () => "/company/audit" },
  { who: "platform administrator", path: () => "/admin/companies" },
  { who: "platform administrator", path: () => "/admin/audit" },
];

/** The shell's dialogs and menus, opened, at 375 px and 1280 px. */
const OPEN_STATES: { who: Who; name: string; path: (w: World) => string; open: (page: Page) => Promise<void>; phoneOnly?: boolean }[] = [
  {
    who: "API Developer",
    name: "deactivate confirmation",
    path: (w) => `/apps/${w.appId}/danger`,
    open: async (page) => {
      await page.getByRole("button", { name: "Deactivate application" }).click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
    },
  },
  {
    who: "API Developer",
    name: "account menu",
    path: () => "/apps",
    open: async (page) => {
      await page.getByRole("button", { name: /^Your account/ }).click();
      await expect(page.getByRole("menu")).toBeVisible();
    },
  },
  {
    who: "API Developer",
    name: "command palette",
    path: () => "/apps",
    open: async (page) => {
      // Ctrl+K opens the palette once the page has hydrated: pressed again until it is open.
      const search = page.getByRole("combobox", { name: "Search" });
      await expect(async () => {
        if (!(await search.isVisible())) await page.keyboard.press("Control+k");
        await expect(search).toBeVisible({ timeout: 2_000 });
      }).toPass();
      await search.fill("hello");
      await expect(page.getByRole("option").filter({ hasText: "Hello API" }).first()).toBeVisible();
    },
  },
  {
    who: "API Developer",
    name: "navigation drawer",
    path: () => "/apps",
    phoneOnly: true,
    open: async (page) => {
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      await expect(page.getByRole("dialog", { name: "Menu" })).toBeVisible();
    },
  },
  {
    who: "platform administrator",
    name: "create company panel",
    path: () => "/admin/companies",
    open: async (page) => {
      await page.getByRole("button", { name: "Create company" }).click();
      await expect(page.locator("#company-name-error")).toBeVisible();
    },
  },
];

let checked = 0;
const pagesSeen = new Set<string>();

/** Signs the page in as `who` (session cookie, no form; a new person for "plain user"). */
async function actAs(page: Page, who: Who, w: World) {
  await page.context().clearCookies();
  if (who === "signed-out") return;
  if (who === "plain user") return signInAs(page.context(), await makeUser(testDb(), { name: "Axe Plain" }));
  const email = who === "platform administrator" ? ADMIN.email : who === "API Developer" ? w.devEmail : w.daEmail;
  await signInAs(page.context(), await testDb().user.findUniqueOrThrow({ where: { email } }));
}

async function audit(page: Page, who: Who, path: string, theme: "light" | "dark", phone = false, open?: (page: Page) => Promise<void>) {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await page.waitForLoadState("load");
  if (open) await open(page);
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator("html"), `${who} ${path}: theme`).toHaveClass(theme === "dark" ? /(^| )dark( |$)/ : /^(?!.*(^| )dark( |$))/);
  const report = await seriousViolations(page, theme);
  expect.soft(report, `${who} ${path} (${theme}${phone ? ", 375 px" : ""})`).toEqual([]);
  if (phone) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect.soft(overflow, `${who} ${path} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  }
  checked += 1;
  pagesSeen.add(`${who} ${path}${phone ? " (375 px)" : ""}${open ? " (open)" : ""}`);
}

// Each test walks every page of a role (accounts, security, tokens, docs: many pages): give it room on a slow machine.
test.describe.configure({ mode: "serial", timeout: 240_000 });

test.afterAll(() => {
  console.log(
    `[a11y] axe checked ${checked} page states (${pagesSeen.size} page × role combinations incl. the 375 px pass, each in light and dark)`,
  );
});

const WHO: Who[] = ["signed-out", "plain user", "API Developer", "Delegated Administrator", "platform administrator"];

for (const who of WHO) {
  for (const theme of ["light", "dark"] as const) {
    test(`${who}: every page has no serious or critical violations (${theme})`, async ({ page }) => {
      const w = await setUp(page);
      await actAs(page, who, w);
      for (const path of pagesFor(who, w)) await audit(page, who, path, theme);
    });
  }
}

test("the main pages have no serious or critical violations and no sideways scroll on a 375 px phone", async ({ page }) => {
  const w = await setUp(page);
  await page.setViewportSize({ width: 375, height: 740 });
  let current: Who | undefined;
  for (const { who, path } of PHONE_PAGES) {
    if (who !== current) {
      await actAs(page, who, w);
      current = who;
    }
    for (const theme of ["light", "dark"] as const) await audit(page, who, path(w), theme, true);
  }
});

test("the shell's dialogs, drawer and menus, open, have no serious or critical violations (both themes, 375 px and 1280 px)", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const w = await setUp(page);
  for (const phone of [true, false]) {
    await page.setViewportSize(phone ? { width: 375, height: 740 } : { width: 1280, height: 800 });
    let current: Who | undefined;
    for (const state of OPEN_STATES) {
      if (state.phoneOnly && !phone) continue;
      if (state.who !== current) {
        await actAs(page, state.who, w);
        current = state.who;
      }
      for (const theme of ["light", "dark"] as const) await audit(page, state.who, state.path(w), theme, phone, state.open);
    }
  }
});
