// Two-step sign-in on the usual server (http://127.0.0.1:PORT): the authenticator app
// (codes computed here from the key the page shows, with otplib), recovery codes, trusting a browser,
// step-up before showing a Client Secret, the password grant refused, a company's policy, the platform
// administrator's reset (and the member's mail about it), and axe on the new pages. Passkeys: two-factor-passkeys.spec.ts.
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { makeCompanyFor } from "../tests/factories/companies";
import { PASSWORD } from "../tests/factories/constants";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMemberByEmail } from "../tests/factories/people";
import { auditEvents, testDb } from "./fixtures/db";
import { oauthError, passwordToken } from "./fixtures/oauth";
import { asAdmin, test } from "./fixtures/test";
import { verifyEmailOf } from "./helpers";
import { ADMIN, formAlert, uniqueEmail } from "./helpers";

// Long journeys (several sign-ins each): more time than the suite's 60 s default.
test.describe.configure({ timeout: 300_000 });
// Signing up and in hashes passwords (Argon2): give each step more than 10 s on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const now = () => Math.floor(Date.now() / 1000);
/**
 * A code of the time step `offset` steps from now: each sign-in needs a step not used before. A code is
 * made at least 10 s before its step ends, so that a code of the step before (offset -1, accepted as
 * clock drift) is still within the server's one-step tolerance when the server checks it.
 */
async function codeAt(secret: string, offset: number): Promise<string> {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
  return generate({ secret, epoch: now() + offset * 30 });
}

async function signUp(page: Page, opts: { name: string; email: string }) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(opts.name);
  await page.getByLabel("Email").fill(opts.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // The address is verified through the mailed link (read from the outbox): unverified accounts get no company.
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await verifyEmailOf(page, opts.email);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

async function expectNoSeriousAxeViolations(page: Page) {
  // After a client-side navigation (a server action's redirect) Next.js sets the new page's <title> a
  // moment after its content: wait for it, so axe sees the page as it settles.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Sets up the authenticator app on /account/security; returns the key and the recovery codes shown once. */
async function enrolTotp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify code" }).click();
  await expect(page.locator("#totp-code-error")).toContainText("not right");
  await page.getByLabel("Authentication code").fill(await codeAt(secret, -1));
  await page.getByRole("button", { name: "Verify code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Authenticator app set up." })).toBeVisible();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
  await expect(page.getByText("An authenticator app is set up.")).toBeVisible();
  return { secret, recoveryCodes };
}

