import { expect, type Page, test } from "@playwright/test";
import { isWellFormedClientId, isWellFormedClientSecret } from "../lib/apps/credentials.ts";
import { APP_RULE_TEXT } from "../lib/validation/app-registration.ts";
import { seedApps } from "../tests/factories/apps";
import { makeCompanyFor } from "../tests/factories/companies";
import { PASSWORD } from "../tests/factories/constants";
import { addMember, makeUser } from "../tests/factories/people";
import { appByName, auditEvents, countApps, testDb } from "./fixtures/db";
import { signInAs } from "./fixtures/test";
import { formAlert, signOut } from "./helpers";
import { submitRegistration } from "./support/apps";

let n = 0;
const appName = (label: string) => `${label} ${Date.now().toString(36)}${++n}`;

/** A new API Developer of a new company, signed in on the page. */
async function newDeveloper(page: Page, label = "dev") {
  const user = await makeUser(testDb(), { name: `Dev ${label}` });
  const company = await makeCompanyFor(testDb(), user.email);
  await signInAs(page.context(), user);
  await page.goto("/apps");
  return { email: user.email, userId: user.id, ...company };
}

interface AppForm {
  name: string;
  description?: string;
  grants: string[];
  redirect?: string;
  apis?: string[];
  terms?: boolean;
}

async function fillRegistration(page: Page, app: AppForm) {
  await page.goto("/apps/register");
  await expect(page.getByRole("heading", { name: "Register an Application" })).toBeVisible();
  await page.getByLabel("Name of your application").fill(app.name);
  if (app.description) await page.getByLabel("Application Description").fill(app.description);
  for (const g of app.grants) await page.getByLabel(g, { exact: true }).check();
  if (app.redirect !== undefined) await page.getByLabel("Redirect URL", { exact: true }).fill(app.redirect);
  for (const api of app.apis ?? ["Hello API"]) await page.getByLabel(api, { exact: true }).check();
  if (app.terms ?? true) await page.getByLabel("I agree to the Terms of Service").check();
}

async function register(page: Page, app: AppForm): Promise<{ clientId: string; secret: string; appId: string }> {
  await fillRegistration(page, app);
  return submitRegistration(page);
}

/** Reveals the secret on an app's page, entering the password when asked. */
async function revealSecret(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Reveal Client Secret" }).click();
  const secret = page.getByLabel("Client Secret");
  const password = page.getByLabel("Password");
  await expect(secret.or(password)).toBeVisible();
  if (await password.isVisible()) {
    await password.fill(PASSWORD);
    await page.getByRole("button", { name: "Confirm password" }).click();
  }
  await expect(secret).toBeVisible();
  return secret.inputValue();
}

const KINDS: { kind: string; grants: string[]; redirect?: string; stored: string[] }[] = [
  { kind: "client credentials", grants: ["Client Credentials"], stored: ["client_credentials"] },
  {
    kind: "authorization code with refresh token",
    grants: ["Authorization Code", "Refresh Token"],
    redirect: "https://shop.example.com/oauth/callback",
    stored: ["authorization_code", "refresh_token"],
  },
  { kind: "implicit", grants: ["Implicit"], redirect: "http://127.0.0.1:5173/callback", stored: ["implicit"] },
  {
    kind: "resource owner credentials with refresh token",
    grants: ["Resource Owner Credentials", "Refresh Token"],
    stored: ["password", "refresh_token"],
  },
];

