// The app shell: every role reaches every page of theirs through links from where they
// land, and no page scrolls sideways at 375 px; "My Apps & Keys" and "Sign out" without a menu at
// ≥ 768 px; each action that stops tokens or removes access is refused until confirmed (nothing
// changes and no audit entry is written after Cancel); dialogs trap and return the focus; the app
// page's tabs each have an address; the drawer on a phone; public/ files.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { makeCompanyFor } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMember, addMemberByEmail, makeUser } from "../tests/factories/people";
import { authorizeInBrowser, authorizeUrl, serveClientRedirects } from "./fixtures/authorize";
import { testDb } from "./fixtures/db";
import { signInAs } from "./fixtures/test";
import { ADMIN, expectServed, signIn } from "./helpers";
import { crawl } from "./support/crawl";

interface World {
  devEmail: string;
  daEmail: string;
  lonelyDaEmail: string;
  companyId: string;
  companyName: string;
  appId: string;
  appName: string;
  membershipId: string;
}

let world: World | undefined;

/** A company with a DA (who is also an API Developer), a developer owning an app, and a DA of a company without apps. */
async function setUp(_page: Page): Promise<World> {
  if (world) return world;
  const { email: devEmail } = await makeUser(testDb(), { name: "Shell Developer" });
  const { email: daEmail } = await makeUser(testDb(), { name: "Shell Admin" });
  const { email: lonelyDaEmail } = await makeUser(testDb(), { name: "Lonely Admin" });
  const { companyId, companyName } = await makeCompanyFor(testDb(), devEmail, ["API_DEVELOPER"]);
  await addMemberByEmail(testDb(), companyId, daEmail, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  await makeCompanyFor(testDb(), lonelyDaEmail, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const db = testDb();
  const dev = await db.user.findUniqueOrThrow({ where: { email: devEmail } });
  const appName = `Shell App ${Date.now().toString(36)}`;
  const app = await makeOAuthApp(testDb(), {
    grantTypes: ["authorization_code", "client_credentials", "refresh_token"],
    companyId,
    name: appName,
  });
  await db.app.update({ where: { id: app.appId }, data: { createdById: dev.id } });
  const membership = await db.membership.findFirstOrThrow({ where: { companyId, userId: dev.id } });
  world = { devEmail, daEmail, lonelyDaEmail, companyId, companyName, appId: app.appId, appName, membershipId: membership.id };
  return world;
}

/** Signs the page in as the person (session cookie, no form) and opens their landing page. */
async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await signInAs(page.context(), await testDb().user.findUniqueOrThrow({ where: { email } }));
  await page.goto("/");
}

/** Kinds of pages reached from the landing page through links, and those that scroll sideways (at 375 px). */
async function crawlSideways(page: Page): Promise<{ seen: Set<string>; sideways: string[] }> {
  const sideways: string[] = [];
  const { seen } = await crawl(page, async (path, status) => {
    expect(status, path).toBeLessThan(400);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) sideways.push(`${path} (+${overflow} px)`);
  });
  return { seen, sideways };
}

test.describe.configure({ mode: "serial" });

