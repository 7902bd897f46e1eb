// Accounts people can trust, on the suite's server (no SMTP_URL: mail stays in the outbox):
// a claimed nomination and a squatted address get nothing until verified; a session cookie copied
// before "Sign out" is refused after; /admin/outbox shows the verification mail with its link;
// /account changes the password (ending other sessions) and lists sessions with "Sign out everywhere".
import { expect, test } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { asAdmin } from "./fixtures/test";
import { signIn, signUpUnverified, uniqueEmail, verifyEmailOf } from "./helpers";
import { companyIdByName, createCompany, membersOf, newcomer, signInPerson } from "./support/people";

test("a claimed nomination is refused until the address is verified", async ({ browser }) => {
  const admin = await asAdmin(browser);
  const company = `Claimed Co ${Date.now().toString(36)}`;
  const ceo = uniqueEmail("ceo");
  await createCompany(admin, company, ceo);
  // Someone without the mailbox signs up with the nominated address.
  const context = await browser.newContext();
  const squatter = await context.newPage();
  await signUpUnverified(squatter, { name: "Not The CEO", email: ceo });
  for (const path of ["/company/users", "/apps", "/apps/register", "/company/apps"]) {
    await squatter.goto(path);
    await expect(squatter).toHaveURL(/\/verify-email$/);
  }
  await expect(
    squatter.getByText("no company, invitation or role", { exact: false }).or(squatter.getByText("you cannot join a company")),
  ).toBeVisible();
  const res = await context.request.get("/api/company/members");
  expect([401, 403, 404]).toContain(res.status());
  // The nomination still waits.
  const id = await companyIdByName(admin, company);
  await admin.page.goto(`/admin/companies/${id}`);
  await expect(admin.page.getByRole("list", { name: "Pending invitations" })).toContainText(ceo);
  // The mailbox owner follows the link: now it binds.
  await verifyEmailOf(squatter, ceo);
  await expect(squatter.getByTestId("active-company")).toHaveText(company);
});

test("a squatted address gets no role when a DA adds it", async ({ browser }) => {
  const admin = await asAdmin(browser);
  const company = `Squat Co ${Date.now().toString(36)}`;
  const daEmail = uniqueEmail("squat.da");
  await createCompany(admin, company, daEmail);
  const da = await newcomer(browser, "Dee Admin", daEmail);
  const cfo = uniqueEmail("cfo");
  const context = await browser.newContext();
  const squatter = await context.newPage();
  await signUpUnverified(squatter, { name: "Squatter", email: cfo });
  await da.page.goto("/company/users");
  await da.page.getByLabel("Email").fill(cfo);
  await da.page.getByRole("checkbox", { name: "API Developer", exact: true }).check();
  await da.page.getByRole("button", { name: "Add user" }).click();
  await expect(da.page.getByRole("status").filter({ hasText: cfo })).toContainText("has not verified their email yet");
  expect((await membersOf(da)).some((m) => m.user.email === cfo)).toBe(false);
  await squatter.goto("/apps");
  await expect(squatter).toHaveURL(/\/verify-email$/);
});

test("a session cookie copied before Sign out is refused after it", async ({ browser }) => {
  const email = uniqueEmail("copied");
  const person = await newcomer(browser, "Cody Cookie", email);
  const copied = await person.context.cookies();
  await person.page.getByRole("button", { name: "Sign out" }).click();
  await expect(person.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const page = await thief.newPage();
  await page.goto("/apps");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  const api = await thief.request.get("/api/company/members");
  expect(api.status()).toBe(401);
});

test("without SMTP_URL the outbox shows the verification mail of a new sign-up, with its working link", async ({ browser }) => {
  const email = uniqueEmail("outbox");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpUnverified(page, { name: "Otto Outbox", email });
  const admin = await asAdmin(browser);
  await admin.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(admin.page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await admin.page.goto(`/admin/outbox?to=${encodeURIComponent(email)}`);
  const row = admin.page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Verify your email");
  const link = await row.getByRole("link").getAttribute("href");
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/verify-email\/confirm\?token=apv_/);
  await page.goto(link!);
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  // Anyone else gets the 404 page.
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { name: "Outbox" })).toHaveCount(0);
});

test("/account changes the password, ending the other sessions, and signs out everywhere", async ({ browser }) => {
  const email = uniqueEmail("account");
  const first = await newcomer(browser, "Ann Account", email);
  const second = await signInPerson(browser, email);
  await first.page.goto("/account");
  await expect(first.page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem")).toHaveCount(2);
  await first.page.getByLabel("Current password").fill("not-my-password-at-all");
  await first.page.getByLabel("New password").fill("another-long-password");
  await first.page.getByRole("button", { name: "Change password" }).click();
  await expect(first.page.getByRole("alert").filter({ hasText: "current password is incorrect" })).toBeVisible();
  await first.page.getByLabel("Current password").fill(PASSWORD);
  await first.page.getByLabel("New password").fill("another-long-password");
  await first.page.getByRole("button", { name: "Change password" }).click();
  await expect(first.page.getByRole("status").filter({ hasText: "Your password was changed" })).toBeVisible();
  // The other session is over; this one goes on.
  await second.page.goto("/apps");
  await expect(second.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await first.page.goto("/account");
  await expect(first.page.getByRole("list", { name: "Signed-in sessions" }).getByRole("listitem")).toHaveCount(1);
  // A new session elsewhere, signed out from here with its own "Sign out".
  const third = await browser.newContext();
  const thirdPage = await third.newPage();
  await signIn(thirdPage, email, "another-long-password");
  await first.page.reload();
  const sessions = first.page.getByRole("list", { name: "Signed-in sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await sessions.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(first.page.getByRole("status").filter({ hasText: "That session was signed out" })).toBeVisible();
  await thirdPage.goto("/apps");
  await expect(thirdPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // Sign out everywhere ends this one too.
  await first.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(first.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await first.page.goto("/account");
  await expect(first.page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});
