// Passkeys, on the second server at http://localhost:<E2E_PORT + 1> (an IP address cannot be
// a WebAuthn relying party; playwright.config.ts starts that server on the same database). Chromium's
// virtual authenticator (CDP WebAuthn domain) stands in for a phone or a laptop's platform authenticator.
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, type Page, test } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { auditEvents, testDb } from "./fixtures/db";
import { verifyEmailOf } from "./helpers";
import { uniqueEmail } from "./helpers";

// Long journeys (several sign-ins each): more time than the suite's 60 s default.
test.describe.configure({ timeout: 300_000 });
// Signing up and in hashes passwords (Argon2): give each step more than 10 s on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const port = Number(process.env.E2E_PORT ?? 3917);
const ORIGIN = `http://localhost:${Number(process.env.E2E_PASSKEY_PORT ?? port + 1)}`;

async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function signUpAt(page: Page, name: string, email: string) {
  await page.goto(`${ORIGIN}/signup`);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // The address is verified through the mailed link (read from the outbox): unverified accounts get no company.
  await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
  await verifyEmailOf(page, email);
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

test("a passkey is added, used as the second step after the password, and signs in without a password", async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const email = uniqueEmail("passkey");
  await signUpAt(page, "Passkey Person", email);

  await page.goto(`${ORIGIN}/account/security`);
  await expect(page.getByRole("button", { name: "Add a passkey" })).toBeEnabled();
  await page.getByLabel("Passkey name").fill("Virtual laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added." })).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expect(page.getByRole("list", { name: "Your passkeys" })).toContainText("Virtual laptop");
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]!.isResidentCredential).toBe(true);
  // The server action's refresh streams the page's metadata again: axe once the title is back (a CI run
  // caught the page between the two and reported "document-title").
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  expect(await auditEvents(user.id, "two_factor.enrolled")).toHaveLength(1);
  await signOut(page);

  // Second step after the password.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-step sign-in" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await signOut(page);

  // Password-less: the discoverable credential alone.
  await page.getByRole("link", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { name: "Sign in with a passkey" })).toBeVisible();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const passkey = await testDb().passkey.findFirstOrThrow({ where: { userId: user.id } });
  expect(passkey.lastUsedAt).not.toBeNull();

  // Removing it (the sign-in just now counts as a recent second factor) turns two-step sign-in off.
  await page.goto(`${ORIGIN}/account/security`);
  await page.getByRole("button", { name: "Remove passkey Virtual laptop" }).click();
  await expect(page.getByText("Passkey removed.")).toBeVisible();
  expect(await auditEvents(user.id, "two_factor.removed")).toHaveLength(1);
  await signOut(page);
  await page.getByRole("link", { name: "Sign in with a passkey" }).click();
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "could not be verified" })).toBeVisible();
});
