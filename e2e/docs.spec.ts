// The public guide at /docs, signed out: every page answers 200, Previous / Up / Next walk the whole
// guide in order and back, the search finds "refresh token" in OAuth 2.0 Topics, code blocks have copy
// buttons and a table of contents, the search lists each feature's page first, the printable guides
// render, and a link checker crawls every internal link of the docs (none may 404).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { FEATURE_PAGES } from "../lib/docs/coverage";
import { DOC_PAGES, docHref, PRINTABLE_GUIDES } from "../lib/docs/manifest";
import { DATA_DIR } from "./fixtures/db";

// The first visit of each page compiles its MDX (once per server process): allow a loaded machine time.
test.describe.configure({ timeout: 300_000 });

test("every doc page answers 200 signed out, with its title, a table of contents and Previous / Up / Next", async ({ page }) => {
  for (const doc of DOC_PAGES) {
    const res = await page.goto(docHref(doc.slug));
    expect(res?.status(), doc.slug).toBe(200);
    expect(new URL(page.url()).pathname).toBe(docHref(doc.slug)); // not sent to /signin
    await expect(page.getByRole("heading", { level: 1, name: doc.title })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "On this page" }).getByRole("link").first()).toBeVisible();
  }
});

test("a signed-out visitor opening the console lands on the guide, which links to Sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/docs$/);
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("Previous / Next walk the whole guide in order and back; Up goes to the parent", async ({ page }) => {
  await page.goto("/docs");
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages.getByRole("link", { name: "Previous", exact: true })).toHaveCount(0);
  await expect(pages.getByRole("link", { name: "Up", exact: true })).toHaveCount(0);
  for (const doc of DOC_PAGES.slice(1)) {
    await pages.getByRole("link", { name: "Next", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${docHref(doc.slug)}$`));
    await expect(page.getByRole("heading", { level: 1, name: doc.title })).toBeVisible();
  }
  await expect(pages.getByRole("link", { name: "Next", exact: true })).toHaveCount(0);
  for (const doc of [...DOC_PAGES].reverse().slice(1)) {
    await pages.getByRole("link", { name: "Previous", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${docHref(doc.slug)}$`));
    await expect(page.getByRole("heading", { level: 1, name: doc.title })).toBeVisible();
  }
  await page.goto("/docs/oauth2/refresh-token");
  await pages.getByRole("link", { name: "Up", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "OAuth 2.0 Topics" })).toBeVisible();
  await pages.getByRole("link", { name: "Up", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Platform Introduction" })).toBeVisible();
});

test("the docs search finds refresh token in OAuth 2.0 Topics, highlighted, and leads to the heading", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Docs" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Platform Introduction" })).toBeVisible();
  await page.getByLabel("Search the docs").fill("refresh token");
  await page.getByLabel("Search the docs").press("Enter");
  const results = page.getByTestId("doc-results");
  const first = results.getByRole("link").first();
  await expect(first).toContainText("OAuth 2.0 Topics › Refresh Token");
  await expect(first.locator("mark").first()).toHaveText(/refresh/i);
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: "Refresh Token" })).toBeVisible();
});

test("the docs search lists the page of every feature a reader asks about first, signed out", async ({ page }) => {
  for (const { query, page: slug } of FEATURE_PAGES) {
    await page.goto(`/docs/search?q=${encodeURIComponent(query)}`);
    const first = page.getByTestId("doc-results").getByRole("link").first();
    await expect(first, query).toHaveAttribute("href", new RegExp(`^${docHref(slug)}(#|$)`));
  }
  await page.goto("/docs/search?q=personal+access+token");
  await page.getByTestId("doc-results").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Personal Access Tokens" })).toBeVisible();
  await page.goto("/docs/management-api");
  const reference = page.getByRole("link", { name: "/api/v1/openapi.json" });
  expect((await page.request.get((await reference.getAttribute("href"))!)).headers()["content-type"]).toContain("application/json");
});

