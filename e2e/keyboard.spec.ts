// Keyboard only: sign in, skip to the content, register an app, copy its Client ID and sign out
// without the mouse. Every control reached with Tab shows where the focus is.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { makeCompanyFor } from "../tests/factories/companies";
import { PASSWORD } from "../tests/factories/constants";
import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";

/** Presses Tab until `target` has the focus (at most `max` times); the focus must be visible. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const visible = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return el.matches(":focus-visible") && ((s.outlineStyle !== "none" && s.outlineWidth !== "0px") || s.boxShadow !== "none");
      });
      expect(visible, "focus is visible").toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("a developer registers an app, copies its Client ID and signs out with the keyboard only", async ({ page }) => {
  const { email } = await makeUser(testDb(), { name: "Keyboard Developer" });
  await makeCompanyFor(testDb(), email, ["API_DEVELOPER"]);

  await page.goto("/signin");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();

  // The first Tab reaches the skip link, which moves the focus to the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();

  await tabTo(page, page.getByRole("link", { name: "Register a New App" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Register an Application" })).toBeVisible();

  const name = `Keyboard App ${Date.now().toString(36)}`;
  await tabTo(page, page.getByLabel("Name of your application"));
  await page.keyboard.type(name);
  await tabTo(page, page.getByRole("checkbox", { name: "Client Credentials" }));
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "Client Credentials" })).toBeChecked();
  const hello = page.getByRole("checkbox", { name: "Hello API" });
  if (!(await hello.isChecked())) {
    await tabTo(page, hello);
    await page.keyboard.press("Space");
  }
  await tabTo(page, page.getByRole("checkbox", { name: "I agree to the Terms of Service" }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Register Application" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();

  const clientId = await page.getByLabel("Client ID", { exact: true }).inputValue();
  expect(clientId).toMatch(/^apc_/);
  await tabTo(page, page.getByRole("button", { name: "Copy Client ID" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Client ID copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);

  await tabTo(page, page.getByRole("button", { name: "Sign out" }), 120);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
