// What people see: on every page of each role, at 375 px and 1280 px, no text is drawn over other text
// or over a chart it does not belong to, no chart's plot leaves its frame, and nothing reaches past the
// viewport's width. Measured from layout boxes in the browser (e2e/support/layout-check.ts), one page
// load per page and width. The usage charts get a closer look: 375–1920 px, both themes, a day, a week
// and 30 days of data, and none.
import { expect, type Page, test } from "@playwright/test";
import { makeCompanyFor } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { addMemberByEmail, makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { signInAs } from "./fixtures/test";
import { ADMIN } from "./helpers";
import { crawl } from "./support/crawl";
import { layoutProblems } from "./support/layout-check";
import { seedWavyUsage } from "./support/usage";

interface World {
  devEmail: string;
  daEmail: string;
  appId: string;
  quietAppId: string;
}

let world: World | undefined;

/** A company with a DA and a developer owning two apps: one with 30 days of calls (every 15 minutes in the last day), one with none. */
async function setUp(): Promise<World> {
  if (world) return world;
  const db = testDb();
  const { email: devEmail } = await makeUser(db, { name: "Layout Developer" });
  const { email: daEmail } = await makeUser(db, { name: "Layout Administrator" });
  const { companyId } = await makeCompanyFor(db, devEmail, ["API_DEVELOPER"]);
  await addMemberByEmail(db, companyId, daEmail, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const dev = await db.user.findUniqueOrThrow({ where: { email: devEmail } });
  const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });
  const [app, quiet] = [
    await makeOAuthApp(db, {
      grantTypes: ["authorization_code", "client_credentials"],
      companyId,
      name: `Layout App ${Date.now().toString(36)}`,
    }),
    await makeOAuthApp(db, { grantTypes: ["client_credentials"], companyId, name: `Quiet App ${Date.now().toString(36)}` }),
  ];
  for (const a of [app, quiet]) await db.app.update({ where: { id: a.appId }, data: { createdById: dev.id } });
  const now = Math.floor(Date.now() / 60_000);
  const minutes = [
    ...Array.from({ length: 96 }, (_, k) => now - 2 - 15 * k),
    ...Array.from({ length: 30 * 24 - 24 }, (_, k) => now - 24 * 60 - 7 - 60 * k),
  ];
  await seedWavyUsage(
    { companyId, appId: app.appId, apiId: hello.id },
    minutes.map((minute, k) => ({ minute, k })),
  );
  world = { devEmail, daEmail, appId: app.appId, quietAppId: quiet.appId };
  return world;
}

async function actAs(page: Page, email: string | null) {
  await page.context().clearCookies();
  if (email) await signInAs(page.context(), await testDb().user.findUniqueOrThrow({ where: { email } }));
}

/** The problems of the page as it is now, each prefixed with where it was seen. */
async function problemsOn(page: Page, where: string): Promise<string[]> {
  await page.waitForLoadState("load");
  return (await page.evaluate(layoutProblems)).map((p) => `${where}: ${p.kind}: ${p.what}`);
}

test.describe.configure({ mode: "serial", timeout: 240_000 });

const ROLES: { who: string; start: string; email: (w: World) => string | null; extra?: (w: World) => string[] }[] = [
  { who: "signed out", start: "/signin", email: () => null },
  {
    who: "API Developer",
    start: "/",
    email: (w) => w.devEmail,
    // The crawl opens one page per kind: the other periods of the Usage tab, and an app without calls.
    extra: (w) => [
      `/apps/${w.appId}/usage?range=day`,
      `/apps/${w.appId}/usage?range=hour`,
      `/apps/${w.appId}/usage?range=week`,
      `/apps/${w.appId}/usage?range=month`,
      `/apps/${w.quietAppId}/usage`,
    ],
  },
  { who: "Delegated Administrator", start: "/", email: (w) => w.daEmail },
  { who: "platform administrator", start: "/", email: () => ADMIN.email },
];

for (const role of ROLES) {
  test(`${role.who}: no page draws text over text or over a chart, or reaches past the viewport, at 1280 px and 375 px`, async ({
    page,
  }) => {
    const w = await setUp();
    await actAs(page, role.email(w));
    const problems: string[] = [];
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(role.start);
    const { paths } = await crawl(page, async (path) => {
      problems.push(...(await problemsOn(page, `${path} at 1280 px`)));
    });
    const all = [...paths, ...(role.extra?.(w) ?? [])];
    for (const path of role.extra?.(w) ?? []) {
      await page.goto(path);
      problems.push(...(await problemsOn(page, `${path} at 1280 px`)));
    }
    await page.setViewportSize({ width: 375, height: 740 });
    for (const path of all) {
      await page.goto(path);
      problems.push(...(await problemsOn(page, `${path} at 375 px`)));
    }
    console.log(`[layout] ${role.who}: ${all.length} pages checked at 1280 px and 375 px`);
    expect(problems).toEqual([]);
  });
}

test("the usage charts stay in their box from 375 to 1920 px, in both themes, with a day, a week, 30 days of calls and none", async ({
  page,
}) => {
  const w = await setUp();
  await actAs(page, w.devEmail);
  const problems: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const path of [
      `/apps/${w.appId}/usage?range=day`,
      `/apps/${w.appId}/usage?range=week`,
      `/apps/${w.appId}/usage?range=month`,
      `/apps/${w.quietAppId}/usage?range=day`,
    ]) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(path);
      const charts = page.getByRole("img", { name: /calls|Latency/ });
      await expect(charts.or(page.getByTestId("usage-empty")).first()).toBeVisible();
      // The same page laid out again at each width (no reload: the layout is what changes).
      for (const width of [375, 414, 768, 1024, 1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        problems.push(...(await problemsOn(page, `${path} at ${width} px (${theme})`)));
      }
    }
  }
  expect(problems).toEqual([]);
});
