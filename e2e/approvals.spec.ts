// Approvals: an API that requires approval (the built-in Hello API, switched on for this test only) —
// a new app's subscription is "Pending approval" and its calls 403 until the platform administrator
// approves it from the Requests inbox, the developer gets the mail, and the call succeeds. Request
// access to an API the company may not use, and a plan change, each refused with a reason that is
// mailed, then approved.
import type { Page } from "@playwright/test";
import { newId } from "../lib/ids.ts";
import { basicHeader } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { registerHelloApp } from "./support/apps";
import { latestMail } from "./support/mail";

let n = 0;
const unique = (label: string) => `${label} ${Date.now().toString(36)}${++n}`;

async function setHelloRequiresApproval(admin: Page, on: boolean): Promise<void> {
  const hello = await testDb().api.findUniqueOrThrow({ where: { slug: "hello" } });
  await admin.goto(`/admin/apis/${hello.id}`);
  await admin.getByLabel("Requires approval").setChecked(on);
  await admin.getByRole("button", { name: "Save approval setting" }).click();
  await expect(admin.getByRole("form", { name: "Approval" }).getByText(on ? "now wait for approval" : "active at once")).toBeVisible();
}

async function decide(admin: Page, title: string, decision: "Approve" | "Reject", reason: string): Promise<void> {
  await admin.goto("/admin/requests");
  await expect(admin.getByRole("heading", { name: "Requests", level: 1 })).toBeVisible();
  const form = admin.getByRole("form", { name: `Decide: ${title}` });
  await form.getByLabel("Reason").fill(reason);
  await form.getByRole("button", { name: decision }).click();
  // Decided: it leaves the waiting list for "Recently decided".
  await expect(admin.getByRole("form", { name: `Decide: ${title}` })).toHaveCount(0);
  await expect(
    admin
      .getByRole("listitem")
      .filter({ hasText: `${decision === "Approve" ? "Approved" : "Rejected"}: ${title}` })
      .first(),
  ).toBeVisible();
}

