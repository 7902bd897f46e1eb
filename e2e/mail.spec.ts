// Accounts by mail through a REAL SMTP server: this spec starts an SMTP server in the test process
// (smtp-server + mailparser, port E2E_SMTP_PORT, default 4550) and a second console on the same
// database with SMTP_URL pointing at it (port E2E_MAIL_PORT, default E2E_PORT+2). Playwright reads the mail
// and clicks its links: sign-up then verify, reset, invitation then accept, and the fault test (the
// SMTP server stops, changes are made, it starts again: every mail arrives exactly once).
import { type ChildProcess, spawn } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { makeUser } from "../tests/factories/people";
import { type ReceivedMail, TestSmtpServer } from "../tests/smtp-server";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { ADMIN, signIn, uniqueEmail } from "./helpers";

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 4550);
const port = Number(process.env.E2E_MAIL_PORT ?? Number(process.env.E2E_PORT ?? 3917) + 2);
const base = `http://127.0.0.1:${port}`;
const smtp = new TestSmtpServer(smtpPort);
let server: ChildProcess | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  await smtp.start();
  server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts", "--no-build"], {
    env: {
      ...process.env,
      PORT: String(port),
      CONSOLE_URL: base,
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".tmp/e2e",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      CONSOLE_ADMIN_EMAIL: ADMIN.email,
      CONSOLE_ADMIN_PASSWORD: ADMIN.password,
      NEXT_TELEMETRY_DISABLED: "1",
      CONSOLE_RATE_LIMITS: "signUp=100000/3600,signIn=100000/60",
      SMTP_URL: smtp.url,
      MAIL_FROM: "API Console <console@example.com>",
      // Retries at most 2 s apart, so the fault test does not wait minutes after the server is back.
      MAIL_RETRY_MAX_SECONDS: "2",
      // The main test server runs the housekeeping jobs; a second instance that also ran them (the usage
      // roll-up over the calls earlier specs seeded) competes for SQLite's write lock with this spec's forms.
      CONSOLE_JOBS: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stderr?.on("data", (d: Buffer) => process.stderr.write(`[mail-console] ${d}`));
  // Its error lines (pino, on stdout) too, so a failure here shows the server's side.
  server.stdout?.on("data", (d: Buffer) => {
    for (const line of String(d).split("\n")) if (/"level":"(error|warn)"/.test(line)) process.stderr.write(`[mail-console] ${line}\n`);
  });
  await expect
    .poll(
      async () =>
        fetch(`${base}/api/health`)
          .then((r) => r.status)
          .catch(() => 0),
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(200);
  // Every spec before this one left its mail in the outbox (the main test server has no SMTP_URL): this
  // console delivers that backlog first, oldest first. Wait until it has, so each test below times only its own mail.
  await expect
    .poll(() => testDb().outboxMail.count({ where: { status: { in: ["PENDING", "SENDING"] } } }), {
      timeout: 240_000,
      intervals: [1000],
      message: "the outbox backlog is delivered",
    })
    .toBe(0);
});

test.afterAll(async () => {
  if (server?.pid) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server!.once("exit", resolve));
  }
  await smtp.stop();
});

/** The mail with the subject to the address (waits up to 15 s: mail reaches SMTP within 10 s of the change). */
async function mailTo(address: string, subject: string, count = 1): Promise<ReceivedMail> {
  await expect
    .poll(() => smtp.to(address).filter((m) => m.subject === subject).length, { timeout: 15_000, message: `"${subject}" to ${address}` })
    .toBeGreaterThanOrEqual(count);
  return smtp
    .to(address)
    .filter((m) => m.subject === subject)
    .at(-1)!;
}

/** The absolute link under the console's URL in the text part, also present in the HTML part. */
function linkOf(mail: ReceivedMail, path: string): string {
  const m = mail.text.match(new RegExp(`${base.replace(/[.]/g, "\\.")}${path}[^\\s]*`));
  expect(m, `a ${base}${path} link in the text part`).not.toBeNull();
  const link = m![0];
  expect(mail.html).toContain(link.replaceAll("&", "&amp;"));
  return link;
}

async function pageOn(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: base });
  return context.newPage();
}

async function signUpHere(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
}

test("sign-up, then the mailed link verifies the address", async ({ browser }) => {
  const page = await pageOn(browser);
  const email = uniqueEmail("mail.signup");
  await signUpHere(page, "Mia Mail", email);
  // Not verified yet: no app pages.
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/verify-email$/);
  const mail = await mailTo(email, "Verify your email");
  expect(mail.text).not.toContain(PASSWORD);
  await page.goto(linkOf(mail, "/verify-email/confirm"));
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  // The link works once: a second visit says so.
  await page.goto(linkOf(mail, "/verify-email/confirm"));
  await expect(page.getByRole("alert").filter({ hasText: "invalid, expired or already used" })).toBeVisible();
  const other = await pageOn(browser);
  await other.goto(linkOf(mail, "/verify-email/confirm"));
  await expect(other.getByRole("alert").filter({ hasText: "invalid, expired or already used" })).toBeVisible();
});

