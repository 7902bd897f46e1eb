import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";

test("the platform administrator sees platform usage by period and exports it as CSV", async ({ admin }) => {
  const page = admin.page;
  await page.goto("/admin/usage");
  await expect(page.getByRole("heading", { name: "Platform usage" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Usage and performance" })).toBeVisible();
  await page.getByRole("link", { name: "Last 30 days" }).click();
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");
  const res = await page.request.get("/usage/export?all=1&range=week");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const lines = (await res.text()).trim().split("\n");
  expect(lines[0]).toBe("bucket_start_utc,calls,errors,p50_ms,p95_ms");
  // A week is always 168 hourly buckets, the last one the hour that holds the current minute
  // (lib/metrics/queries.ts RANGES), whatever minute this runs at.
  expect(lines).toHaveLength(1 + 7 * 24);
  const starts = lines.slice(1).map((l) => Date.parse(l.split(",")[0]!));
  for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(3_600_000);
  const served = Date.parse(res.headers()["date"]!);
  expect(starts.at(-1)!).toBeLessThanOrEqual(served);
  expect(served).toBeLessThan(starts.at(-1)! + 3_600_000);
});

test("usage of the platform and of other companies is not found for others", async ({ request, signedIn }) => {
  expect((await request.get("/usage/export?all=1")).status()).toBe(401);
  const { page } = await signedIn(await makeUser(testDb(), { name: "Usage Snoop" }));
  expect((await page.request.get("/usage/export?all=1")).status()).toBe(404);
  expect((await page.request.get("/usage/export?company=current")).status()).toBe(404);
  await page.goto("/admin/usage");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