for (const k of KINDS) {
  test(`a developer registers a ${k.kind} app and sees its credentials`, async ({ page }) => {
    const { companyId } = await newDeveloper(page, "kind");
    const name = appName(k.kind);
    const { clientId, secret, appId } = await register(page, {
      name,
      grants: k.grants,
      redirect: k.redirect,
      description: "Made by a test",
    });
    expect(isWellFormedClientId(clientId)).toBe(true);
    expect(isWellFormedClientSecret(secret)).toBe(true);
    // Masked until shown; the value is the secret all along.
    await expect(page.getByLabel("Client Secret")).toHaveAttribute("type", "password");
    await page.getByRole("button", { name: "Show Client Secret" }).click();
    await expect(page.getByLabel("Client Secret")).toHaveAttribute("type", "text");
    await expect(page.getByLabel("Client ID")).not.toBeEditable();
    await expect(page.getByTestId("app-name")).toHaveText(name);
    await expect(page.getByTestId("app-apis")).toHaveText("Hello API");
    await expect(page.getByTestId("app-status").first()).toHaveText("Active");
    await expect(page.getByText(/just now|seconds? ago/).first()).toBeVisible();

    const row = await appByName(companyId, name);
    expect(row?.id).toBe(appId);
    expect(row?.grantTypes).toEqual(k.stored);
    expect(row?.redirectUri).toBe(k.redirect ?? null);
    expect(row?.termsVersion).toBe("2026-11-01");
    expect((await auditEvents(appId, "app.registered")).length).toBe(1);

    await page.getByRole("link", { name: "My Applications" }).click();
    await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
    const link = page.getByRole("link", { name });
    await expect(link).toHaveAttribute("href", `/apps/${appId}`);
    const listed = page.getByRole("row").filter({ has: link });
    await expect(listed).toContainText("Active");
    await expect(listed).toContainText(k.grants.join(", "));
    await expect(listed).toContainText("Hello API");
    await expect(listed.locator("time")).toHaveText(/^(just now|\d+ seconds? ago)$/);
    await expect(listed.locator("time")).toHaveAttribute("title", /UTC$/);

    // The app's own page shows the same credentials again (after the password, when asked).
    await link.click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByLabel("Client ID")).toHaveValue(clientId);
    expect(await revealSecret(page)).toBe(secret);
  });
}

test("the form refuses every broken rule in the browser, at its field, and saves nothing", async ({ page }) => {
  const { companyId } = await newDeveloper(page, "rules");
  await page.goto("/apps/register");
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(formAlert(page)).toContainText("Some fields need attention.");
  // The summary lists and links each field with an error.
  await expect(formAlert(page).getByRole("link")).toHaveText([
    "Name of your application",
    "Grant types",
    "APIs",
    "I agree to the Terms of Service",
  ]);
  await expect(formAlert(page).getByRole("link", { name: "Name of your application" })).toHaveAttribute("href", "#app-name");
  await expect(page.locator("#app-name-error")).toHaveText(APP_RULE_TEXT.nameRequired);
  await expect(page.locator("#grantTypes-error")).toHaveText(APP_RULE_TEXT.grantTypeRequired);
  await expect(page.locator("#apiIds-error")).toHaveText(APP_RULE_TEXT.apiRequired);
  await expect(page.locator("#acceptTerms-error")).toHaveText(APP_RULE_TEXT.termsRequired);
  await expect(page.getByLabel("Name of your application")).toBeFocused();
  await expect(page.getByLabel("Name of your application")).toHaveAttribute("aria-describedby", /app-name-error/);

  const cases: [AppForm, string, string][] = [
    [{ name: "x", grants: ["Refresh Token"] }, "#grantTypes-error", APP_RULE_TEXT.refreshAlone],
    [{ name: "x", grants: ["Client Credentials", "Refresh Token"] }, "#grantTypes-error", APP_RULE_TEXT.refreshAlone],
    [{ name: "x", grants: ["Authorization Code"] }, "#app-redirect-uri-error", APP_RULE_TEXT.redirectRequired],
    [{ name: "x", grants: ["Implicit"], redirect: "http://spa.example.com/cb" }, "#app-redirect-uri-error", APP_RULE_TEXT.redirectScheme],
    [
      { name: "x", grants: ["Implicit"], redirect: "https://spa.example.com/cb#x" },
      "#app-redirect-uri-error",
      APP_RULE_TEXT.redirectFragment,
    ],
    [
      { name: "x", grants: ["Authorization Code"], redirect: "https://*.example.com/cb" },
      "#app-redirect-uri-error",
      APP_RULE_TEXT.redirectWildcard,
    ],
    [{ name: "x", grants: ["Authorization Code"], redirect: "/callback" }, "#app-redirect-uri-error", APP_RULE_TEXT.redirectAbsolute],
    [
      { name: "x", grants: ["Client Credentials"], redirect: "https://x.example.com/cb" },
      "#app-redirect-uri-error",
      APP_RULE_TEXT.redirectNotUsed,
    ],
    [{ name: "x", grants: ["Client Credentials"], apis: [] }, "#apiIds-error", APP_RULE_TEXT.apiRequired],
    [{ name: "x", grants: ["Client Credentials"], terms: false }, "#acceptTerms-error", APP_RULE_TEXT.termsRequired],
  ];
  for (const [form, errorAt, message] of cases) {
    await fillRegistration(page, form);
    await page.getByRole("button", { name: "Register Application" }).click();
    await expect(page.locator(errorAt)).toHaveText(message);
    await expect(page).toHaveURL(/\/apps\/register$/);
  }
  expect(await countApps(companyId)).toBe(0);
});

