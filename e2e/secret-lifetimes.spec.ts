// Secret lifetimes through the real server: a Delegated Administrator sets "Client secrets expire after
// (days)" on /company/security, the app's page says when its secret expires, and once that moment has
// passed (the clock moved by writing the end into the database) the token endpoint refuses the secret
// with invalid_client saying it expired. Reminders and the policy's rules: lib/apps/secret-lifetime.test.ts.
import { basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";

const DAY = 86_400_000;

test("a company's secret lifetime gives secrets an end, shown on the app page, and an expired secret is refused", async ({ da }) => {
  const page = da.page;
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: da.companyId });
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: da.userId } });

  await page.goto("/company/security");
  await page.getByLabel("Client secrets expire after (days)").fill("0");
  await page.getByRole("button", { name: "Save secret lifetime" }).click();
  await expect(page.locator("#secret-lifetime-days-error")).toContainText("whole number of days from 1 to 3650");
  await page.getByLabel("Client secrets expire after (days)").fill("60");
  await page.getByRole("button", { name: "Save secret lifetime" }).click();
  await expect(page.getByText("Client secrets now expire after 60 days. 1 existing secret got an expiry.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Client secrets expire after (days)")).toHaveValue("60");

  const [secret] = await testDb().clientSecret.findMany({ where: { appId: app.appId, revokedAt: null } });
  const expected = Date.now() + 60 * DAY;
  expect(Math.abs(secret!.expiresAt!.getTime() - expected)).toBeLessThan(10 * 60_000);

  await page.goto(`/apps/${app.appId}`);
  await expect(page.getByRole("list", { name: "Live secrets" }).first()).toContainText(/Expires .*\(in 2 months\)/);

  // Before the end the secret works; after it, the token endpoint says why it refuses.
  const token = () =>
    da.request.post("/oauth2/token", {
      headers: { authorization: basicHeader(app.clientId, app.clientSecret) },
      form: { grant_type: "client_credentials" },
    });
  expect((await token()).status()).toBe(200);
  await testDb().clientSecret.update({ where: { id: secret!.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  const refused = await token();
  expect(refused.status()).toBe(401);
  const body = (await refused.json()) as { error: string; error_description: string };
  expect(body.error).toBe("invalid_client");
  expect(body.error_description).toMatch(/^The client secret expired on \d{4}-\d\d-\d\dT/);
});
