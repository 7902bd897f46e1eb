// The people of the company specs: a browser context (own cookies) per person, signed in through the
// form or signed up (nominations are claimed at sign-up). Signed in without the form: ../fixtures/test.ts.
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { PASSWORD } from "../../tests/factories/constants";
import { signIn, signUp } from "../helpers";

export interface Person {
  email: string;
  context: BrowserContext;
  page: Page;
  request: APIRequestContext;
}

export async function newcomer(browser: Browser, name: string, email: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, { name, email });
  return { email, context, page, request: context.request };
}

export async function signedOut(browser: Browser): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { email: "", context, page, request: context.request };
}

export async function signInPerson(browser: Browser, email: string, password = PASSWORD): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { email, context, page, request: context.request };
}

/** Creates a company through the admin page; returns its id (from the admin API). */
export async function createCompany(admin: Person, name: string, daEmails: string): Promise<string> {
  await admin.page.goto("/admin/companies");
  await admin.page.getByLabel("Company name").fill(name);
  await admin.page.getByLabel("Delegated Administrator email").fill(daEmails);
  await admin.page.getByRole("button", { name: "Create company" }).click();
  await expect(admin.page.getByRole("status").filter({ hasText: `${name} was created.` })).toBeVisible();
  return companyIdByName(admin, name);
}

export async function companyIdByName(admin: Person, name: string): Promise<string> {
  const res = await admin.request.get(`/api/admin/companies?q=${encodeURIComponent(name)}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { companies: { id: string; name: string }[] };
  const found = body.companies.find((c) => c.name === name);
  if (!found) throw new Error(`company ${name} not found`);
  return found.id;
}

export interface MemberInfo {
  membershipId: string;
  user: { id: string; email: string };
  roles: { role: string }[];
}

/** The members of the person's active company, through the DA's JSON route. */
export async function membersOf(da: Person): Promise<MemberInfo[]> {
  const res = await da.request.get("/api/company/members");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { members: MemberInfo[] }).members;
}

export async function memberByEmail(da: Person, email: string): Promise<MemberInfo> {
  const m = (await membersOf(da)).find((x) => x.user.email === email);
  if (!m) throw new Error(`member ${email} not found`);
  return m;
}

/** A DA adds a user through the /company/users form. */
export async function addUser(da: Person, email: string, roles: ("API Developer" | "Delegated Administrator")[]): Promise<void> {
  const page = da.page;
  await page.goto("/company/users");
  await page.getByLabel("Email").fill(email);
  for (const label of ["API Developer", "Delegated Administrator"] as const) {
    await page.getByRole("checkbox", { name: label, exact: true }).setChecked(roles.includes(label));
  }
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status").filter({ hasText: email })).toBeVisible();
}