test("the server refuses every broken rule with the browser's checks bypassed (JavaScript off), and saves nothing", async ({
  page,
  browser,
}) => {
  const { companyId } = await newDeveloper(page, "server");
  const taken = appName("Taken");
  await register(page, { name: taken, grants: ["Client Credentials"] });
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const raw = await noScript.newPage();
  const cases: [AppForm, string, string][] = [
    [{ name: "", grants: ["Client Credentials"] }, "#app-name-error", APP_RULE_TEXT.nameRequired],
    [{ name: taken.toUpperCase(), grants: ["Client Credentials"] }, "#app-name-error", APP_RULE_TEXT.nameTaken],
    [{ name: "y", grants: [] }, "#grantTypes-error", APP_RULE_TEXT.grantTypeRequired],
    [{ name: "y", grants: ["Refresh Token"] }, "#grantTypes-error", APP_RULE_TEXT.refreshAlone],
    [
      { name: "y", grants: ["Implicit", "Refresh Token"], redirect: "https://spa.example.com/cb" },
      "#grantTypes-error",
      APP_RULE_TEXT.refreshAlone,
    ],
    [{ name: "y", grants: ["Authorization Code"] }, "#app-redirect-uri-error", APP_RULE_TEXT.redirectRequired],
    [
      { name: "y", grants: ["Authorization Code"], redirect: "http://web.example.com/cb" },
      "#app-redirect-uri-error",
      APP_RULE_TEXT.redirectScheme,
    ],
    [
      { name: "y", grants: ["Implicit"], redirect: "https://spa.example.com/cb#t" },
      "#app-redirect-uri-error",
      APP_RULE_TEXT.redirectFragment,
    ],
    [{ name: "y", grants: ["Implicit"], redirect: "https://*.example.com/" }, "#app-redirect-uri-error", APP_RULE_TEXT.redirectWildcard],
    [
      { name: "y", grants: ["Client Credentials"], redirect: "https://x.example.com/cb" },
      "#app-redirect-uri-error",
      APP_RULE_TEXT.redirectNotUsed,
    ],
    [{ name: "y", grants: ["Client Credentials"], apis: [] }, "#apiIds-error", APP_RULE_TEXT.apiRequired],
    [{ name: "y", grants: ["Client Credentials"], terms: false }, "#acceptTerms-error", APP_RULE_TEXT.termsRequired],
  ];
  for (const [form, errorAt, message] of cases) {
    await fillRegistration(raw, form);
    await raw.getByRole("button", { name: "Register Application" }).click();
    await expect(raw.locator(errorAt), JSON.stringify(form)).toHaveText(message);
    // The answer keeps what was typed and ticked.
    await expect(raw.getByLabel("Name of your application")).toHaveValue(form.name);
    for (const g of form.grants) await expect(raw.getByLabel(g, { exact: true })).toBeChecked();
  }
  await noScript.close();

  // A tampered API choice (an id the company may not use) is refused at the APIs.
  await fillRegistration(page, { name: appName("Tampered"), grants: ["Client Credentials"] });
  await page.getByLabel("Hello API", { exact: true }).evaluate((el) => el.setAttribute("value", "api_notallowed000000000"));
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(page.locator("#apiIds-error")).toHaveText(APP_RULE_TEXT.apiUnknown);
  expect(await countApps(companyId)).toBe(1);
});

