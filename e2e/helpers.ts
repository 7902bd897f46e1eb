import { expect, type Page } from "@playwright/test";

let counter = 0;
/** A unique, realistic email per test (the suite shares one database). */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@example.com`;
}

export const STRONG_PASSWORD = "correct-horse-battery-staple";

export const ADMIN = { email: "platform.admin@example.com", password: "admin-password-for-e2e" };

export async function signUp(page: Page, opts: { name: string; email: string; password?: string }): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password ?? STRONG_PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = STRONG_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

/** The page's own alert (Next.js also renders a route announcer with role=alert). */
export function formAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}
