import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { latestMail, linkIn } from "./support/mail";

let counter = 0;
/** A unique, realistic email per test (the suite shares one database). */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@example.com`;
}

export const ADMIN = { email: "platform.admin@example.com", password: "admin-password-for-e2e" };

/** Signs up through /signup, then follows the "Verify your email" link of the outbox, as the person would. */
export async function signUp(page: Page, opts: { name: string; email: string; password?: string }): Promise<void> {
  await signUpUnverified(page, opts);
  await verifyEmailOf(page, opts.email);
}

/** Signs up and stops on the page that asks to verify the address. */
export async function signUpUnverified(page: Page, opts: { name: string; email: string; password?: string }): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(opts.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
}

/** Opens the newest verification link mailed to the address (from the outbox) in the page. */
export async function verifyEmailOf(page: Page, email: string): Promise<void> {
  const mail = await latestMail(email, "verify_email");
  await page.goto(linkIn(mail.text, "/verify-email/confirm"));
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
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

/** Each path answers 200 with a Content-Type that contains its type ("image/svg+xml"). */
export async function expectServed(request: APIRequestContext, files: readonly (readonly [path: string, type: string])[]): Promise<void> {
  for (const [path, type] of files) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toContain(type);
  }
}