test("Forgot password? mails a link that sets a new password, once", async ({ browser }) => {
  const user = await makeUser(testDb(), { name: "Rita Reset" });
  const page = await pageOn(browser);
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  // The sign-in page has an "Email" field too: wait for the reset page before filling.
  await expect(page.getByRole("heading", { name: "Forgot password?" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  const answer = page.getByRole("status").filter({ hasText: "If an account uses that address" });
  await expect(answer).toBeVisible();
  const known = await answer.textContent();
  // The same answer for an address without account, and no mail.
  const unknown = uniqueEmail("nobody.here");
  await page.getByLabel("Email").fill(unknown);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses that address" })).toHaveText(known!);

  const mail = await mailTo(user.email, "Reset your password");
  const link = linkOf(mail, "/reset-password");
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a-new-and-long-password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("a-new-and-long-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "invalid, expired or already used" })).toBeVisible();
  expect(smtp.to(unknown)).toHaveLength(0);
});

test("an invitation by mail names the company and inviter; the invited person signs up, verifies and is in", async ({ browser }) => {
  const admin = await pageOn(browser);
  await signIn(admin, ADMIN.email, ADMIN.password);
  const company = `Mail Co ${Date.now().toString(36)}`;
  const email = uniqueEmail("invited.da");
  await admin.goto("/admin/companies");
  await admin.getByLabel("Company name").fill(company);
  await admin.getByLabel("Delegated Administrator email").fill(email);
  await admin.getByRole("button", { name: "Create company" }).click();
  await expect(admin.getByRole("status").filter({ hasText: `${company} was created.` })).toBeVisible();

  const invitation = await mailTo(email, `You are invited to ${company} on the API Console`);
  expect(invitation.text).toContain(company);
  expect(invitation.text).toContain(ADMIN.email);
  const page = await pageOn(browser);
  await page.goto(linkOf(invitation, "/invitations/"));
  await expect(page.getByRole("heading", { name: `Join ${company}` })).toBeVisible();
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Full name").fill("Ivy Invited");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  // Accepting before verifying is refused.
  await page.goto(linkOf(invitation, "/invitations/"));
  await expect(page.getByRole("alert").filter({ hasText: "Verify your email first" })).toBeVisible();
  await page.goto(linkOf(await mailTo(email, "Verify your email"), "/verify-email/confirm"));
  await expect(page.getByTestId("active-company")).toHaveText(company);
  await page.goto(linkOf(invitation, "/invitations/"));
  await expect(page.getByRole("status")).toContainText("This invitation has already been accepted");
});

test("fault: while the SMTP server is down mail waits; when it is back every mail arrives exactly once", async ({ browser }) => {
  await smtp.stop();
  const page = await pageOn(browser);
  const people = [uniqueEmail("fault.one"), uniqueEmail("fault.two")];
  for (const email of people) {
    await signUpHere(page, "Fay Fault", email);
    await page.context().clearCookies();
  }
  const existing = await makeUser(testDb());
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(existing.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses that address" })).toBeVisible();
  // Give the sender time to try (and fail) at least once.
  await page.waitForTimeout(2500);
  expect(smtp.to(people[0]!)).toHaveLength(0);
  await smtp.start();
  const expected = [...people.map((p) => [p, "Verify your email"]), [existing.email, "Reset your password"]] as const;
  for (const [to, subject] of expected) await mailTo(to, subject);
  // A little longer: nothing arrives twice.
  await page.waitForTimeout(3000);
  for (const [to, subject] of expected) {
    const got = smtp.to(to).filter((m) => m.subject === subject);
    expect(got, `${subject} to ${to}`).toHaveLength(1);
  }
});

test("with SMTP_URL set, the outbox masks action links", async ({ browser }) => {
  const page = await pageOn(browser);
  const email = uniqueEmail("masked");
  await signUpHere(page, "Max Masked", email);
  await mailTo(email, "Verify your email");
  const admin = await pageOn(browser);
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.goto(`/admin/outbox?to=${encodeURIComponent(email)}`);
  const row = admin.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Verify your email");
  await expect(row).toContainText("Hidden (delivered by SMTP)");
  await expect(row.getByRole("link")).toHaveCount(0);
});