test("an API that requires approval: Pending approval, 403, approved from the inbox, mailed, then 200", async ({ admin, member }) => {
  const dev = await member(["API_DEVELOPER"], { name: "Gated Dev" });
  const appName = unique("Gated App");
  let registeredApp: { clientId: string; secret: string; appId: string };
  await setHelloRequiresApproval(admin.page, true);
  try {
    registeredApp = await registerHelloApp(dev.page, appName);
  } finally {
    await setHelloRequiresApproval(admin.page, false);
  }
  const { clientId, secret, appId } = registeredApp;
  await dev.page.goto(`/apps/${appId}`);
  await expect(dev.page.getByText("Pending approval:")).toBeVisible();

  const tokenRes = await dev.request.post("/oauth2/token", {
    headers: { authorization: basicHeader(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials",
  });
  expect(tokenRes.status()).toBe(200);
  const token = ((await tokenRes.json()) as { access_token: string }).access_token;
  const hello = () => dev.request.get("/api/hello", { headers: { authorization: `Bearer ${token}` } });
  const refused = await hello();
  expect(refused.status()).toBe(403);
  expect(refused.headers()["www-authenticate"]).toContain('error="insufficient_scope"');
  expect(await refused.json()).toMatchObject({ error: "insufficient_scope", rule: "pending_approval" });

  // The inbox counts it in the sidebar, and the admin approves it there.
  await admin.page.goto("/admin/requests");
  await expect(admin.page.getByRole("link", { name: /^Requests \d+ waiting$/ })).toBeVisible();
  await decide(admin.page, `${appName} (${dev.companyName}) subscribes to Hello API`, "Approve", "Welcome aboard");
  const mail = await latestMail(dev.email, "notice");
  expect(mail.subject).toBe(`Approved: ${appName}'s subscription to Hello API`);
  expect(mail.text).toContain("Welcome aboard");

  expect((await hello()).status()).toBe(200);
  await dev.page.goto(`/apps/${appId}`);
  await expect(dev.page.getByText("Pending approval:")).toHaveCount(0);
  expect(await testDb().auditLog.count({ where: { event: "request.approved", companyId: dev.companyId } })).toBe(1);
});

test("Request access to an API the company may not use: refused with a reason (mailed), asked again, approved, then usable", async ({
  admin,
  member,
}) => {
  const dev = await member(["API_DEVELOPER"], { name: "Asking Dev" });
  const slug = `gated-${Date.now().toString(36)}${++n}`;
  const apiName = unique("Gated API");
  await testDb().api.create({
    data: {
      id: newId("api"),
      slug,
      name: apiName,
      endpoint: `/api/${slug}`,
      openToAll: false,
      requiresApproval: true,
      summary: "Partners only.",
    },
  });
  const ask = async (reason: string) => {
    await dev.page.goto(`/apis/${slug}`);
    await dev.page.getByRole("form", { name: "Request access" }).getByLabel("Reason").fill(reason);
    await dev.page.getByRole("button", { name: "Request access" }).click();
    await expect(dev.page.getByText("Your company asked for access")).toBeVisible();
  };
  await ask("We build the partner portal");
  const title = `${dev.companyName} asks for access to ${apiName}`;
  await decide(admin.page, title, "Reject", "Only for resellers");
  const refusal = await latestMail(dev.email, "notice");
  expect(refusal.subject).toBe(`Rejected: ${dev.companyName}'s access to ${apiName}`);
  expect(refusal.text).toContain("Only for resellers");

  await ask("We are resellers now");
  await decide(admin.page, title, "Approve", "");
  await dev.page.goto(`/apis/${slug}`);
  await expect(dev.page.getByRole("heading", { name: "Endpoint" })).toBeVisible();
  await dev.page.goto("/apps/register");
  await expect(dev.page.getByLabel(apiName, { exact: true })).toBeVisible();
});

test("Change plan: the current plan stays while it waits; refused with a reason (mailed), asked again and approved", async ({
  admin,
  member,
}) => {
  const hello = await testDb().api.findUniqueOrThrow({ where: { slug: "hello" } });
  const planName = unique("Gold");
  await testDb().plan.create({
    data: { id: `pln_${Date.now().toString(36)}${++n}`, apiId: hello.id, name: planName, ratePerMinute: 1000 },
  });
  const dev = await member(["API_DEVELOPER"], { name: "Plan Dev" });
  const appName = unique("Plan App");
  const { appId } = await registerHelloApp(dev.page, appName);
  const ask = async (reason: string) => {
    await dev.page.goto(`/apps/${appId}/usage`);
    await dev.page.getByText("Ask for another plan").click();
    const form = dev.page.getByRole("form", { name: "Change plan of Hello API" });
    await form.getByLabel("Plan").selectOption({ label: planName });
    await form.getByLabel("Reason").fill(reason);
    await form.getByRole("button", { name: "Change plan" }).click();
    await expect(dev.page.getByText(`Plan change to ${planName} waits for approval`)).toBeVisible();
  };
  await ask("Launch week");
  const before = dev.page.getByTestId("api-plan").filter({ hasText: "Hello API" });
  await expect(before.getByTestId("plan-name")).not.toHaveText(planName);
  const title = `${appName} (${dev.companyName}) asks for the plan ${planName} of Hello API`;
  await decide(admin.page, title, "Reject", "Launch is next month");
  const refusal = await latestMail(dev.email, "notice");
  expect(refusal.subject).toBe(`Rejected: the plan ${planName} for ${appName} on Hello API`);
  expect(refusal.text).toContain("Launch is next month");

  await ask("Launch is now");
  await decide(admin.page, title, "Approve", "Go");
  await dev.page.goto(`/apps/${appId}/usage`);
  await expect(dev.page.getByTestId("api-plan").filter({ hasText: "Hello API" }).getByTestId("plan-name")).toHaveText(planName);
});

test('"On request" company sign-up: a verified person without a company asks, the admin approves, they are its Delegated Administrator', async ({
  admin,
  signedIn,
}) => {
  const setMode = async (label: string) => {
    await admin.page.goto("/admin/settings");
    await admin.page.getByRole("radiogroup", { name: "Company sign-up" }).getByLabel(label).check();
    await admin.page.getByRole("button", { name: "Save settings" }).click();
    await expect(admin.page.getByText("Settings saved.")).toBeVisible();
  };
  const founder = await signedIn(await makeUser(testDb(), { name: "Founding Person" }));
  await setMode("On request");
  try {
    await founder.page.goto("/apps");
    await founder.page.getByRole("link", { name: "request a company" }).click();
    await expect(founder.page.getByRole("heading", { name: "Request a company" })).toBeVisible();
    const name = unique("Founded Co");
    await founder.page.getByLabel("Company name").fill(name);
    await founder.page.getByLabel("Website").fill("https://founded.example.com");
    await founder.page.getByLabel("Why").fill("We resell the platform");
    await founder.page.getByRole("button", { name: "Request company" }).click();
    await expect(founder.page.getByText("Your request waits for the platform administrator.")).toBeVisible();
    expect(await testDb().company.count({ where: { name } })).toBe(0);

    await decide(admin.page, `New company: ${name}`, "Approve", "Welcome");
    const mail = await latestMail(founder.email, "notice");
    expect(mail.subject).toBe(`Approved: the new company ${name}`);
    await founder.page.goto("/company/users");
    await expect(founder.page.getByText(name).first()).toBeVisible();
    const company = await testDb().company.findFirstOrThrow({ where: { name } });
    const membership = await testDb().membership.findFirstOrThrow({
      where: { companyId: company.id, user: { email: founder.email } },
      include: { roles: true },
    });
    expect(membership.roles.map((r) => r.role)).toContain("DELEGATED_ADMIN");
  } finally {
    await setMode("Nomination only");
  }
});
