import { expect, test } from "./fixtures/test";

test("the platform administrator adds an API, finds it from the header search and reads its documentation", async ({ admin }) => {
  const page = admin.page;
  const slug = `ledger-${Date.now().toString(36)}`;
  await page.goto("/admin/apis/new");
  await page.getByLabel("Name").fill("Ledger API");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Endpoint").fill("/api/ledger");
  await page.getByLabel("Summary").fill("Balances and journal entries");
  await page
    .getByLabel("Documentation (Markdown)")
    .fill("# Ledger\n\nPost **reconciliation** batches.\n\n<script>window.__pwned = true</script>\n\n[bad](javascript:alert(1))");
  await page.getByRole("button", { name: "Create API" }).click();

  await expect(page).toHaveURL(new RegExp(`/apis/${slug}$`));
  await expect(page.getByRole("heading", { name: "Ledger API", level: 1 })).toBeVisible();
  await expect(page.getByText("reconciliation")).toBeVisible();
  // Raw HTML in documentation is not rendered and javascript: links are dropped.
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(page.locator("a", { hasText: "bad" })).not.toHaveAttribute("href", /javascript/);
  await expect(page.getByLabel("Sample code in curl")).toContainText("/oauth2/token");

  // Header search across documentation text, with the match highlighted.
  await page.getByRole("searchbox", { name: "Search", exact: true }).fill("reconciliation");
  await page.getByRole("searchbox", { name: "Search", exact: true }).press("Enter");
  await expect(page.getByRole("heading", { name: /result.* for “reconciliation”/ })).toBeVisible();
  await expect(page.locator("mark", { hasText: "reconciliation" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Ledger API" })).toBeVisible();
});

test("the admin form refuses a bad slug and a duplicate slug with messages at the fields", async ({ admin }) => {
  const page = admin.page;
  await page.goto("/admin/apis/new");
  await page.getByLabel("Name").fill("Bad");
  await page.getByLabel("Slug").fill("Not A Slug!");
  await page.getByLabel("Endpoint").fill("ftp://nope");
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.locator("#api-slug-error")).toContainText("lower-case letters");
  await expect(page.locator("#api-endpoint-error")).toContainText("https://");
  await page.getByLabel("Slug").fill("hello");
  await page.getByLabel("Endpoint").fill("/api/x");
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.locator("#api-slug-error")).toContainText("Another API already uses that slug.");
});
