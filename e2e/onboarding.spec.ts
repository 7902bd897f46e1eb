// The onboarding walk, as the three people of the source product: the platform administrator creates
// a company and nominates a Delegated Administrator who has no account yet; the DA signs up, finds the
// Company page, adds a self-signed-up user as API Developer (who then may register apps), makes
// another DA; the company's last DA cannot be removed. The developer registers an app, gets a token
// with client_credentials and calls the Hello API (the whole loop).
import { expect, test } from "@playwright/test";
import { asAdmin } from "./fixtures/test";
import { formAlert, uniqueEmail } from "./helpers";
import { addUser, newcomer } from "./support/people";

test("platform administrator, Delegated Administrator and API Developer onboard a company", async ({ browser }) => {
  // Three people sign up and verify by mail, a company is built, an app registered and called: a long journey.
  test.setTimeout(300_000);
  const company = `Onboard Co ${Date.now().toString(36)}`;
  const daEmail = uniqueEmail("dana.da");
  const devEmail = uniqueEmail("devi.dev");

  // 1. The platform administrator creates the company and nominates a DA without an account.
  const admin = await asAdmin(browser);
  await admin.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(admin.page).toHaveURL(/\/admin\/companies$/);
  await admin.page.getByLabel("Company name").fill(company);
  await admin.page.getByLabel("Delegated Administrator email").fill(daEmail);
  await admin.page.getByRole("button", { name: "Create company" }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: `${company} was created.` })).toContainText(
    `${daEmail} has no account yet: the nomination (Delegated Administrator and API Developer) is pending`,
  );
  // Other suites create many companies in the same database: open it from the confirmation.
  await admin.page.getByRole("link", { name: "Open the new company" }).click();
  await expect(admin.page.getByRole("heading", { name: company, level: 1 })).toBeVisible();
  await expect(admin.page.getByRole("list", { name: "Pending invitations" })).toContainText(daEmail);

  // 2. The DA signs up with the nominated email and finds the company.
  const da = await newcomer(browser, "Dana Delegate", daEmail);
  await expect(da.page.getByTestId("active-company")).toHaveText(company);
  await da.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Company" }).click();
  await expect(da.page.getByRole("heading", { name: `Users of ${company}` })).toBeVisible();
  const daRow = da.page.getByRole("row").filter({ hasText: daEmail });
  await expect(daRow).toContainText("Delegated Administrator");
  await expect(daRow).toContainText(`granted by ${"platform.admin@example.com"}`);

  // 3. Someone signs up on their own: no company yet, no way to register apps.
  const dev = await newcomer(browser, "Devi Developer", devEmail);
  await expect(dev.page.getByText("You are not a member of a company yet")).toBeVisible();
  await expect(dev.page.getByRole("link", { name: "Register a New App" })).toHaveCount(0);

  // 4. The DA adds them as API Developer.
  await addUser(da, devEmail, ["API Developer"]);
  await expect(da.page.getByRole("status").filter({ hasText: devEmail })).toHaveText(
    `${devEmail} is now a member of ${company} as API Developer.`,
  );
  const devRow = da.page.getByRole("row").filter({ hasText: devEmail });
  await expect(devRow).toContainText(`API Developer granted by ${daEmail}`);

  // 5. The developer now acts for the company and may register apps.
  await dev.page.goto("/apps");
  await expect(dev.page.getByTestId("active-company")).toHaveText(company);
  await expect(dev.page.getByRole("link", { name: "Register a New App" })).toHaveAttribute("href", "/apps/register");
  await expect(dev.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Company" })).toHaveCount(0);

  // 5b. The whole loop: the developer registers a Client Credentials app for Hello API, gets a token
  // with client_credentials and calls the Hello API with it.
  const appName = `Onboard App ${Date.now().toString(36)}`;
  await dev.page.getByRole("link", { name: "Register a New App" }).click();
  await expect(dev.page.getByRole("heading", { name: "Register an Application" })).toBeVisible();
  await dev.page.getByLabel("Name of your application").fill(appName);
  await dev.page.getByLabel("Client Credentials", { exact: true }).check();
  await dev.page.getByLabel("Hello API", { exact: true }).check();
  await dev.page.getByLabel("I agree to the Terms of Service").check();
  await dev.page.getByRole("button", { name: "Register Application" }).click();
  await expect(dev.page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
  const clientId = await dev.page.getByLabel("Client ID").inputValue();
  const clientSecret = await dev.page.getByLabel("Client Secret").inputValue();
  const tokenRes = await dev.page.request.post("/oauth2/token", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }).toString(),
  });
  expect(tokenRes.status()).toBe(200);
  const issued = (await tokenRes.json()) as { access_token: string; token_type: string; expires_in: number };
  expect(issued).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
  const helloRes = await dev.page.request.get("/api/hello", { headers: { authorization: `Bearer ${issued.access_token}` } });
  expect(helloRes.status()).toBe(200);
  expect(await helloRes.json()).toMatchObject({ message: `Hello, ${appName}!`, app: { clientId, company } });

  // 6. The company's only DA cannot remove themselves.
  await da.page.getByRole("link", { name: `Manage ${daEmail}` }).click();
  await expect(da.page.getByRole("heading", { level: 1, name: "Dana Delegate" })).toBeVisible();
  await da.page.getByRole("button", { name: "Remove from company" }).click();
  await expect(da.page.getByText(`Remove ${daEmail} from the company? They own no active app here.`)).toBeVisible();
  await da.page.getByRole("button", { name: "Confirm removal" }).click();
  await expect(formAlert(da.page).filter({ hasText: "A company keeps at least one Delegated Administrator" })).toBeVisible();

  // 7. The DA makes the developer a DA too.
  await da.page.goto("/company/users");
  await da.page.getByRole("link", { name: `Manage ${devEmail}` }).click();
  // Client-side navigation: wait for the member's page (the list page has role checkboxes too).
  await expect(da.page.getByRole("heading", { level: 1, name: "Devi Developer" })).toBeVisible();
  await da.page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).check();
  await da.page.getByRole("button", { name: "Save roles" }).click();
  await expect(da.page.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();
  await dev.page.reload();
  await expect(dev.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Company" })).toBeVisible();

  // 8. With two DAs, the new one removes the first; then is the last and cannot step down.
  await dev.page.goto("/company/users");
  await dev.page.getByRole("link", { name: `Manage ${daEmail}` }).click();
  await expect(dev.page.getByRole("heading", { level: 1, name: "Dana Delegate" })).toBeVisible();
  await dev.page.getByRole("button", { name: "Remove from company" }).click();
  await dev.page.getByRole("button", { name: "Confirm removal" }).click();
  await expect(dev.page.getByRole("status").filter({ hasText: `${daEmail} was removed from ${company}.` })).toBeVisible();
  await dev.page.getByRole("link", { name: `Manage ${devEmail}` }).click();
  await expect(dev.page.getByRole("heading", { level: 1, name: "Devi Developer" })).toBeVisible();
  await dev.page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).uncheck();
  await dev.page.getByRole("button", { name: "Save roles" }).click();
  await expect(formAlert(dev.page)).toHaveText(
    "A company keeps at least one Delegated Administrator. Make someone else a Delegated Administrator first.",
  );
  await dev.page.reload();
  await expect(dev.page.getByRole("checkbox", { name: "Delegated Administrator", exact: true })).toBeChecked();

  // 9. The removed DA lost the company; the audit log tells the story to the DA and the administrator.
  await da.page.goto("/company/users");
  await expect(da.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await dev.page.goto("/company/audit");
  const log = dev.page.getByRole("table", { name: "Audit log entries" });
  await expect(log.getByRole("row").nth(1)).toContainText("membership.removed");
  await expect(log).toContainText("invitation.accepted");
  await expect(log).toContainText("role.granted");
  await admin.page.goto("/admin/audit");
  await admin.page.getByLabel("Actor email").fill(daEmail);
  await admin.page.getByRole("button", { name: "Filter" }).click();
  await expect(admin.page.getByRole("table", { name: "Audit log entries" })).toContainText(company);
  await expect(admin.page.getByRole("table", { name: "Audit log entries" })).toContainText("membership.added");
});