test("each role lands where it acts and reaches every page of theirs through links; nothing scrolls sideways at 375 px", async ({
  page,
}) => {
  test.setTimeout(test.info().timeout * 5);
  const w = await setUp(page);
  // The nonce CSP (proxy.ts) must not block anything the shell does (Radix, sonner, the theme script).
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  await page.setViewportSize({ width: 375, height: 740 });
  const cases: { who: string; email: string; landing: RegExp; pages: string[] }[] = [
    {
      who: "API Developer",
      email: w.devEmail,
      landing: /\/apps$/,
      pages: [
        "/apps",
        "/apps/register",
        "/apps/:id",
        "/apps/:id/usage",
        "/apps/:id/settings",
        "/apps/:id/activity",
        "/apps/:id/danger",
        "/apis",
        "/apis/hello",
        "/account",
        "/account/security",
        "/account/tokens",
        "/account/grants",
        "/terms",
      ],
    },
    {
      who: "Delegated Administrator",
      email: w.daEmail,
      landing: /\/company\/users$/,
      pages: [
        "/company/users",
        "/company/users/:id",
        "/company/apps",
        "/company/usage",
        "/company/audit",
        "/company/security",
        "/company/registration-tokens",
        "/apps",
        "/apps/:id",
        "/apis",
        "/account/grants",
      ],
    },
    {
      who: "platform administrator",
      email: ADMIN.email,
      landing: /\/admin\/companies$/,
      pages: [
        "/admin/companies",
        "/admin/companies/:id",
        "/admin/apis",
        "/admin/apis/new",
        "/admin/apis/:id",
        "/admin/usage",
        "/admin/audit",
        "/admin/outbox",
        "/admin/jobs",
        "/admin/security",
        "/admin/requests",
        "/admin/settings",
        "/apis",
        "/apps",
        "/account/grants",
      ],
    },
  ];
  for (const c of cases) {
    await as(page, c.email);
    await expect(page, `${c.who} lands`).toHaveURL(c.landing);
    const { seen, sideways } = await crawlSideways(page);
    expect(
      c.pages.filter((p) => !seen.has(p)),
      `${c.who}: pages not reached through links`,
    ).toEqual([]);
    expect(sideways, `${c.who}: pages that scroll sideways at 375 px`).toEqual([]);
  }
  expect(violations).toEqual([]);
});

test("a Delegated Administrator without apps lands on the company page; the platform administrator on Companies", async ({ page }) => {
  const w = await setUp(page);
  await page.context().clearCookies();
  await signIn(page, w.lonelyDaEmail);
  await expect(page).toHaveURL(/\/company\/users$/);
  await page.context().clearCookies();
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/companies$/);
  await expect(page.getByRole("heading", { name: "Companies", level: 1 })).toBeVisible();
});

