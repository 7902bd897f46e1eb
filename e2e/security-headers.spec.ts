import { expect, test } from "@playwright/test";
import { signOut, signUp, uniqueEmail } from "./helpers";

test("pages carry a nonce-based CSP that forbids framing, and the page still runs its scripts", async ({ page, request }) => {
  const res = await request.get("/signin");
  const csp = res.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(res.headers()["strict-transport-security"]).toBeUndefined(); // served over http here

  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  // Hydrated client code works under the policy: the sign-up form's server action runs.
  await signUp(page, { name: "Csp Checker", email: uniqueEmail("csp") });
  // The theme toggle sets aria-pressed only once React has hydrated: scripts ran under the policy.
  await expect(page.getByRole("button", { name: /theme$/ })).toHaveAttribute("aria-pressed", /true|false/);
  expect(violations).toEqual([]);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  await signUp(page, { name: "Cookie Checker", email: uniqueEmail("cookie") });
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("callbackUrl cannot send a signed-in person to another site", async ({ page }) => {
  const email = uniqueEmail("redirect");
  await signUp(page, { name: "Redirect Checker", email });
  // signOut waits for the sign-out to finish: a signed-in visit to /signin goes to the landing page instead.
  await signOut(page);
  for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("correct-horse-battery-staple");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/apps$/);
    await signOut(page);
  }
});
