// Accounts belong to their owners, guessable codes are limited, enrolling is not proving — and flows
// that finish where they started. Each of the first three tests fails against a console where a company
// may reset any member's second factor, /device answers every code at once, or enrolling a factor
// counts as using one.
import { expect as baseExpect, type Page } from "@playwright/test";
import { generate } from "otplib";
import { makeCompany } from "../tests/factories/companies";
import { PASSWORD, unique } from "../tests/factories/constants";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMember, makeUser } from "../tests/factories/people";
import { auditEvents, testDb } from "./fixtures/db";
import { rawPost } from "./fixtures/oauth";
import { signInAs, test } from "./fixtures/test";
import { ADMIN } from "./helpers";
import { actionFieldsOf, replayAction } from "./support/actions";
import { addUser } from "./support/people";

test.describe.configure({ timeout: 240_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const port = Number(process.env.E2E_PORT ?? 3917);
const ORIGIN = `http://127.0.0.1:${port}`;
const DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
const now = () => Math.floor(Date.now() / 1000);

/** A TOTP code `offset` steps from now, made at least 10 s before its step ends (see two-factor.spec.ts). */
async function codeAt(secret: string, offset: number): Promise<string> {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
  return generate({ secret, epoch: now() + offset * 30 });
}

/** Sets up the authenticator app from /account/security (the session is fresh, so no password is asked). */
async function enrolTotp(page: Page): Promise<string> {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  return confirmTotp(page);
}

async function confirmTotp(page: Page): Promise<string> {
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Authentication code").fill(await codeAt(secret, -1));
  await page.getByRole("button", { name: "Verify code" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Authenticator app set up." })).toBeVisible();
  return secret;
}

/** A person of a new company, API Developer there, with a passkey (a second factor) on their account. */
async function strangerWithFactor() {
  const db = testDb();
  const user = await makeUser(db, { name: "Sam Stranger" });
  const company = await makeCompany(db);
  await addMember(db, company.id, user.id, ["API_DEVELOPER"]);
  await db.passkey.create({
    data: { id: unique("pk"), userId: user.id, credentialId: unique("cred"), publicKey: "AQID", name: "Work laptop" },
  });
  return user;
}

test("a DA of another company cannot reset a stranger's second factor, by the UI or by posting the action", async ({ da, admin }) => {
  const stranger = await strangerWithFactor();
  // Add user binds the verified account to the DA's company at once: the membership is the DA's to manage…
  await addUser(da, stranger.email, ["API Developer"]);
  const membership = await testDb().membership.findFirstOrThrow({ where: { companyId: da.companyId, userId: stranger.id } });
  await da.page.goto(`/company/users/${membership.id}`);
  await expect(da.page.getByRole("heading", { name: "Change roles" })).toBeVisible();
  await expect(da.page.getByRole("button", { name: "Remove from company" })).toBeVisible();
  // …but not the account: no reset is offered.
  await expect(da.page.getByRole("button", { name: "Reset second factor" })).toHaveCount(0);

  // Posting the reset action (its fields taken from the platform administrator's page) with the DA's own
  // password is refused by the server, whatever the DA names: the member's id or their email.
  const action = await actionFieldsOf(admin.request, "/admin/security", "Reset second factor");
  for (const target of [{ userId: stranger.id }, { email: stranger.email }] as Record<string, string>[]) {
    await replayAction(
      da.request,
      "/admin/security",
      action,
      { ...target, reason: "They asked me to", password: PASSWORD, returnTo: "/company/users" },
      ORIGIN,
    );
  }
  expect(await testDb().passkey.count({ where: { userId: stranger.id } })).toBe(1);
  expect(await auditEvents(stranger.id, "two_factor.reset")).toHaveLength(0);
  // The same replay by the platform administrator does reach the action and reset (so the refusal above
  // is the action's, not a replay that went nowhere).
  const control = await strangerWithFactor();
  await replayAction(
    admin.request,
    "/admin/security",
    action,
    { email: control.email, reason: "Control case", password: ADMIN.password, returnTo: "/admin/security" },
    ORIGIN,
  );
  expect(await testDb().passkey.count({ where: { userId: control.id } })).toBe(0);

  // The platform administrator can, with a reason and their own password (they have no factor): audited and mailed.
  await admin.page.goto("/admin/security");
  const form = admin.page.getByRole("form", { name: "Reset second factor" });
  await form.getByLabel("Account email").fill(stranger.email);
  await form.getByLabel("Reason").fill("Lost every factor, checked by phone");
  await form.getByLabel("Your password").fill("not-the-password");
  await form.getByRole("button", { name: "Reset second factor" }).click();
  await expect(form.getByRole("alert")).toContainText("not right");
  await form.getByLabel("Your password").fill(ADMIN.password);
  await form.getByRole("button", { name: "Reset second factor" }).click();
  await expect(form.getByRole("status")).toContainText(`The second factors of ${stranger.email} were reset`);
  expect(await testDb().passkey.count({ where: { userId: stranger.id } })).toBe(0);
  const [entry] = await auditEvents(stranger.id, "two_factor.reset");
  expect(entry?.metadata).toMatchObject({ reason: "Lost every factor, checked by phone", by: "platform_admin" });
  const mail = await testDb().outboxMail.findFirstOrThrow({
    where: { toAddress: stranger.email, subject: "Your two-step sign-in was reset" },
  });
  expect(mail.text).toContain(`${ADMIN.email}, the platform administrator, reset your second factors`);
  expect(mail.text).toContain("Lost every factor, checked by phone");
});

test("the 31st device code guess within a minute is refused, the right code then still needs the wait, and the wait grows", async ({
  developer,
}) => {
  const app = await makeOAuthApp(testDb(), {
    grantTypes: [DEVICE],
    redirectUri: null,
    settings: { kind: "device", clientType: "public" },
  });
  const res = await rawPost("/oauth2/device_authorization", new URLSearchParams({ client_id: app.clientId, scope: "hello" }));
  expect(res.status).toBe(200);
  const { user_code: right } = (await res.json()) as { user_code: string };
  const letters = "BCDFGHJKLMNPQRSTVWXZ";
  const wrongCode = (i: number) => {
    const code = `${letters[i % 20]}${letters[Math.floor(i / 20) % 20]}ZZ-ZZZZ`;
    return code === right ? "ZZZZ-ZZZB" : code;
  };
  const lookUp = async (code: string) => (await developer.request.get(`/device?user_code=${encodeURIComponent(code)}`)).text();

  for (let i = 0; i < 30; i++) expect(await lookUp(wrongCode(i)), `guess ${i + 1}`).toContain("That code is not valid");
  expect(await lookUp(wrongCode(30))).toContain("Too many codes were tried");
  // The right code is not looked up either while the wait lasts: no consent is offered.
  await developer.page.goto(`/device?user_code=${right}`);
  await expect(developer.page.getByTestId("device-wait")).toContainText(/Wait (\d+ seconds?|1 minute),/);
  await expect(developer.page.getByRole("button", { name: "Allow" })).toHaveCount(0);
  // Another session of another person at the same time is not held up by this one.
  const other = await makeUser(testDb());
  const otherContext = await developer.page.context().browser()!.newContext();
  await signInAs(otherContext, other);
  const otherPage = await otherContext.newPage();
  await otherPage.goto(`/device?user_code=${right}`);
  await expect(otherPage.getByRole("button", { name: "Allow" })).toBeVisible();
  await otherContext.close();

  // The wait grows, as the person sees it. The minute passes (the lock is ended in the database instead of
  // waiting: without REDIS_URL the limiter keeps its lockouts there); one more wrong code is counted, and
  // the right code then has to wait twice as long as the first time.
  const page = developer.page;
  const typeCode = async (code: string) => {
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
  };
  await expect(page.getByTestId("device-wait")).toContainText("Each wrong code after the wait makes the next wait twice as long");
  await endSessionLocks();
  await typeCode(wrongCode(31));
  await expect(page.getByRole("alert").filter({ hasText: "That code is not valid" })).toBeVisible();
  await typeCode(right);
  await expect(page.getByTestId("device-wait")).toContainText(/Wait (1 minute( \d+ seconds?)?|2 minutes), then try again/);
  await expect(page.getByRole("button", { name: "Allow" })).toHaveCount(0);
  // Once that wait has passed too, the right code opens the consent, and Allow connects the device.
  await endSessionLocks();
  await typeCode(right);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page.getByTestId("device-result")).toContainText("Done: the device is connected.");
});

/** Ends every running /device session lock (this spec is the only one that makes them). */
async function endSessionLocks(): Promise<void> {
  const { count } = await testDb().throttleBucket.updateMany({
    where: { key: { startsWith: "lk:deviceCodeGuessesPerSession:" }, lockedUntil: { gt: new Date() } },
    data: { lockedUntil: new Date(Date.now() - 1000) },
  });
  expect(count).toBe(1);
}

test("enrolling a new factor on a stale session asks for the password first, and does not unlock Reveal", async ({ browser }) => {
  const db = testDb();
  const user = await makeUser(db, { name: "Stella Stale" });
  const company = await makeCompany(db);
  await addMember(db, company.id, user.id, ["API_DEVELOPER"]);
  const app = await makeOAuthApp(db, { grantTypes: ["client_credentials"], companyId: company.id });
  await db.app.update({ where: { id: app.appId }, data: { createdById: user.id } });
  // A session whose password was typed 30 minutes ago (a stolen cookie, say): older than every proof window.
  await db.user.update({ where: { id: user.id }, data: { sessionsValidAfter: new Date(Date.now() - 3600_000) } });
  const context = await browser.newContext();
  await signInAs(context, user, { authAgeSeconds: 1800 });
  const page = await context.newPage();

  await page.goto("/account/security");
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveCount(0);
  expect(await db.totpFactor.count({ where: { userId: user.id } })).toBe(0);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.locator("#recheck-password-error")).toContainText("not right");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/account\/security\?resume=totp$/);
  await expect(page.getByRole("status").filter({ hasText: "Confirmed." })).toBeVisible();
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await confirmTotp(page);
  const added = await db.outboxMail.findFirstOrThrow({
    where: { toAddress: user.email, subject: "A second factor was added to your account" },
  });
  expect(added.kind).toBe("security_notice");

  // The enrolment proved nothing: showing the secret asks for the (new) second factor first.
  await page.goto(`/apps/${app.appId}`);
  await page.getByRole("button", { name: "Reveal Client Secret" }).click();
  await expect(page).toHaveURL(/\/account\/verify\?returnTo=/);
  await expect(page.getByLabel("Authentication code")).toBeVisible();
  expect(await auditEvents(app.appId, "secret.revealed")).toHaveLength(0);
  await context.close();
});

test("step-up for a rotation returns to Settings and finishes the rotation with the grace period chosen", async ({ member }) => {
  const { page, userId, companyId } = await member(["API_DEVELOPER"], { name: "Rota Tion" });
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId });
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: userId } });
  const secret = await enrolTotp(page);

  await page.goto(`/apps/${app.appId}/settings`);
  await page.getByLabel("Previous secret keeps working for").selectOption("72");
  await page.getByRole("button", { name: "Rotate Client Secret" }).click();
  await expect(page.getByRole("heading", { name: "Confirm it is you" })).toBeVisible();
  await page.getByLabel("Authentication code").fill(await codeAt(secret, 0));
  await page.getByRole("button", { name: "Confirm" }).click();
  // Back on Settings, the rotation asked for is done (once), without pressing Rotate again.
  await expect(page.getByText(/A new Client Secret was issued\. The previous one keeps working until/).first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appId}/settings$`));
  expect(await auditEvents(app.appId, "secret.rotated")).toHaveLength(1);
  const previous = await testDb().clientSecret.findFirstOrThrow({ where: { appId: app.appId, expiresAt: { not: null } } });
  const hours = (previous.expiresAt!.getTime() - Date.now()) / 3600_000;
  expect(hours).toBeGreaterThan(71);
  expect(hours).toBeLessThanOrEqual(72);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Rotate the secret" })).toBeVisible();
  expect(await auditEvents(app.appId, "secret.rotated")).toHaveLength(1);
});

test("revoking a personal access token says so in a toast", async ({ developer }) => {
  const token = await testDb().personalAccessToken.create({
    data: {
      id: unique("pat"),
      userId: developer.userId,
      companyId: developer.companyId,
      name: "Release script",
      digest: unique("digest"),
      lastFour: "abcd",
      scopes: ["apps:read"],
      expiresAt: new Date(Date.now() + 86400_000),
    },
  });
  await developer.page.goto("/account/tokens");
  await developer.page.getByRole("button", { name: "Revoke Release script" }).click();
  await expect(developer.page.getByRole("region", { name: "Notifications" })).toContainText("The token “Release script” was revoked.");
  await expect(developer.page.getByRole("button", { name: "Revoke Release script" })).toHaveCount(0);
  expect((await testDb().personalAccessToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).not.toBeNull();
});

test("a DA without a factor who requires two-step sign-in is warned, and lands on set-up with the policy saved", async ({ da }) => {
  const page = da.page;
  await page.goto("/company/security");
  await page.getByLabel("Require two-step sign-in").check();
  await page.getByRole("button", { name: "Save policy" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("You have no second factor yet");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await testDb().companySecurityPolicy.count({ where: { companyId: da.companyId, requireTwoFactor: true } })).toBe(0);

  await page.getByRole("button", { name: "Save policy" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Save and set up mine" }).click();
  await expect(page).toHaveURL(/\/account\/security\?required=1&saved=policy$/);
  await expect(page.getByRole("status").filter({ hasText: "Policy saved:" })).toContainText(`${da.companyName} requires two-step sign-in.`);
  await expect(page.getByRole("button", { name: "Set up authenticator app" })).toBeVisible();
  expect(await testDb().companySecurityPolicy.count({ where: { companyId: da.companyId, requireTwoFactor: true } })).toBe(1);
});

test("a person leaves a company from /account (not as its last DA); the added-to mail says how", async ({ da, member }) => {
  const dev = await member(["API_DEVELOPER"], { name: "Lee Leaver" });
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: da.companyId, name: unique("Leaver app") });
  await addUser(da, dev.email, ["API Developer"]);
  const mail = await testDb().outboxMail.findFirstOrThrow({
    where: { toAddress: dev.email, subject: `You were added to ${da.companyName}` },
  });
  expect(mail.text).toContain("Leave company");
  expect(mail.text).toMatch(/http:\/\/[^\s]+\/account\b/);
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: dev.userId } });

  // The DA is the last Delegated Administrator of their company: no Leave for them there.
  await da.page.goto("/account");
  const daCompanies = da.page.getByRole("list", { name: "Your companies" });
  await expect(daCompanies).toContainText(da.companyName);
  await expect(daCompanies).toContainText("last Delegated Administrator");
  await expect(da.page.getByRole("form", { name: `Leave ${da.companyName}` })).toHaveCount(0);

  await dev.page.goto("/account");
  const list = dev.page.getByRole("list", { name: "Your companies" });
  await expect(list).toContainText(dev.companyName);
  await expect(list).toContainText(da.companyName);
  await dev.page
    .getByRole("form", { name: `Leave ${da.companyName}` })
    .getByRole("button", { name: "Leave company" })
    .click();
  await dev.page.getByRole("alertdialog").getByRole("button", { name: "Leave company" }).click();
  await expect(
    dev.page
      .getByRole("status")
      .filter({ hasText: `You left ${da.companyName}.` })
      .first(),
  ).toBeVisible();
  await expect(dev.page.getByRole("form", { name: `Leave ${da.companyName}` })).toHaveCount(0);
  expect(await testDb().membership.count({ where: { companyId: da.companyId, userId: dev.userId } })).toBe(0);
  const left = await testDb().auditLog.findFirstOrThrow({ where: { event: "membership.left", companyId: da.companyId } });
  expect(left.actorId).toBe(dev.userId);
  // The leaver flow ran: their app in that company is suspended until it is reassigned.
  expect((await testDb().app.findUniqueOrThrow({ where: { id: app.appId } })).suspendedKind).toBe("LEAVER");
});
