import { expect, type Page, test } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { ADMIN, formAlert, signIn, signOut, signUp, uniqueEmail } from "./helpers";

/** Signs up a new person (`name`, an email made from `label`) and signs them out again; their email. */
async function signedUpThenOut(page: Page, label: string, name: string): Promise<string> {
  const email = uniqueEmail(label);
  await signUp(page, { name, email });
  await signOut(page);
  return email;
}

test("health answers ok once the database answers", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  // Contract: {"status":"ok"} (extra fields allowed: the checks behind it).
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", checks: { database: "ok" }, failed: [] });
});

test("a visitor signs up, lands on My Applications, signs out and back in", async ({ page }) => {
  const email = uniqueEmail("newcomer");
  await signUp(page, { name: "Nia Newcomer", email });
  await expect(page.getByText("You are not a member of a company yet")).toBeVisible();
  await signOut(page);
  await signIn(page, email);
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
});

test("sign-up refuses a taken email and a weak password with the rule", async ({ page }) => {
  const email = await signedUpThenOut(page, "taken", "First Owner");

  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Second Owner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists").first()).toBeVisible();

  await page.getByLabel("Email").fill(uniqueEmail("weak"));
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText(/at least 12 characters/);
  await expect(page.getByLabel("Full name")).toHaveValue("Second Owner");
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const email = await signedUpThenOut(page, "wrongpw", "Wanda Wrong");
  for (const [user, pw] of [
    [email, "not-the-password-123"],
    [uniqueEmail("nobody"), PASSWORD],
  ] as const) {
    await page.getByLabel("Email").fill(user);
    await page.getByLabel("Password").fill(pw);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toHaveText("The email or password is incorrect.");
  }
  await expect(page).toHaveURL(/\/signin/);
});

test("repeated failed sign-ins for one account are slowed down", async ({ page }) => {
  const email = await signedUpThenOut(page, "locked", "Lou Locked");
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-password-${i}-xx`);
    // Wait for each attempt's answer, so every one of them reaches the server.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/signin")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(formAlert(page)).toBeVisible();
    // React resets the form once the answer is rendered; typing before that would be wiped out.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  // Even the right password is refused while the account is locked.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText(/Too many failed sign-ins\. Try again in \d+ seconds?\./);
});

test("a plain user sees only My Apps & Keys; the platform administrator sees Admin", async ({ page }) => {
  await signUp(page, { name: "Pat Plain", email: uniqueEmail("plain") });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["My Apps & Keys", "Docs"]);
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link")).toHaveText([
    "Account",
    "Account security",
    "Authorized apps",
  ]);
  await expect(nav.getByRole("link", { name: "My Apps & Keys" })).toHaveAttribute("href", "/apps");
  await signOut(page);

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(nav.getByRole("link", { name: "Admin" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "APIs" })).toBeVisible();
});

test("signed-out visitors are sent to sign in and come back after", async ({ page }) => {
  const email = await signedUpThenOut(page, "return", "Rae Return");
  await page.goto("/apis");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fapis/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A plain user may not browse the catalog: the page answers not found rather than revealing it.
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a session survives a reload and a sign-in page visit redirects to the console", async ({ page }) => {
  await signUp(page, { name: "Sam Session", email: uniqueEmail("session") });
  await page.reload();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/apps$/);
});
