// Companies, Delegated Administrators and roles in the browser: bad input answered at the field and
// nothing changed; apps suspended (after a confirm step) when their owner leaves or loses API
// Developer, then reassigned or restored; company suspension and API access; the audit log's pages.
import { expect, test } from "@playwright/test";
import { makeApp } from "../tests/factories/apps";
import { makeAuditEntries } from "../tests/factories/audit";
import { testDb } from "./fixtures/db";
import { asAdmin } from "./fixtures/test";
import { formAlert, uniqueEmail } from "./helpers";
import { addUser, companyIdByName, createCompany, memberByEmail, newcomer, signInPerson } from "./support/people";

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

test("the platform administrator's company form explains bad input and creates nothing", async ({ browser }) => {
  const admin = await asAdmin(browser);
  const page = admin.page;
  const token = stamp();
  const existing = `Existing ${token}`;
  await createCompany(admin, existing, uniqueEmail("existing.da"));

  await page.goto("/admin/companies");
  // The form is open on arrival; Cancel folds it behind the "Create company" button, which opens it again.
  await expect(page.getByRole("region", { name: "Create a company" })).toBeVisible();
  await page.getByRole("region", { name: "Create a company" }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByLabel("Company name")).toBeHidden();
  await expect(page.getByRole("button", { name: "Create company" })).toBeFocused();
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByLabel("Company name")).toBeFocused();
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.locator("#company-name-error")).toHaveText("Enter the company name.");
  // The error summary lists and links each field.
  await expect(formAlert(page).getByRole("link", { name: "Company name" })).toHaveAttribute("href", "#company-name");
  await expect(page.locator("#company-da-emails-error")).toHaveText("Enter the Delegated Administrator's email.");
  await expect(page.getByLabel("Company name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Company name").fill(`Fresh ${token}`);
  await page.getByLabel("Delegated Administrator email").fill("dana@example.com, not-an-email");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.locator("#company-da-emails-error")).toHaveText(
    "“not-an-email” is not an email address like name@example.com (at most 254 characters).",
  );
  await expect(page.getByLabel("Company name")).toHaveValue(`Fresh ${token}`);

  await page.getByLabel("Company name").fill(existing.toUpperCase());
  await page.getByLabel("Delegated Administrator email").fill(uniqueEmail("dup"));
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.locator("#company-name-error")).toHaveText(`A company named “${existing.toUpperCase()}” already exists.`);

  // Search finds only the one company; the rejected ones were never created.
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Create company" })).toBeFocused();
  await page.getByLabel("Search by name").fill(token.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("table", { name: "Companies" }).getByRole("link")).toHaveText([existing]);
  await admin.context.close();
});

test("a Delegated Administrator's add-user form explains bad input, and grants only roles they hold", async ({ browser }) => {
  const admin = await asAdmin(browser);
  const name = `Input Co ${stamp()}`;
  const daEmail = uniqueEmail("input.da");
  await createCompany(admin, name, daEmail);
  const da = await newcomer(browser, "Ivy Input", daEmail);
  // A second DA who holds only the Delegated Administrator role.
  const limitedEmail = uniqueEmail("input.limited");
  await (await newcomer(browser, "Lee Limited", limitedEmail)).context.close();
  await addUser(da, limitedEmail, ["Delegated Administrator"]);
  const limited = await signInPerson(browser, limitedEmail);
  const page = limited.page;
  const before = await (await da.request.get("/api/company/members")).text();

  await page.goto("/company/users");
  await expect(page.getByText("You can grant Delegated Administrator: only roles you hold yourself.")).toBeVisible();
  await page.getByLabel("Email").fill("someone@");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("#member-email-error")).toHaveText("Enter an email address like name@example.com.");

  await page.getByLabel("Email").fill(uniqueEmail("norole"));
  await page.getByRole("checkbox", { name: "API Developer", exact: true }).uncheck();
  await page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).uncheck();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("#add-roles-error")).toHaveText(
    "Choose at least one role (Delegated Administrator or API Developer), or remove the member instead.",
  );

  await page.getByLabel("Email").fill(daEmail);
  await page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("#member-email-error")).toHaveText(
    `${daEmail} is already a member of this company. Change their roles on their page instead.`,
  );

  const wanted = uniqueEmail("wanted.dev");
  await page.getByLabel("Email").fill(wanted);
  await page.getByRole("checkbox", { name: "API Developer", exact: true }).check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator("#add-roles-error")).toHaveText(
    "You can grant only roles you hold yourself: API Developer is not yours to grant. You may grant Delegated Administrator.",
  );
  await expect(page.getByLabel("Email")).toHaveValue(wanted);
  expect(await (await da.request.get("/api/company/members")).text()).toBe(before);

  // An email without an account: a pending invitation, said so, listed, and withdrawn.
  await page.getByRole("checkbox", { name: "API Developer", exact: true }).uncheck();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: wanted })).toHaveText(
    `${wanted} has no account yet. The invitation (Delegated Administrator) is pending and takes effect when they sign up with this email and verify it.`,
  );
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending).toContainText(wanted);
  await pending.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was withdrawn" })).toHaveText(`The invitation for ${wanted} was withdrawn.`);
  await expect(page.getByText("No pending invitations.")).toBeVisible();

  // The withdrawn invitation gives nothing to whoever signs up with that email.
  const late = await newcomer(browser, "Late Comer", wanted);
  await expect(late.page.getByText("You are not a member of a company yet")).toBeVisible();
  for (const p of [admin, da, limited, late]) await p.context.close();
});

