// A Delegated Administrator of company A reaches nothing of company B by id: pages and routes answer
// 404, and B's ids smuggled into A's own forms change nothing. People in both companies act for one
// at a time, chosen in the header, and every console page names it.
import { expect, type Page, test } from "@playwright/test";
import { makeApp } from "../tests/factories/apps";
import { testDb } from "./fixtures/db";
import { asAdmin } from "./fixtures/test";
import { formAlert, uniqueEmail } from "./helpers";
import { addUser, createCompany, memberByEmail, membersOf, newcomer, type Person } from "./support/people";

test.describe.configure({ mode: "serial" });

let admin: Person;
let daA: Person;
let daB: Person;
const t = {
  nameA: "",
  nameB: "",
  companyA: "",
  companyB: "",
  memberA: "",
  memberB: "",
  devBEmail: "",
  appA: "",
  appAName: "",
  appB: "",
  inviteB: "",
};

test.beforeAll(async ({ browser }) => {
  const stamp = Date.now().toString(36);
  admin = await asAdmin(browser);
  const emailA = uniqueEmail("iso.da.a");
  const emailB = uniqueEmail("iso.da.b");
  t.nameA = `Isolation A ${stamp}`;
  t.nameB = `Isolation B ${stamp}`;
  t.companyA = await createCompany(admin, t.nameA, emailA);
  t.companyB = await createCompany(admin, t.nameB, emailB);
  daA = await newcomer(browser, "Ada A", emailA);
  daB = await newcomer(browser, "Bea B", emailB);
  const devA = await newcomer(browser, "Dev A", uniqueEmail("iso.dev.a"));
  t.devBEmail = uniqueEmail("iso.dev.b");
  const devB = await newcomer(browser, "Dev B", t.devBEmail);
  await addUser(daA, devA.email, ["API Developer"]);
  await addUser(daB, devB.email, ["API Developer"]);
  await addUser(daA, uniqueEmail("iso.pending.a"), ["API Developer"]);
  await addUser(daB, uniqueEmail("iso.pending.b"), ["API Developer"]);
  const mA = await memberByEmail(daA, devA.email);
  const mB = await memberByEmail(daB, devB.email);
  t.memberA = mA.membershipId;
  t.memberB = mB.membershipId;
  t.appAName = `Iso App A ${stamp}`;
  t.appA = (await makeApp(testDb(), t.companyA, mA.user.id, { name: t.appAName, status: "SUSPENDED" })).id;
  t.appB = (await makeApp(testDb(), t.companyB, mB.user.id, { name: `Iso App B ${stamp}`, status: "SUSPENDED" })).id;
  const b = (await (await daB.request.get("/api/company/members")).json()) as { invitations: { id: string }[] };
  t.inviteB = b.invitations[0]!.id;
  await devA.context.close();
  await devB.context.close();
});

test.afterAll(async () => {
  for (const p of [admin, daA, daB]) await p?.context.close();
});

/** B as its own DA sees it: members with roles, pending invitations, apps with owner and status. */
async function stateOfB() {
  const members = (await (await daB.request.get("/api/company/members")).json()) as { members: unknown[]; invitations: unknown[] };
  const apps = (await (await daB.request.get("/api/company/apps")).json()) as { apps: unknown[] };
  return JSON.stringify({ members: members.members, invitations: members.invitations, apps: apps.apps });
}

async function expectNotFoundPage(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
}

test("B's member, company and records answer 404 to A's Delegated Administrator", async () => {
  const before = await stateOfB();
  await expectNotFoundPage(daA.page, `/company/users/${t.memberB}`);
  await expectNotFoundPage(daA.page, `/admin/companies/${t.companyB}`);
  await expectNotFoundPage(daA.page, `/admin/companies/${t.companyA}`);
  for (const path of [
    `/api/company/members/${t.memberB}`,
    `/api/admin/companies/${t.companyB}`,
    `/api/admin/audit?company=${t.companyB}`,
  ]) {
    const res = await daA.request.get(path);
    expect(res.status(), path).toBe(404);
    expect(await res.json()).toEqual({ error: "not_found", message: expect.any(String) });
  }
  // A's own member is there; the same id shape of B's is not.
  expect((await daA.request.get(`/api/company/members/${t.memberA}`)).status()).toBe(200);

  // A's audit log holds only A's entries, whatever the address asks for.
  const audit = (await (await daA.request.get(`/api/company/audit?company=${t.companyB}`)).json()) as { entries: { companyId: string }[] };
  expect(audit.entries.length).toBeGreaterThan(0);
  expect(new Set(audit.entries.map((e) => e.companyId))).toEqual(new Set([t.companyA]));
  await daA.page.goto(`/company/audit?company=${t.companyB}`);
  const log = daA.page.getByRole("table", { name: "Audit log entries" });
  await expect(log).toContainText("role.granted");
  await expect(log).not.toContainText(t.devBEmail);
  await expect(daA.page.getByRole("list", { name: "Apps owned" })).toHaveCount(0);
  expect(await stateOfB()).toBe(before);
});

