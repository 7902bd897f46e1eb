// WCAG 2.2 AA with axe-core on every page of the console, signed out and as each role, in light
// and dark themes. Serious and critical violations fail. Add new pages to PAGES.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn, signUp, uniqueEmail } from "./helpers";

type Who = "signed-out" | "plain user" | "platform administrator";

const PAGES: Record<Who, string[]> = {
  "signed-out": ["/signin", "/signup", "/signin?callbackUrl=%2Fapps"],
  "plain user": ["/apps", "/does-not-exist"],
  "platform administrator": ["/apps", "/apis", "/apis/hello", "/apis?q=hello", "/admin/apis", "/admin/apis/new", "/admin/usage", "/admin/usage?all=1&range=month"],
};

let checked = 0;

async function audit(page: Page, who: Who, path: string, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme });
  await page.goto(path);
  await page.waitForLoadState("load");
  await expect(page.locator("main")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(theme === "dark");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(report, `${who} ${path} (${theme})`).toEqual([]);
  checked += 1;
}

test.describe.configure({ mode: "serial" });

test.afterAll(() => {
  console.log(`[a11y] axe checked ${checked} page states (pages × roles × themes)`);
});

for (const theme of ["light", "dark"] as const) {
  test(`signed-out pages have no serious or critical violations (${theme})`, async ({ page }) => {
    for (const path of PAGES["signed-out"]) await audit(page, "signed-out", path, theme);
  });

  test(`a plain user's pages have no serious or critical violations (${theme})`, async ({ page }) => {
    await signUp(page, { name: "Axe Plain", email: uniqueEmail("axe") });
    for (const path of PAGES["plain user"]) await audit(page, "plain user", path, theme);
  });

  test(`the platform administrator's pages have no serious or critical violations (${theme})`, async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    for (const path of PAGES["platform administrator"]) await audit(page, "platform administrator", path, theme);
  });
}
