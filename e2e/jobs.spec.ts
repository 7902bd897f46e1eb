// The housekeeping jobs, as the platform administrator sees them. The server started for the
// tests runs the job runner (scripts/serve.ts), so each job's first run shows up with its outcome.
import { expect, test } from "./fixtures/test";

test("the platform administrator sees each housekeeping job with its last run and outcome", async ({ admin }) => {
  const page = admin.page;
  await page.goto("/admin/companies");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Housekeeping jobs" })).toBeVisible();
  const jobs = page.getByRole("table", { name: "Jobs" });
  // The runner's first tick comes a few seconds after the server starts: reload until every job shows it.
  await expect(async () => {
    await page.reload();
    for (const name of ["prune-expired", "usage-rollup", "signing-key-rotation"]) {
      await expect(jobs.getByRole("row").filter({ hasText: name }).getByRole("cell").nth(3)).toHaveText("ok", { timeout: 5_000 });
    }
  }).toPass({ timeout: 45_000 });
  await expect(page.getByRole("table", { name: "Recent runs" })).toContainText("signing-key-rotation");
});

test("someone signed out is sent to sign in from /admin/jobs", async ({ page }) => {
  const res = await page.goto("/admin/jobs");
  expect(res?.url()).toMatch(/\/signin/);
});