test("code blocks have copy buttons that copy the code", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/docs/oauth2/client-credentials");
  const block = page.locator(".docs-code").filter({ hasText: "grant_type=client_credentials -d scope=hello" });
  await block.getByRole("button", { name: "Copy code" }).click();
  await expect(block.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('curl -s -u "$CLIENT_ID:$CLIENT_SECRET"');
});

test("the printable guides render every part, and the PDF link shows only where a PDF was built", async ({ page }) => {
  for (const guide of PRINTABLE_GUIDES) {
    const res = await page.goto(`/docs/print/${guide.id}`);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: guide.title })).toBeVisible();
    for (const slug of guide.pages) {
      const title = DOC_PAGES.find((p) => p.slug === slug)!.title;
      await expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
    }
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "Print this guide" })).toBeHidden();
    await page.emulateMedia({ media: "screen" });
  }
  // This run built no PDF: no download link, and the route answers 404.
  await expect(page.getByRole("link", { name: /PDF/ })).toHaveCount(0);
  expect((await page.request.get("/docs/pdf/token-developer-guide")).status()).toBe(404);
});

test("an unknown page of the guide answers 404 inside the guide's frame; a path no route serves, 404 in the public frame", async ({
  page,
}) => {
  const res = await page.goto("/docs/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Search the docs" })).toBeVisible();
  const missing = await page.goto("/no-such-path");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page).toHaveTitle("Not found · API Console");
});

test("link checker: every internal link and image of the docs answers (none 404)", async ({ page, request }) => {
  const toVisit = ["/docs", ...PRINTABLE_GUIDES.map((g) => `/docs/print/${g.id}`)];
  const seen = new Set<string>();
  const checked = new Map<string, number>();
  while (toVisit.length) {
    const path = toVisit.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const targets = await page.evaluate(() => [
      ...[...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
      ...[...document.querySelectorAll("img[src]")].map((i) => (i as HTMLImageElement).src),
    ]);
    for (const target of targets) {
      const url = new URL(target);
      if (url.origin !== new URL(page.url()).origin) continue;
      // An anchor on a docs page must name an element there.
      if (url.hash && url.pathname.startsWith("/docs")) {
        const here = url.pathname === new URL(page.url()).pathname;
        if (here)
          expect(await page.locator(`[id="${decodeURIComponent(url.hash.slice(1))}"]`).count(), `${path} → ${url.hash}`).toBeGreaterThan(0);
      }
      const key = url.pathname + url.search;
      if (
        url.pathname.startsWith("/docs") &&
        !url.pathname.startsWith("/docs/pdf/") &&
        !url.pathname.startsWith("/docs/screenshots/") &&
        !url.search
      ) {
        toVisit.push(url.pathname);
        continue;
      }
      if (!checked.has(key)) {
        const r = await request.get(key, { maxRedirects: 5 });
        checked.set(key, r.status());
      }
      if (!url.pathname.startsWith("/docs/pdf/")) expect(checked.get(key), `${path} → ${key}`).toBe(200);
    }
  }
  // Every page of the guide was reached through links.
  for (const doc of DOC_PAGES) expect(seen.has(docHref(doc.slug)), doc.slug).toBe(true);
  expect([...checked.keys()].some((k) => k.startsWith("/docs/screenshots/"))).toBe(true);
});

test("npm run docs:pdf prints both guides with the system Chromium; the download link then shows and serves the PDF", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/docs-pdf.ts"], {
    env: { ...process.env, DOCS_BASE_URL: baseURL!, DATA_DIR },
    encoding: "utf8",
    timeout: 150_000,
  });
  expect(run.status, run.stderr).toBe(0);
  for (const guide of PRINTABLE_GUIDES) {
    const pdf = readFileSync(path.join(DATA_DIR, "guides", `${guide.id}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(20_000);
  }
  await page.goto("/docs/print/token-developer-guide");
  const link = page.getByRole("link", { name: "Download PDF" });
  await expect(link).toBeVisible();
  const res = await page.request.get((await link.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await page.goto("/docs/faq");
  await expect(page.getByRole("complementary").getByRole("link", { name: "PDF of the API Console User Guide" })).toBeVisible();
});