test("at 768 px and wider, every role sees My Apps & Keys and Sign out without opening a menu; the sidebar marks section and page", async ({
  page,
}) => {
  const w = await setUp(page);
  await page.setViewportSize({ width: 768, height: 900 });
  for (const email of [w.devEmail, w.daEmail, ADMIN.email]) {
    await as(page, email);
    await expect(page.getByRole("link", { name: "My Apps & Keys" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu", exact: true })).toBeHidden();
  }
  await as(page, w.daEmail);
  await page.goto(`/company/users/${w.membershipId}`);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Company" })).toHaveAttribute("aria-current", "true");
  await expect(nav.getByRole("link", { name: "Users", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "My Apps & Keys" })).not.toHaveAttribute("aria-current", /.+/);
});

test("below 768 px the Menu button opens the navigation as a drawer that traps the focus and gives it back", async ({ page }) => {
  const w = await setUp(page);
  await page.setViewportSize({ width: 375, height: 740 });
  await as(page, w.devEmail);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await menu.click();
  const drawer = page.getByRole("dialog", { name: "Menu" });
  await expect(drawer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My Apps & Keys" })).toBeVisible();
  await expectFocusTrapped(page, drawer);
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(menu).toBeFocused();
  await menu.click();
  await drawer.getByRole("link", { name: "APIs" }).click();
  await expect(page).toHaveURL(/\/apis$/);
  await expect(drawer).toHaveCount(0);
});

async function expectFocusTrapped(page: Page, dialog: Locator) {
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  for (let i = 0; i < 4; i += 1) {
    await page.keyboard.press("Shift+Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement)), `Shift+Tab ${i + 1} stays in the dialog`).toBe(true);
  }
}

/** Audit entries of the company (what "nothing was written" counts). */
const auditCount = (companyId: string) => testDb().auditLog.count({ where: { companyId } });

/**
 * Presses `trigger`, checks the alert dialog (Cancel focused, focus trapped), cancels and checks that
 * nothing changed, then confirms with `confirm`.
 */
async function refusedUntilConfirmed(
  page: Page,
  o: { trigger: Locator; confirm: string; says: string | RegExp; companyId: string; state: () => Promise<unknown> },
) {
  const before = { audit: await auditCount(o.companyId), state: await o.state() };
  await o.trigger.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(o.says);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectFocusTrapped(page, dialog);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(o.trigger).toBeFocused();
  expect(await auditCount(o.companyId)).toBe(before.audit);
  expect(await o.state()).toEqual(before.state);
  // Escape cancels too.
  await o.trigger.click();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(o.trigger).toBeFocused();
  expect(await auditCount(o.companyId)).toBe(before.audit);
  await o.trigger.click();
  await dialog.getByRole("button", { name: o.confirm }).click();
  await expect.poll(async () => auditCount(o.companyId)).toBeGreaterThan(before.audit);
  expect(await o.state()).not.toEqual(before.state);
}

test("every action that stops tokens or removes access is refused until confirmed, and Cancel writes nothing", async ({ page }) => {
  test.setTimeout(test.info().timeout * 3);
  const w = await setUp(page);
  const db = testDb();
  const dev = await db.user.findUniqueOrThrow({ where: { email: w.devEmail } });
  const mk = async (label: string) => {
    const app = await makeOAuthApp(testDb(), {
      grantTypes: ["client_credentials"],
      companyId: w.companyId,
      name: `${label} ${Date.now().toString(36)}`,
    });
    await db.app.update({ where: { id: app.appId }, data: { createdById: dev.id } });
    return app;
  };
  const status = (appId: string) => async () => (await db.app.findUnique({ where: { id: appId } }))?.status ?? "gone";

  await as(page, w.devEmail);
  // Deactivate.
  const a = await mk("Deactivate Me");
  await page.goto(`/apps/${a.appId}/danger`);
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: "Deactivate application" }),
    confirm: "Deactivate application",
    says: "every access and refresh token it holds is revoked",
    companyId: w.companyId,
    state: status(a.appId),
  });
  await expect(page.getByTestId("app-status").first()).toHaveText("Inactive");

  // Rotate with no grace.
  const r = await mk("Rotate Me");
  await page.goto(`/apps/${r.appId}/settings`);
  const secrets = async () =>
    (
      await db.clientSecret.findMany({
        where: { appId: r.appId },
        select: { id: true, expiresAt: true, revokedAt: true },
        orderBy: { id: "asc" },
      })
    ).map((x) => JSON.stringify(x));
  await page.getByLabel("Previous secret keeps working for").selectOption("0");
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: "Rotate Client Secret" }),
    confirm: "Rotate Client Secret",
    says: "every call with the current secret fails from now on",
    companyId: w.companyId,
    state: secrets,
  });

  // Delete.
  const d = await mk("Delete Me");
  await page.goto(`/apps/${d.appId}/danger`);
  await page.getByLabel(/Type the application's name/).fill(d.name);
  // Enter in the field asks too (no implicit submission past the dialog).
  await page.getByLabel(/Type the application's name/).press("Enter");
  await expect(page.getByRole("alertdialog")).toContainText("This cannot be undone");
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  expect(await status(d.appId)()).toBe("ACTIVE");
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: "Delete application" }),
    confirm: "Delete application",
    says: "This cannot be undone",
    companyId: w.companyId,
    state: status(d.appId),
  });
  await expect(page).toHaveURL(/\/apps\?deleted=1$/);

  // Revoke a grant (the person's own authorization of an app).
  const g = await makeOAuthApp(testDb(), {
    grantTypes: ["authorization_code", "refresh_token"],
    companyId: w.companyId,
    name: `Granted ${Date.now().toString(36)}`,
  });
  await serveClientRedirects(page);
  await authorizeInBrowser(page, authorizeUrl(g, { scope: "hello" }));
  await page.goto("/account/grants");
  const consents = async () => db.consentGrant.count({ where: { appId: g.appId, userId: dev.id, revokedAt: null } });
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: `Revoke ${g.name}` }),
    confirm: "Revoke",
    says: "its access and refresh tokens stop working now",
    companyId: w.companyId,
    state: consents,
  });

  // As the Delegated Administrator: suspend an app of the company.
  await as(page, w.daEmail);
  const s = await mk("Suspend Me");
  await page.goto("/company/apps");
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: `Suspend ${s.name}` }),
    confirm: "Suspend",
    says: "gets no tokens",
    companyId: w.companyId,
    state: status(s.appId),
  });

  // Remove a member: the server's answer opens the dialog listing their apps; Cancel gives the focus back.
  const leaver = await makeUser(testDb(), { name: "Shell Leaver" });
  await addMember(testDb(), w.companyId, leaver.id, ["API_DEVELOPER"]);
  const leaverApp = await makeOAuthApp(testDb(), {
    grantTypes: ["client_credentials"],
    companyId: w.companyId,
    name: `Leaver App ${Date.now().toString(36)}`,
  });
  await db.app.update({ where: { id: leaverApp.appId }, data: { createdById: leaver.id } });
  const membership = await db.membership.findFirstOrThrow({ where: { companyId: w.companyId, userId: leaver.id } });
  await as(page, w.daEmail);
  await page.goto(`/company/users/${membership.id}`);
  const before = await auditCount(w.companyId);
  const remove = page.getByRole("button", { name: "Remove from company" });
  await remove.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Removing ${leaver.email} suspends this app of the company:`);
  await expect(dialog.getByRole("listitem")).toHaveText([`${leaverApp.name} (active)`]);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(remove).toBeFocused();
  expect(await auditCount(w.companyId)).toBe(before);
  expect(await db.membership.count({ where: { id: membership.id } })).toBe(1);
  await remove.click();
  await dialog.getByRole("button", { name: "Confirm removal" }).click();
  await expect(page.getByRole("status").filter({ hasText: "was removed" })).toBeVisible();
  expect(await db.membership.count({ where: { id: membership.id } })).toBe(0);
});

test("demoting one of the last two Delegated Administrators, and suspending or restoring a company, ask first", async ({ page }) => {
  test.setTimeout(test.info().timeout * 2);
  const w = await setUp(page);
  const db = testDb();
  // A fresh company with exactly two DAs.
  const { email: firstEmail } = await makeUser(testDb(), { name: "First Admin" });
  const { email: secondEmail } = await makeUser(testDb(), { name: "Second Admin" });
  // The first holds both roles, so they may grant API Developer to the second.
  const { companyId, companyName } = await makeCompanyFor(testDb(), firstEmail, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const second = await addMemberByEmail(testDb(), companyId, secondEmail, ["DELEGATED_ADMIN"]);
  const secondMembership = await db.membership.findFirstOrThrow({ where: { companyId, userId: second.id } });
  const roles = async () =>
    (await db.roleAssignment.findMany({ where: { membershipId: secondMembership.id }, select: { role: true } })).map((r) => r.role).sort();
  await as(page, firstEmail);
  await page.goto(`/company/users/${secondMembership.id}`);
  await page.getByRole("checkbox", { name: "API Developer", exact: true }).check();
  await page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).uncheck();
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: "Save roles" }),
    confirm: "Save roles",
    says: "left with one Delegated Administrator",
    companyId,
    state: roles,
  });
  expect(await roles()).toEqual(["API_DEVELOPER"]);

  // The platform administrator suspends and restores that company.
  await as(page, ADMIN.email);
  await page.goto(`/admin/companies/${companyId}`);
  const companyStatus = async () => (await db.company.findUniqueOrThrow({ where: { id: companyId } })).status;
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: "Suspend company" }),
    confirm: "Suspend company",
    says: `Every app of ${companyName} stops getting tokens now`,
    companyId,
    state: companyStatus,
  });
  await expect(page.getByRole("button", { name: "Restore company" })).toBeVisible();
  await refusedUntilConfirmed(page, {
    trigger: page.getByRole("button", { name: "Restore company" }),
    confirm: "Restore company",
    says: "can get tokens again",
    companyId,
    state: companyStatus,
  });
  expect(w.companyId).not.toBe(companyId);
});

test("the app page's tabs each have their own address, title and current mark", async ({ page }) => {
  const w = await setUp(page);
  await as(page, w.devEmail);
  const tabs: [string, string, RegExp][] = [
    ["Overview", "", /^Credentials$/],
    ["Usage", "/usage", /^Usage and performance$/],
    ["Logs", "/logs", /^Logs$/],
    ["Settings", "/settings", /^Edit application$/],
    ["Activity", "/activity", /^Activity$/],
    ["Danger zone", "/danger", /^Delete application$/],
  ];
  for (const [label, suffix, heading] of tabs) {
    await page.goto(`/apps/${w.appId}${suffix}`);
    const nav = page.getByRole("navigation", { name: "Application sections" });
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`^${suffix ? `${label} · ` : ""}${w.appName} · API Console$`));
  }
  // The overview lists the endpoints with a Copy button each.
  await page.goto(`/apps/${w.appId}`);
  for (const label of ["Issuer", "Authorization endpoint", "Token endpoint", "JWKS", "Discovery document"]) {
    await expect(page.getByRole("button", { name: `Copy ${label}` })).toBeVisible();
  }
  // An empty chart says so instead of drawing axes.
  await page.goto(`/apps/${w.appId}/usage`);
  await expect(page.getByTestId("usage-empty")).toHaveText("No calls yet");
  expect((await page.goto(`/apps/${w.appId}/nope`))?.status()).toBe(404);
});

test("audit entries read as sentences with names; ids only in the details", async ({ page }) => {
  const w = await setUp(page);
  await as(page, w.devEmail);
  await page.goto(`/apps/${w.appId}/settings`);
  await page.getByLabel("Previous secret keeps working for").selectOption("24");
  await page.getByRole("button", { name: "Rotate Client Secret" }).click();
  await expect(page.getByRole("region", { name: "Rotate the secret" }).getByRole("status")).toContainText("A new Client Secret was issued");
  await page.goto(`/apps/${w.appId}/activity`);
  const first = page.getByTestId("app-activity").getByRole("listitem").first();
  await expect(first.locator("p").first()).toHaveText(new RegExp(`^Shell Developer rotated the secret of ${w.appName}, `));
  await expect(first.locator("p").first()).not.toContainText("app_");
  await as(page, w.daEmail);
  await page.goto("/company/audit");
  const sentence = page
    .getByTestId("audit-sentence")
    .filter({ hasText: `rotated the secret of ${w.appName}` })
    .first();
  await expect(sentence).toBeVisible();
  await expect(sentence).not.toContainText(w.appId);
  const row = page.getByRole("row").filter({ has: sentence });
  await row.getByText("Details").click();
  await expect(row.getByText(w.appId)).toBeVisible();
});

test("public files: favicon, logo and robots.txt", async ({ request, page }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const text = await robots.text();
  expect(text).toContain("Allow: /docs");
  for (const p of ["/apps", "/company", "/admin", "/account"]) expect(text).toContain(`Disallow: ${p}`);
  await expectServed(request, [
    ["/favicon.ico", "image/"],
    ["/icon.svg", "image/svg+xml"],
    ["/logo.svg", "image/svg+xml"],
  ]);
  await page.goto("/signin");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
  // The terms and "Not found" are inside the shell for a signed-in person.
  const w = await setUp(page);
  await as(page, w.devEmail);
  await page.goto("/terms");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
