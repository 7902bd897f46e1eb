// axe-core (WCAG 2.2 AA, like e2e/a11y.spec.ts) over the pages of the docs portal and the OpenAPI
// reference, in light and dark themes: the guide signed out (every page, the search, the printable
// guides) and signed in, the Hello API reference with Try it and a result shown, the administrator's
// OpenAPI editor with errors shown, and the guide on a 375 px phone (no sideways scroll).
import type { Page } from "@playwright/test";
import { DOC_PAGES, docHref, PRINTABLE_GUIDES } from "../lib/docs/manifest";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { axeFor, seriousViolations } from "./support/axe";

async function audit(page: Page, label: string, theme: "light" | "dark", opts: { phone?: boolean; navigate?: string } = {}) {
  await page.emulateMedia({ colorScheme: theme });
  if (opts.navigate) await page.goto(opts.navigate);
  else await page.reload();
  await page.waitForLoadState("load");
  await expect(page.locator("main")).toBeVisible();
  await expect(page.locator("html"), `${label}: theme`).toHaveClass(theme === "dark" ? /(^| )dark( |$)/ : /^(?!.*(^| )dark( |$))/);
  const report = await seriousViolations(page, theme);
  expect.soft(report, `${label} (${theme}${opts.phone ? ", 375 px" : ""})`).toEqual([]);
  if (opts.phone) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect.soft(overflow, `${label} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  }
}

// Many pages per test, each through axe: more time than the default minute on a shared machine.
test.describe.configure({ timeout: 600_000 });

const SIGNED_OUT = [
  ...DOC_PAGES.map((p) => docHref(p.slug)),
  "/docs/search?q=refresh+token",
  "/docs/search",
  ...PRINTABLE_GUIDES.map((g) => `/docs/print/${g.id}`),
];

for (const theme of ["light", "dark"] as const) {
  test(`signed out: every page of the guide has no serious or critical violations (${theme})`, async ({ page }) => {
    for (const path of SIGNED_OUT) await audit(page, `signed-out ${path}`, theme, { navigate: path });
  });

  test(`signed in: the guide, the one search, the Hello API reference with a Try it result (${theme})`, async ({ member }) => {
    const { page } = await member(["API_DEVELOPER"], { name: "Docs Axe" });
    await page.goto("/apps/register");
    await page.getByLabel("Name of your application").fill(`Axe Try ${Date.now().toString(36)}`);
    await page.getByLabel("Client Credentials", { exact: true }).check();
    await page.getByLabel("Hello API", { exact: true }).check();
    await page.getByLabel("I agree to the Terms of Service").check();
    await page.getByRole("button", { name: "Register Application" }).click();
    await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
    for (const path of ["/docs", "/docs/oauth2/authorization-code", "/docs/search?q=token", "/apis?q=refresh+token", "/apis/hello"])
      await audit(page, `developer ${path}`, theme, { navigate: path });
    await audit(page, "developer /apis/hello/reference", theme, { navigate: "/apis/hello/reference" });
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByTestId("try-it-status")).toHaveText("Status: 200");
    const results = await axeFor(page, theme).analyze();
    expect
      .soft(
        results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
        `reference with a Try it result (${theme})`,
      )
      .toEqual([]);
  });

  test(`platform administrator: the OpenAPI editor, with errors shown (${theme})`, async ({ admin }) => {
    const page = admin.page;
    const hello = await (await testDb()).api.findUniqueOrThrow({ where: { slug: "hello" } });
    await audit(page, "admin /admin/apis/<hello>", theme, { navigate: `/admin/apis/${hello.id}` });
    await page.emulateMedia({ colorScheme: theme });
    await page
      .getByRole("textbox", { name: "OpenAPI document", exact: true })
      .fill('{"openapi":"3.1.0","info":{"title":"x","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":1}}}}}}');
    await page.getByRole("button", { name: "Save OpenAPI document" }).click();
    await expect(page.getByTestId("openapi-errors")).toBeVisible();
    const results = await axeFor(page, theme).analyze();
    expect
      .soft(
        results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id),
        `OpenAPI editor with errors (${theme})`,
      )
      .toEqual([]);
    await audit(page, "admin /apis/hello/reference", theme, { navigate: "/apis/hello/reference" });
  });
}

test("the guide on a 375 px phone: no violations, no sideways scroll", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of [
    "/docs",
    "/docs/getting-started",
    "/docs/oauth2/authorization-code",
    "/docs/token-developer-guide",
    "/docs/api-user-guide",
    "/docs/management-api",
    "/docs/kinds-of-app/device",
  ]) {
    for (const theme of ["light", "dark"] as const) await audit(page, `phone ${path}`, theme, { phone: true, navigate: path });
  }
});
