import { expect, test } from "@playwright/test";
import { expectServed } from "./helpers";

test("public files: robots.txt keeps the console private and the docs indexable; icons are served and linked", async ({
  page,
  request,
}) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  expect(text).toContain("Allow: /docs");
  expect(text).toContain("Disallow: /apps");
  expect(text).toContain("Disallow: /admin");

  await expectServed(request, [
    ["/favicon.ico", "image/"],
    ["/icon.svg", "image/svg+xml"],
    ["/logo.svg", "image/svg+xml"],
    ["/apple-icon.png", "image/png"],
  ]);

  await page.goto("/signin");
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
});