test("losing API Developer or leaving suspends the member's apps after a confirm step; the DA reassigns or restores them", async ({
  browser,
}) => {
  const admin = await asAdmin(browser);
  const name = `Apps Co ${stamp()}`;
  const daEmail = uniqueEmail("apps.da");
  const companyId = await createCompany(admin, name, daEmail);
  const da = await newcomer(browser, "Dara Apps", daEmail);
  const devEmail = uniqueEmail("apps.dev");
  const leaverEmail = uniqueEmail("apps.leaver");
  await (await newcomer(browser, "Dev Owner", devEmail)).context.close();
  await (await newcomer(browser, "Lea Leaver", leaverEmail)).context.close();
  await addUser(da, devEmail, ["API Developer"]);
  await addUser(da, leaverEmail, ["API Developer"]);
  const dev = await memberByEmail(da, devEmail);
  const leaver = await memberByEmail(da, leaverEmail);
  const s = stamp();
  const [alpha, beta, gamma] = [`Alpha ${s}`, `Beta ${s}`, `Gamma ${s}`];
  await makeApp(testDb(), companyId, dev.user.id, { name: alpha });
  await makeApp(testDb(), companyId, dev.user.id, { name: beta });
  await makeApp(testDb(), companyId, leaver.user.id, { name: gamma });
  const statuses = async () =>
    Object.fromEntries(
      ((await (await da.request.get("/api/company/apps")).json()) as { apps: { name: string; status: string }[] }).apps.map((a) => [
        a.name,
        a.status,
      ]),
    );
  const page = da.page;

  // Taking API Developer away: the confirm step lists the apps, and nothing changes until confirmed.
  await page.goto(`/company/users/${dev.membershipId}`);
  await expect(page.getByRole("list", { name: "Apps owned" })).toContainText(alpha);
  await page.getByRole("checkbox", { name: "API Developer", exact: true }).uncheck();
  await page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).check();
  await page.getByRole("button", { name: "Save roles" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("Taking away API Developer suspends this member's apps in the company.");
  await expect(confirm.getByRole("list", { name: "Apps that would be suspended" }).getByRole("listitem")).toHaveText([
    `${alpha} (active)`,
    `${beta} (active)`,
  ]);
  // The confirm step says what the leaver loses before it happens.
  await expect(confirm).toContainText("every Client Secret of these apps is revoked");
  await expect(confirm).toContainText("every access token and refresh token they were issued stops working");
  await expect(confirm).toContainText("only when you reassign them to another API Developer, who gets a new Client Secret");
  expect(await statuses()).toEqual({ [alpha]: "ACTIVE", [beta]: "ACTIVE", [gamma]: "ACTIVE" });
  await page.getByRole("button", { name: "Confirm and suspend these apps" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Roles saved." })).toHaveText(`Roles saved. Suspended: ${alpha}, ${beta}.`);
  expect(await statuses()).toEqual({ [alpha]: "SUSPENDED", [beta]: "SUSPENDED", [gamma]: "ACTIVE" });

  // Removing a member: the confirm step names their apps.
  await page.goto(`/company/users/${leaver.membershipId}`);
  await page.getByRole("button", { name: "Remove from company" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(`Removing ${leaverEmail} suspends this app of the company:`);
  await expect(page.getByRole("alertdialog").getByRole("listitem")).toHaveText([`${gamma} (active)`]);
  await expect(page.getByRole("alertdialog")).toContainText(`including any copy ${leaverEmail} kept`);
  await expect(page.getByRole("alertdialog")).toContainText("Restore is only for apps you suspended yourself.");
  await page.getByRole("button", { name: "Confirm removal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was removed" })).toHaveText(`${leaverEmail} was removed from ${name}.`);
  await expect(page.getByRole("row").filter({ hasText: leaverEmail })).toHaveCount(0);

  // The company's apps: owners, statuses and reasons; reassign one, restore another.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Apps", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: alpha })).toContainText(`Suspended`);
  await expect(page.getByRole("row").filter({ hasText: alpha })).toContainText(
    `Its owner ${devEmail} no longer holds the API Developer role`,
  );
  await expect(page.getByRole("row").filter({ hasText: gamma })).toContainText(`Its owner ${leaverEmail} was removed from the company`);
  const reassign = page.getByRole("form", { name: `Reassign ${alpha}` });
  await reassign.getByLabel(`New owner of ${alpha}`).selectOption({ label: `Dara Apps (${daEmail})` });
  await reassign.getByRole("button", { name: "Reassign" }).click();
  await expect(reassign.getByRole("status")).toHaveText(
    `${alpha} now belongs to ${daEmail} and is active. A new Client Secret was issued: only the new owner can reveal it.`,
  );
  // A leaver's app comes back only by reassigning it (contract decision): no Restore for it.
  const betaRow = page.getByRole("row").filter({ hasText: beta });
  await expect(betaRow).toContainText("Its owner left: reassign it to bring it back.");
  await expect(betaRow.getByRole("button", { name: "Restore" })).toHaveCount(0);
  // Restore is for an app the DA suspended: suspend alpha, then restore it.
  const status = page.getByRole("form", { name: `Status of ${alpha}` });
  await status.getByRole("button", { name: `Suspend ${alpha}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(status.getByRole("button", { name: "Restore" })).toBeVisible();
  await status.getByRole("button", { name: "Restore" }).click();
  await expect(status.getByRole("status")).toHaveText(`${alpha} is active again.`);
  await expect(status.getByRole("button", { name: `Suspend ${alpha}` })).toBeVisible();
  expect(await statuses()).toEqual({ [alpha]: "ACTIVE", [beta]: "SUSPENDED", [gamma]: "SUSPENDED" });

  // The audit log shows the story, filtered to app events.
  await page.goto("/company/audit");
  await page.getByLabel("Event").fill("app.");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/event=app\./);
  const events = page.getByRole("table", { name: "Audit log entries" }).getByTestId("audit-event");
  await expect(events).toHaveText(["app.restored", "app.suspended", "app.reassigned", "app.suspended", "app.suspended", "app.suspended"]);

  // The developer became a DA above, so this DA may step down; the company's pages are then not theirs.
  const self = await memberByEmail(da, daEmail);
  await page.goto(`/company/users/${self.membershipId}`);
  await page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).uncheck();
  // Two Delegated Administrators: stepping down leaves one, so the dialog asks first.
  await page.getByRole("button", { name: "Save roles" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Company" })).toHaveCount(0);
  for (const p of [admin, da]) await p.context.close();
});

test("the platform administrator suspends and restores a company, decides its APIs and nominates more DAs", async ({ browser }) => {
  const daEmail = uniqueEmail("plat.da");
  const da = await newcomer(browser, "Pia Platform", daEmail);
  const admin = await asAdmin(browser);
  const name = `Platform Co ${stamp()}`;
  await admin.page.goto("/admin/companies");
  await admin.page.getByLabel("Company name").fill(name);
  await admin.page.getByLabel("Delegated Administrator email").fill(daEmail);
  await admin.page.getByRole("button", { name: "Create company" }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: name })).toHaveText(
    `${name} was created. ${daEmail} is now a Delegated Administrator.`,
  );
  const companyId = await companyIdByName(admin, name);

  await da.page.goto("/apis");
  await expect(da.page.getByRole("heading", { name: "Hello API" })).toBeVisible();

  const page = admin.page;
  await page.goto(`/admin/companies/${companyId}`);
  await expect(page.getByRole("list", { name: "Delegated Administrators" })).toContainText(daEmail);
  const hello = page.getByRole("row").filter({ hasText: "Hello API" });
  await hello.getByRole("combobox", { name: "Access to Hello API" }).selectOption("deny");
  await hello.getByRole("button", { name: "Save" }).click();
  await expect(hello.getByRole("status")).toHaveText("Hello API is not allowed for this company now.");
  await da.page.reload();
  await expect(da.page.getByText("No APIs are available to your company yet.")).toBeVisible();
  await hello.getByRole("combobox", { name: "Access to Hello API" }).selectOption("default");
  await hello.getByRole("button", { name: "Save" }).click();
  await expect(hello.getByRole("status")).toHaveText("Hello API follows the catalog default for this company now.");
  await da.page.reload();
  await expect(da.page.getByRole("heading", { name: "Hello API" })).toBeVisible();

  await page.getByRole("button", { name: "Suspend company" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Suspend company" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is suspended" }).first()).toBeVisible();
  await da.page.goto("/apps");
  await expect(
    da.page.getByText(`${name} is suspended by the platform administrator: its apps get no tokens until it is restored.`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Restore company" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Restore company" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} is active again` })).toBeVisible();
  await da.page.reload();
  await expect(da.page.getByText("is suspended by the platform administrator")).toHaveCount(0);

  // More DAs: bad input first, then a nomination that waits for its sign-up, then withdrawn.
  const nominate = page.getByRole("form", { name: "Nominate Delegated Administrators" });
  await nominate.getByLabel("Delegated Administrator email").fill(daEmail);
  await nominate.getByRole("button", { name: "Nominate" }).click();
  await expect(page.locator("#nominate-da-emails-error")).toHaveText(`${daEmail} is already a Delegated Administrator of this company.`);
  const nominee = uniqueEmail("plat.nominee");
  await nominate.getByLabel("Delegated Administrator email").fill(nominee);
  await nominate.getByRole("button", { name: "Nominate" }).click();
  await expect(nominate.getByRole("status")).toContainText(`${nominee} has no account yet`);
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending).toContainText(nominee);
  await pending.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was withdrawn" })).toHaveText(`The invitation for ${nominee} was withdrawn.`);

  // The administrator's audit log of this company.
  await page.getByRole("link", { name: `The whole audit log of ${name}` }).click();
  await expect(page.getByText(`Only entries of ${name}.`)).toBeVisible();
  const events = page.getByRole("table", { name: "Audit log entries" }).getByTestId("audit-event");
  await expect(events.first()).toHaveText("invitation.withdrawn");
  for (const e of [
    "company.restored",
    "company.suspended",
    "company.api_access.changed",
    "invitation.created",
    "role.granted",
    "company.created",
  ]) {
    await expect(events.filter({ hasText: e }).first()).toBeVisible();
  }
  for (const p of [admin, da]) await p.context.close();
});

test("the audit log pages through many entries, newest first, and filters by date", async ({ browser }) => {
  const admin = await asAdmin(browser);
  const name = `Audit Co ${stamp()}`;
  const daEmail = uniqueEmail("audit.da");
  const companyId = await createCompany(admin, name, daEmail);
  const da = await newcomer(browser, "Aud Itor", daEmail);
  await makeAuditEntries(testDb(), {
    companyId,
    count: 60,
    event: "test.seeded",
    actorEmail: "seed@example.com",
    until: new Date("2026-06-15T12:00:00Z"),
  });
  const page = da.page;
  const rows = page.getByRole("table", { name: "Audit log entries" }).getByRole("row");

  await page.goto("/company/audit?event=test.seeded");
  await expect(rows).toHaveCount(51);
  await expect(rows.nth(1)).toContainText("n: 59");
  await expect(rows.nth(50)).toContainText("n: 10");
  await page.getByRole("link", { name: "Older entries" }).click();
  await expect(rows).toHaveCount(11);
  await expect(rows.nth(1)).toContainText("n: 9");
  await expect(rows.nth(10)).toContainText("n: 0");
  await expect(page.getByRole("link", { name: "Older entries" })).toHaveCount(0);
  await expect(page.getByLabel("Event")).toHaveValue("test.seeded");
  await page.getByRole("link", { name: "Newest entries" }).click();
  await expect(rows.nth(1)).toContainText("n: 59");

  await page.getByLabel("From", { exact: true }).fill("2026-06-16");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No entries match.")).toBeVisible();
  await page.getByLabel("From", { exact: true }).fill("2026-06-15");
  await page.getByLabel("To", { exact: true }).fill("2026-06-15");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(51);
  await page.getByLabel("From", { exact: true }).fill("2026-06-16");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.locator("#audit-to-error")).toHaveText("The end date comes before the start date.");

  await page.goto("/company/audit?actor=" + encodeURIComponent(daEmail));
  await expect(rows).toHaveCount(3);
  // Both written by the sign-up's transaction at the same instant: their order between them is arbitrary.
  expect((await rows.getByTestId("audit-event").allTextContents()).sort()).toEqual(["invitation.accepted", "membership.added"]);

  // The administrator sees every company's entries, narrowed by actor.
  await admin.page.goto(`/admin/audit?actor=seed%40example.com&company=${companyId}`);
  await expect(admin.page.getByRole("table", { name: "Audit log entries" }).getByRole("row").nth(1)).toContainText(name);
  for (const p of [admin, da]) await p.context.close();
});