test("showing the secret again asks for the password after the window, and every reveal is audited", async ({ page }) => {
  await newDeveloper(page, "reauth");
  const { appId, secret } = await register(page, { name: appName("Reauth"), grants: ["Client Credentials"] });
  await page.goto(`/apps/${appId}`);
  // The e2e server counts a sign-in as recent for 1 s (CONSOLE_REAUTH_WINDOW_SECONDS); let it pass.
  await page.waitForTimeout(2100);
  await page.getByRole("button", { name: "Reveal Client Secret" }).click();
  await expect(page.getByText("enter your password again to see the Client Secret")).toBeVisible();
  await expect(page.getByLabel("Client Secret")).toHaveCount(0);
  await page.getByLabel("Password").fill("not-my-password-123");
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.locator("#reauth-password-error")).toHaveText("That password is not right.");
  await expect(page.getByLabel("Client Secret")).toHaveCount(0);
  expect(await auditEvents(appId, "secret.revealed")).toHaveLength(0);

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Confirm password" }).click();
  await expect(page.getByLabel("Client Secret")).toHaveValue(secret);
  const audits = await auditEvents(appId, "secret.revealed");
  expect(audits).toHaveLength(1);
  expect(JSON.stringify(audits[0]!.metadata)).not.toContain(secret);
  await page.goto(`/apps/${appId}/activity`);
  await expect(page.getByTestId("app-activity")).toContainText("revealed the secret of");
  await expect(page.getByTestId("app-activity")).toContainText("secret.revealed");
  // The secret is not in the page until it is asked for.
  expect(await page.content()).not.toContain(secret);
});

