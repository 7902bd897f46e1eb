// One search: the header's "Search" box and the Ctrl+K / ⌘K command palette find apps, APIs, docs pages
// and, for administrators, companies and people, each with its kind; the palette is used with the
// keyboard only (combobox and listbox, announced count), and lists the pages the person may open.
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMember, makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";

test("a developer opens the command palette with Ctrl+K and reaches an app, an API and a page with the keyboard only", async ({
  developer,
}) => {
  const { page } = developer;
  const name = `Zephyr Booking ${Date.now().toString(36)}`;
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], companyId: developer.companyId, name });
  await testDb().app.update({ where: { id: app.appId }, data: { createdById: developer.userId } });
  await page.goto("/apps");
  await expect(page.getByRole("heading", { name: "My Applications" })).toBeVisible();

  await page.keyboard.press("Control+k");
  const dialog = page.getByRole("dialog", { name: "Search and go to" });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole("combobox", { name: "Search" });
  await expect(box).toBeFocused();
  // Before typing: the pages this person may open, and no administrator's page.
  const options = dialog.getByRole("option");
  await expect(options.filter({ hasText: "My Apps & Keys" })).toHaveCount(1);
  await expect(options.filter({ hasText: "Account security" })).toHaveCount(1);
  await expect(options.filter({ hasText: "Companies" })).toHaveCount(0);

  await page.keyboard.type("zephyr");
  const hit = options.filter({ hasText: name });
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText("App");
  await expect(dialog.getByRole("status")).toHaveText(/^1 result for “zephyr”/);
  await expect(hit).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await hit.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/apps/${app.appId}$`));
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  // An API and a docs page for one word; arrows move the choice, Enter opens it.
  await page.keyboard.press("Control+k");
  await expect(box).toBeFocused();
  await page.keyboard.type("hello");
  await expect(options.filter({ hasText: "Hello API" }).first()).toContainText("API");
  await expect(options.filter({ hasText: "Docs page" }).first()).toBeVisible();
  const labels = await options.allTextContents();
  const api = labels.findIndex((t) => t.startsWith("API") && t.includes("Hello API"));
  expect(api).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < api; i++) await page.keyboard.press("ArrowDown");
  await expect(options.nth(api)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/apis\/hello$/);

  // Escape closes and gives the focus back to where it was; a page by its name.
  await page.keyboard.press("Control+k");
  await expect(box).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await page.keyboard.press("Control+k");
  await page.keyboard.type("authorized");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("Authorized apps");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account\/grants$/);
});

test("the header's Search box finds companies and people for the platform administrator, and people of the company for a DA", async ({
  admin,
  da,
  signedIn,
}) => {
  const db = testDb();
  const stamp = Date.now().toString(36);
  const person = await makeUser(db, { name: `Quincy Searchable ${stamp}` });
  await addMember(db, da.companyId, person.id, ["API_DEVELOPER"]);
  const company = await db.company.findUniqueOrThrow({ where: { id: da.companyId } });

  // The DA: the company's people, not other companies.
  await da.page.goto("/apps");
  await da.page.getByRole("searchbox", { name: "Search", exact: true }).fill("quincy");
  await da.page.getByRole("searchbox", { name: "Search", exact: true }).press("Enter");
  await expect(da.page).toHaveURL(/\/search\?q=quincy$/);
  const daResults = da.page.getByRole("listitem").filter({ hasText: `Quincy Searchable ${stamp}` });
  await expect(daResults).toHaveCount(1);
  await expect(daResults.getByTestId("search-kind")).toHaveText("Person");
  await daResults.getByRole("link").click();
  await expect(da.page).toHaveURL(/\/company\/users\/mem_/);
  await da.page.goto(`/search?q=${encodeURIComponent(company.name)}`);
  await expect(da.page.getByTestId("search-kind").filter({ hasText: "Company" })).toHaveCount(0);

  // The platform administrator: the company and the person (with their company).
  await admin.page.goto(`/search?q=${encodeURIComponent(company.name)}`);
  const companyHit = admin.page.getByRole("listitem").filter({ has: admin.page.getByRole("link", { name: company.name }) });
  await expect(companyHit.getByTestId("search-kind")).toHaveText("Company");
  await admin.page.goto(`/search?q=${stamp}`);
  const personHit = admin.page.getByRole("listitem").filter({ hasText: `Quincy Searchable ${stamp}` });
  await expect(personHit.getByTestId("search-kind")).toHaveText("Person");
  await expect(personHit).toContainText(company.name);

  // A developer of the same company finds neither people nor companies.
  const dev = await makeUser(db, { name: "Searching Developer" });
  await addMember(db, da.companyId, dev.id, ["API_DEVELOPER"]);
  const { request } = await signedIn(dev);
  const res = await request.get(`/api/search?q=${stamp}`);
  expect(res.status()).toBe(200);
  expect(((await res.json()) as { hits: { kind: string }[] }).hits.filter((h) => h.kind === "Person" || h.kind === "Company")).toEqual([]);
  expect(
    ((await (await request.get(`/api/search?q=${encodeURIComponent(company.name)}`)).json()) as { hits: { kind: string }[] }).hits.filter(
      (h) => h.kind === "Company",
    ),
  ).toEqual([]);
});