/** Rewrites a hidden field of the form named `form` in the page, as a hostile user could. */
async function tamper(page: Page, form: string, field: string, value: string) {
  await page
    .getByRole("form", { name: form })
    .locator(`input[name="${field}"]`)
    .evaluate((el, v) => ((el as HTMLInputElement).value = v), value);
}

test("B's ids smuggled into A's own forms change nothing and say not found", async () => {
  const before = await stateOfB();
  const page = daA.page;

  await page.goto(`/company/users/${t.memberA}`);
  await tamper(page, "Roles", "membershipId", t.memberB);
  await page.getByRole("checkbox", { name: "Delegated Administrator", exact: true }).check();
  await page.getByRole("button", { name: "Save roles" }).click();
  await expect(formAlert(page)).toHaveText("That member was not found in this company.");

  await page.goto(`/company/users/${t.memberA}`);
  await tamper(page, "Remove from company", "membershipId", t.memberB);
  await page.getByRole("button", { name: "Remove from company" }).click();
  await expect(formAlert(page)).toHaveText("That member was not found in this company.");

  await page.goto("/company/users");
  const withdraw = page.getByRole("form", { name: /Withdraw the invitation for/ }).first();
  await withdraw.locator('input[name="invitationId"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), t.inviteB);
  await withdraw.getByRole("button", { name: "Withdraw" }).click();
  await expect(formAlert(page)).toHaveText("That pending invitation was not found.");

  await page.goto("/company/apps");
  await tamper(page, `Status of ${t.appAName}`, "appId", t.appB);
  await page
    .getByRole("form", { name: `Status of ${t.appAName}` })
    .getByRole("button", { name: "Restore" })
    .click();
  await expect(formAlert(page)).toHaveText("That app was not found in this company.");

  await page.goto("/company/apps");
  const reassign = page.getByRole("form", { name: `Reassign ${t.appAName}` });
  await reassign.locator('input[name="appId"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), t.appB);
  await reassign.getByLabel(`New owner of ${t.appAName}`).selectOption({ index: 1 });
  await reassign.getByRole("button", { name: "Reassign" }).click();
  await expect(formAlert(page)).toHaveText("That app was not found in this company.");

  expect(await stateOfB()).toBe(before);
  // A's own app is untouched too.
  const appsA = (await (await daA.request.get("/api/company/apps")).json()) as { apps: { id: string; status: string }[] };
  expect(appsA.apps.find((a) => a.id === t.appA)?.status).toBe("SUSPENDED");
});

test("someone in both companies acts for one at a time, named on every page", async ({ browser }) => {
  const email = uniqueEmail("iso.both");
  const both = await newcomer(browser, "Bo Both", email);
  await addUser(daA, email, ["Delegated Administrator"]);
  await addUser(daB, email, ["API Developer"]);
  const page = both.page;
  const switcher = page.getByLabel("Acting for");
  // Switching posts a server action; wait for its answer (the page may already be the one it lands on).
  const pressSwitch = () =>
    Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined),
      page.getByRole("button", { name: "Switch" }).click(),
    ]);

  // The first membership is the active one until the person switches.
  await page.goto("/company/users");
  await expect(page.getByRole("heading", { name: `Users of ${t.nameA}` })).toBeVisible();
  await expect(switcher.locator("option:checked")).toHaveText(t.nameA);

  await switcher.selectOption({ label: t.nameB });
  await pressSwitch();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(switcher.locator("option:checked")).toHaveText(t.nameB);
  await expect(page.getByRole("link", { name: "Register a New App" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Company" })).toHaveCount(0);
  // Acting for B, A's records are out of reach even for one of A's DAs.
  await expectNotFoundPage(page, "/company/users");
  await expectNotFoundPage(page, `/company/users/${t.memberA}`);
  expect((await both.request.get("/api/company/members")).status()).toBe(404);

  // A company the person does not belong to cannot be chosen.
  await page.goto("/apps");
  await switcher.evaluate((el, id) => {
    const o = document.createElement("option");
    o.value = id;
    o.textContent = "Not mine";
    el.appendChild(o);
    (el as HTMLSelectElement).value = id;
  }, "cmp_00000000000000000000");
  await pressSwitch();
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();
  await expect(switcher.locator("option:checked")).toHaveText(t.nameB);

  await switcher.selectOption({ label: t.nameA });
  await pressSwitch();
  await expect(switcher.locator("option:checked")).toHaveText(t.nameA);
  for (const path of ["/apps", "/apis", "/company/users", "/company/apps", "/company/audit"]) {
    await page.goto(path);
    await expect(switcher.locator("option:checked"), path).toHaveText(t.nameA);
  }
  await both.context.close();

  // A single-membership person sees the company's name on every console page.
  for (const path of ["/apps", "/apis", "/company/users", "/company/apps", "/company/audit"]) {
    await daA.page.goto(path);
    await expect(daA.page.getByTestId("active-company"), path).toHaveText(t.nameA);
  }
  expect((await membersOf(daA)).some((m) => m.user.email === email)).toBe(true);
});