test("the developer edits, rotates, deactivates, reactivates and deletes an app", async ({ page }) => {
  const { companyId } = await newDeveloper(page, "manage");
  const name = appName("Managed");
  const { appId, secret, clientId } = await register(page, {
    name,
    grants: ["Authorization Code", "Refresh Token"],
    redirect: "https://web.example.com/cb",
  });
  await page.goto(`/apps/${appId}/settings`);
  // Only name, description and APIs can change.
  const edit = page.getByRole("region", { name: "Edit application" });
  await expect(edit.getByLabel("Redirect URL", { exact: true })).toHaveCount(0);
  await expect(edit.getByLabel("Authorization Code")).toHaveCount(0);
  const renamed = `${name} v2`;
  await edit.getByLabel("Name of your application").fill(renamed);
  await edit.getByLabel("Application Description").fill("Now described");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { name: renamed })).toBeVisible();
  await edit.getByLabel("Hello API").uncheck();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.locator("#edit-apiIds-error")).toHaveText(APP_RULE_TEXT.apiRequired);

  // Rotation: a new secret, the old one's end shown.
  const rotate = page.getByRole("region", { name: "Rotate the secret" });
  await expect(rotate.getByLabel("Previous secret keeps working for")).toHaveValue("24");
  await rotate.getByRole("button", { name: "Rotate Client Secret" }).click();
  await expect(rotate.getByText(/A new Client Secret was issued\. The previous one keeps working until .+ UTC\./)).toBeVisible();
  await expect(page.getByTestId("previous-secret")).toContainText(`ending in ${secret.slice(-4)} keeps working until`);
  await page.getByRole("navigation", { name: "Application sections" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByTestId("previous-secret")).toContainText(`ending in ${secret.slice(-4)} keeps working until`);
  const fresh = await revealSecret(page);
  expect(fresh).not.toBe(secret);
  expect(isWellFormedClientSecret(fresh)).toBe(true);
  await expect(page.getByLabel("Client ID")).toHaveValue(clientId);

  // Deactivate (confirmed in a dialog) and reactivate.
  await page.getByRole("navigation", { name: "Application sections" }).getByRole("link", { name: "Danger zone" }).click();
  await page.getByRole("button", { name: "Deactivate application" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Deactivate application" }).click();
  await expect(page.getByRole("heading", { name: renamed }).locator("..").getByTestId("app-status")).toHaveText("Inactive");
  await expect(page.getByRole("status").filter({ hasText: "this app gets no tokens" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Reactivate application" }).click();
  await expect(page.getByRole("heading", { name: renamed }).locator("..").getByTestId("app-status")).toHaveText("Active");

  // Delete: the name must be typed.
  const del = page.getByRole("region", { name: "Delete application" });
  await del.getByLabel(/Type the application's name/).fill("not the name");
  await del.getByRole("button", { name: "Delete application" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete application" }).click();
  await expect(del.locator("#delete-confirm-error")).toHaveText("Type the application's name exactly as shown to delete it.");
  expect(await countApps(companyId)).toBe(1);
  await del.getByLabel(/Type the application's name/).fill(renamed);
  await del.getByRole("button", { name: "Delete application" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete application" }).click();
  await expect(page).toHaveURL(/\/apps\?deleted=1$/);
  await expect(page.getByText("No applications yet")).toBeVisible();
  expect(await countApps(companyId)).toBe(0);
  const events = (await auditEvents(appId)).map((e) => e.event);
  for (const e of [
    "app.registered",
    "app.updated",
    "secret.rotated",
    "secret.revealed",
    "app.deactivated",
    "app.reactivated",
    "app.deleted",
  ]) {
    expect(events).toContain(e);
  }
  const gone = await page.goto(`/apps/${appId}`);
  expect(gone?.status()).toBe(404);
});

test("another company's app answers 404; a colleague does not see it; the administrator sees it without its secret", async ({ page }) => {
  const owner = await newDeveloper(page, "owner");
  const name = appName("Private");
  const { appId } = await register(page, { name, grants: ["Client Credentials"] });
  await signOut(page);

  await newDeveloper(page, "stranger");
  let res = await page.goto(`/apps/${appId}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await signOut(page);

  const colleague = await makeUser(testDb(), { name: "Colleague" });
  await addMember(testDb(), owner.companyId, colleague.id, ["API_DEVELOPER"]);
  await signInAs(page.context(), colleague);
  res = await page.goto(`/apps/${appId}`);
  expect(res?.status()).toBe(404);
  await page.goto("/apps");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await signOut(page);

  const da = await makeUser(testDb(), { name: "Dee Admin" });
  await addMember(testDb(), owner.companyId, da.id, ["DELEGATED_ADMIN"]);
  await signInAs(page.context(), da);
  await page.goto("/apps");
  await expect(page.getByRole("link", { name: "Register a New App" })).toHaveCount(0);
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Only the developer who registered this app can see its Client Secret.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Reveal Client Secret" })).toHaveCount(0);
  const sections = page.getByRole("navigation", { name: "Application sections" });
  await expect(sections.getByRole("link", { name: "Settings" })).toHaveCount(0);
  expect((await page.goto(`/apps/${appId}/settings`))?.status()).toBe(404);
  await page.goto(`/apps/${appId}/danger`);
  await expect(page.getByRole("region", { name: "Edit application" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Delete application" })).toHaveCount(0);
  await page.getByRole("button", { name: "Deactivate application" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Deactivate application" }).click();
  await expect(page.getByRole("button", { name: "Reactivate application" })).toBeVisible();
  const deactivated = await auditEvents(appId, "app.deactivated");
  expect(deactivated.map((e) => e.actorEmail)).toEqual([da.email]);
  await signOut(page);
  await signInAs(page.context(), { id: owner.userId });
  await page.goto("/apps");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Inactive");
});

test("My Applications pages through many apps and searches them by name", async ({ page }) => {
  const dev = await newDeveloper(page, "many");
  await expect(page.getByText("No applications yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Register a New App" })).toHaveAttribute("href", "/apps/register");
  await seedApps(testDb(), dev.companyId, dev.userId, 25, "Bulk");
  await seedApps(testDb(), dev.companyId, dev.userId, 3, "Special");
  await page.goto("/apps");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(20);
  await expect(page.getByText("28 applications")).toBeVisible();
  await expect(rows.first()).toContainText("Special 002");
  await page.getByRole("link", { name: "Older applications" }).click();
  await expect(rows).toHaveCount(8);
  await expect(rows.last()).toContainText("Bulk 000");
  await expect(page.getByRole("link", { name: "Older applications" })).toHaveCount(0);
  await page.getByRole("link", { name: "Newer applications" }).click();
  await expect(rows).toHaveCount(20);
  await expect(rows.first()).toContainText("Special 002");
  await expect(page.getByRole("link", { name: "Newer applications" })).toHaveCount(0);

  await page.getByLabel("Search applications").fill("SPECIAL");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByText("3 applications matching “special”")).toBeVisible();
  await page.getByLabel("Search applications").fill("nothing like this");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No applications match “nothing like this”.")).toBeVisible();
});

test("people without the API Developer role are told how to get it, and the terms are one click away", async ({ page }) => {
  await signInAs(page.context(), await makeUser(testDb(), { name: "No Role" }));
  await page.goto("/apps/register");
  await expect(page.getByText("Only API Developers of a company register applications.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Register Application" })).toHaveCount(0);
  await signOut(page);

  await newDeveloper(page, "terms");
  await page.goto("/apps/register");
  const [terms] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("link", { name: "Read the Terms of Service" }).click(),
  ]);
  await expect(terms.getByRole("heading", { name: "API Console Terms of Service" })).toBeVisible();
  await expect(terms.getByTestId("terms-version")).toContainText("Version 2026-11-01 (current)");
  await terms.close();
});
