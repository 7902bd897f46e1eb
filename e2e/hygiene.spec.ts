// Credential hygiene through the real server: "Last used" on the app page after a token (written in
// batches, so the page is reloaded until the batch is in), "Stale" on /company/apps and "Deactivate stale
// apps" behind its confirmation, and the leaked-secret reports pages (a DA sees the company's, the
// platform administrator every report). Signed reports, revocation and the clock moved: Vitest
// (lib/apps/last-used.test.ts, lib/secret-scanning/reports.test.ts).
import { newId } from "../lib/ids";
import { basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";

const DAY = 86_400_000;

test("the app page shows when and from where a token was last issued", async ({ da }) => {
  const page = da.page;
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: da.companyId });
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: da.userId } });
  await page.goto(`/apps/${app.appId}`);
  const secrets = page.getByRole("list", { name: "Live secrets" }).first();
  await expect(secrets.getByTestId("app-last-used")).toContainText("Last used: never.");

  const answer = await da.request.post("/oauth2/token", {
    headers: { authorization: basicHeader(app.clientId, app.clientSecret) },
    form: { grant_type: "client_credentials" },
  });
  expect(answer.status()).toBe(200);
  await expect(async () => {
    await page.reload();
    await expect(secrets.getByTestId("app-last-used")).toContainText(/Last used .* from 127\.0\.0\.1\./);
  }).toPass();
  await expect(secrets).toContainText(/Current secret ending in .*Last used .* from 127\.0\.0\.1\./);
});

test("stale apps are marked and deactivated after a confirmation", async ({ da }) => {
  const page = da.page;
  const db = testDb();
  const old = new Date(Date.now() - 200 * DAY);
  const stale = await makeOAuthApp(db, { grantTypes: ["client_credentials"], companyId: da.companyId, name: `Idle ${newId("app")}` });
  await db.app.update({
    where: { id: stale.appId },
    data: { createdById: da.userId, createdAt: old, lastUsedAt: new Date(Date.now() - 120 * DAY) },
  });
  const fresh = await makeOAuthApp(db, { grantTypes: ["client_credentials"], companyId: da.companyId, name: `Busy ${newId("app")}` });
  await db.app.update({
    where: { id: fresh.appId },
    data: { createdById: da.userId, createdAt: old, lastUsedAt: new Date(Date.now() - DAY) },
  });

  await page.goto("/company/apps");
  const row = (name: string) => page.locator(`tr[data-app="${name}"]`);
  await expect(row(stale.name)).toContainText("Stale");
  await expect(row(fresh.name)).not.toContainText("Stale");
  await expect(page.getByText("1 active app has got no token for 90 days")).toBeVisible();

  // Cancel changes nothing.
  await page.getByRole("button", { name: "Deactivate stale apps" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Deactivate 1 stale app?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect((await db.app.findUniqueOrThrow({ where: { id: stale.appId } })).status).toBe("ACTIVE");

  await page.getByRole("button", { name: "Deactivate stale apps" }).click();
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  // The form's own message and the toast say it.
  await expect(page.getByText(`Deactivated 1 stale app: ${stale.name}.`).first()).toBeVisible();
  expect((await db.app.findUniqueOrThrow({ where: { id: stale.appId } })).status).toBe("INACTIVE");
  expect((await db.app.findUniqueOrThrow({ where: { id: fresh.appId } })).status).toBe("ACTIVE");
  expect(await db.auditLog.count({ where: { event: "app.deactivated", targetId: stale.appId, actorId: da.userId } })).toBe(1);
  await page.reload();
  await expect(row(stale.name)).not.toContainText("Stale");
});

test("leaked-secret reports: a DA sees the company's, the platform administrator every report", async ({ da, developer, admin }) => {
  const db = testDb();
  const app = await makeOAuthApp(db, { grantTypes: ["client_credentials"], companyId: da.companyId });
  const url = `https://github.com/octo/${newId("app")}/blob/main/.env`;
  const strangerUrl = `https://github.com/octo/${newId("app")}/blob/main/x`;
  const report = { source: "github", tokenHash: "0".repeat(64), tokenType: "api_console_client_secret", foundIn: "content" };
  await db.secretLeakReport.create({
    data: {
      id: newId("leakReport"),
      ...report,
      lastFour: "Wxyz",
      url,
      label: "true_positive",
      outcome: "revoked",
      companyId: da.companyId,
      appId: app.appId,
    },
  });
  await db.secretLeakReport.create({
    data: { id: newId("leakReport"), ...report, lastFour: "Qrst", url: strangerUrl, label: "false_positive", outcome: "unknown" },
  });

  await da.page.goto("/company/leaked-secrets");
  await expect(da.page.getByRole("heading", { name: "Leaked secrets" })).toBeVisible();
  const table = da.page.getByRole("table", { name: "Leaked-secret reports" });
  await expect(table).toContainText(app.name);
  await expect(table).toContainText(url);
  await expect(table).toContainText("Revoked now");
  await expect(table).not.toContainText(strangerUrl);

  // An API Developer has no such page (404, as for another company's records).
  const refused = await developer.page.goto("/company/leaked-secrets");
  expect(refused?.status()).toBe(404);

  await admin.page.goto("/admin/leaked-secrets");
  const all = admin.page.getByRole("table", { name: "Leaked-secret reports" });
  await expect(all).toContainText(url);
  await expect(all).toContainText(strangerUrl);
  await expect(all).toContainText("False positive");
  await expect(admin.page.getByRole("link", { name: "Leaked secrets" })).toBeVisible();
});