async function passwordStep(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function secondStep(page: Page, code: string, opts: { trust?: boolean } = {}) {
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(code);
  if (opts.trust) await page.getByLabel("Trust this browser for 30 days").check();
  await page.getByRole("button", { name: "Verify" }).click();
}

test("TOTP: enrol from /account/security, then signing in asks for a code; a wrong or replayed code is refused", async ({ page }) => {
  const email = uniqueEmail("totp");
  await signUp(page, { name: "Totp Person", email });
  await expect(page.getByRole("link", { name: "Security" })).toHaveAttribute("href", "/account/security");
  const { secret } = await enrolTotp(page);
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  expect(await auditEvents(user.id, "two_factor.enrolled")).toHaveLength(1);
  await signOut(page);

  await passwordStep(page, email);
  // No session yet: console pages still send the browser to sign in.
  await expect(page).toHaveURL(/\/signin\/two-step$/);
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.goto("/signin/two-step");
  await secondStep(page, "123456");
  await expect(formAlert(page)).toContainText("That code is not right.");
  const code = await codeAt(secret, 0);
  await secondStep(page, code);
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await signOut(page);

  // The same code again (same time step) is a replay.
  await passwordStep(page, email);
  await secondStep(page, code);
  await expect(formAlert(page)).toContainText("That code is not right.");
  expect((await auditEvents(user.id, "two_factor.challenge_failed")).length).toBeGreaterThanOrEqual(2);
  await secondStep(page, await codeAt(secret, 1));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("recovery codes: one works once and is refused the second time; trusting a browser skips the step until revoked", async ({ page }) => {
  const email = uniqueEmail("recovery");
  await signUp(page, { name: "Recovery Person", email });
  const { recoveryCodes } = await enrolTotp(page);
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  // Only digests are stored.
  const stored = await testDb().recoveryCode.findMany({ where: { userId: user.id } });
  expect(stored).toHaveLength(10);
  for (const row of stored) expect(recoveryCodes.some((c) => row.codeDigest.includes(c.replace("-", "")))).toBe(false);
  await signOut(page);

  await passwordStep(page, email);
  await secondStep(page, recoveryCodes[0]!);
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  expect(await auditEvents(user.id, "two_factor.recovery_code_used")).toHaveLength(1);
  await signOut(page);

  await passwordStep(page, email);
  await secondStep(page, recoveryCodes[0]!);
  await expect(formAlert(page)).toContainText("That code is not right.");
  await secondStep(page, recoveryCodes[1]!, { trust: true });
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await signOut(page);

  // Trusted: the password alone signs in from this browser.
  await passwordStep(page, email);
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByText("8 unused recovery codes left.")).toBeVisible();
  await page.getByRole("button", { name: "Revoke all trusted browsers" }).click();
  await expect(page.getByText("Trust revoked")).toBeVisible();
  await signOut(page);
  await passwordStep(page, email);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
});

test("step-up: showing a Client Secret needs a recent second factor; the password grant refuses an enrolled person", async ({ member }) => {
  const { page, email, companyId } = await member(["API_DEVELOPER"], { name: "Step Up" });
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials", "password"], companyId });
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: user.id } });
  // Before enrolling, the password grant works for this person.
  expect((await passwordToken(app, email, PASSWORD)).access_token).toBeTruthy();

  const { secret } = await enrolTotp(page);
  expect(await oauthError(passwordToken(app, email, PASSWORD))).toMatchObject({ error: "invalid_grant", status: 400 });

  // Enrolling is no proof: showing the secret asks for the new factor.
  await page.goto(`/apps/${app.appId}`);
  await page.getByRole("button", { name: "Reveal Client Secret" }).click();
  await expect(page).toHaveURL(new RegExp(`/account/verify\\?returnTo=%2Fapps%2F${app.appId}`));
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(formAlert(page)).toContainText("That code is not right.");
  await page.getByLabel("Authentication code").fill(await codeAt(secret, 0));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appId}$`));
  await page.getByRole("button", { name: "Reveal Client Secret" }).click();
  await expect(page.getByLabel("Client Secret")).toHaveValue(app.clientSecret);
  expect(await auditEvents(app.appId, "secret.revealed")).toHaveLength(1);
});

test("company policy: an unenrolled member is sent to enrol first; the platform administrator resets a member's factor; pages pass axe", async ({
  browser,
}) => {
  const daEmail = uniqueEmail("policy.da");
  const devEmail = uniqueEmail("policy.dev");
  const daContext = await browser.newContext();
  const da = await daContext.newPage();
  await signUp(da, { name: "Policy Admin", email: daEmail });
  const devContext = await browser.newContext();
  const dev = await devContext.newPage();
  await signUp(dev, { name: "Policy Dev", email: devEmail });
  const { companyId } = await makeCompanyFor(testDb(), daEmail, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  await addMemberByEmail(testDb(), companyId, devEmail, ["API_DEVELOPER"]);
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId });

  // The DA must enrol before requiring it (the policy applies to them too).
  await enrolTotp(da);
  await da.goto("/company/security");
  await expect(da.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expectNoSeriousAxeViolations(da);
  await da.getByLabel("Require two-step sign-in").check();
  await da.getByRole("button", { name: "Save policy" }).click();
  await expect(da.getByRole("status").filter({ hasText: "now requires two-step sign-in" })).toBeVisible();
  expect(await auditEvents(companyId, "company.two_factor_policy_changed")).toHaveLength(1);

  // The member is sent to /account/security from any console page.
  await dev.goto("/apps");
  await expect(dev).toHaveURL(/\/account\/security\?required=1$/);
  await expect(formAlert(dev)).toContainText("requires two-step sign-in");
  await expect(dev.getByRole("button", { name: "Add a passkey" })).toBeDisabled();
  await expect(dev.getByText("Passkeys need a host name")).toBeVisible();
  await expectNoSeriousAxeViolations(dev);
  // Their apps keep working meanwhile.
  const tokenResponse = await dev.request.post("/oauth2/token", {
    form: { grant_type: "client_credentials" },
    headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}` },
  });
  expect(tokenResponse.status()).toBe(200);
  await enrolTotp(dev);
  await dev.goto("/apps");
  await expect(dev.getByRole("heading", { name: "My Applications" })).toBeVisible();

  // A company's power ends at the membership: its DA is not offered a reset of the member's factor. The
  // platform administrator resets it (with a reason and their own password): the member must enrol again.
  const devUser = await testDb().user.findUniqueOrThrow({ where: { email: devEmail } });
  const membership = await testDb().membership.findFirstOrThrow({ where: { companyId, userId: devUser.id } });
  await da.goto(`/company/users/${membership.id}`);
  await expect(da.getByRole("heading", { name: "Change roles" })).toBeVisible();
  await expect(da.getByRole("button", { name: "Reset second factor" })).toHaveCount(0);
  const admin = await asAdmin(browser);
  await admin.page.goto("/admin/security");
  await admin.page.getByLabel("Account email").fill(devEmail);
  await admin.page.getByLabel("Reason").fill("Lost phone, confirmed by their DA");
  await admin.page.getByLabel("Your password").fill(ADMIN.password);
  await admin.page.getByRole("button", { name: "Reset second factor" }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: "were reset" })).toBeVisible();
  await admin.context.close();
  expect(await auditEvents(devUser.id, "two_factor.reset")).toHaveLength(1);
  // The member is told by mail (a security notice in the outbox, written with the reset), naming who did it
  // and why, and linking to where they set a factor up again.
  const mail = await testDb().outboxMail.findFirstOrThrow({ where: { toAddress: devEmail, subject: "Your two-step sign-in was reset" } });
  expect(mail.kind).toBe("security_notice");
  expect(mail.text).toContain(`${ADMIN.email}, the platform administrator,`);
  expect(mail.text).toContain("Lost phone, confirmed by their DA");
  expect(mail.text).toMatch(/http:\/\/[^\s]+\/account\/security/);
  await dev.goto("/apps");
  await expect(dev).toHaveURL(/\/account\/security\?required=1$/);
  await daContext.close();
  await devContext.close();
});

test("the second step and the security page pass axe", async ({ page }) => {
  const email = uniqueEmail("axe.2fa");
  await signUp(page, { name: "Axe Two Step", email });
  await page.goto("/account/security");
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByTestId("totp-secret")).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Authentication code").fill(await codeAt(secret, 0));
  await page.getByRole("button", { name: "Verify code" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await signOut(page);
  await passwordStep(page, email);
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});
