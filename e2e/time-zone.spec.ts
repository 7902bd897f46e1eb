// Dates in the person's time zone: a browser in New York reads a known audit entry in Eastern time,
// with the UTC time on hover; a zone chosen on /account wins over the browser's; "Browser default"
// goes back to it.
import { expect, test } from "@playwright/test";
import { makeAuditEntries } from "../tests/factories/audit";
import { makeCompany } from "../tests/factories/companies";
import { addMember, makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { signInAs } from "./fixtures/test";

test("a New York browser sees dates in Eastern time with UTC on hover, and the account's choice overrides it", async ({ browser }) => {
  const user = await makeUser(testDb(), { name: "Zone Admin" });
  const company = await makeCompany(testDb());
  await addMember(testDb(), company.id, user.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  await signInAs(context, user);
  const da = { companyId: company.id, email: user.email, userId: user.id, page: await context.newPage() };
  const event = `zone.check${Date.now().toString(36)}`;
  // One entry at 2026-01-15 15:30:00 UTC: 10:30 in New York (EST, UTC-5), 16:30 in Berlin (UTC+1).
  await makeAuditEntries(testDb(), {
    companyId: da.companyId,
    count: 1,
    event,
    actorEmail: da.email,
    until: new Date("2026-01-15T15:30:01Z"),
  });
  const page = da.page;
  // The first page load tells the server the browser's zone (a cookie), then renders in it.
  await page.goto("/apps");
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("America/New_York");
  await expect
    .poll(async () => decodeURIComponent((await context.cookies()).find((c) => c.name === "console_tz")?.value ?? ""))
    .toBe("America/New_York");
  const entry = () => page.locator(`tr[data-event="${event}"] time`).first();

  await page.goto(`/company/audit?event=${encodeURIComponent(event)}`);
  await expect(entry()).toHaveText("2026-01-15 10:30 EST");
  await expect(entry()).toHaveAttribute("title", "2026-01-15 15:30:00 UTC");
  await expect(entry()).toHaveAttribute("datetime", "2026-01-15T15:30:00.000Z");

  // The account's choice wins over the browser's.
  await page.goto("/account");
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("");
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dates are shown in Europe/Berlin." })).toBeVisible();
  expect((await testDb().user.findUniqueOrThrow({ where: { id: da.userId } })).timeZone).toBe("Europe/Berlin");
  await page.goto(`/company/audit?event=${encodeURIComponent(event)}`);
  await expect(entry()).toHaveText("2026-01-15 16:30 GMT+1");
  await expect(entry()).toHaveAttribute("title", "2026-01-15 15:30:00 UTC");

  // "Browser default" goes back to the browser's zone.
  await page.goto("/account");
  await page.getByRole("combobox", { name: "Time zone" }).selectOption({ label: "Browser default" });
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Dates are shown in your browser's time zone." })).toBeVisible();
  await page.goto(`/company/audit?event=${encodeURIComponent(event)}`);
  await expect(entry()).toHaveText("2026-01-15 10:30 EST");
  await context.close();
});
