// Walking a role's pages through the links a person sees: the shell spec (sideways scroll at 375 px)
// and the layout spec (text over text, charts) crawl the same way.
import type { Page } from "@playwright/test";

/** Internal links of the page, the account menu's included (opened and closed again). */
export async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.locator("a[href]:not([download])").evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
  const account = page.getByRole("button", { name: /^Your account/ });
  if (await account.count()) {
    await account.click();
    hrefs.push(
      ...(await page.getByRole("menuitem").evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href ?? "").filter(Boolean))),
    );
    await page.keyboard.press("Escape");
  }
  return hrefs;
}

/** A path with its ids replaced ("/apps/app_x1/usage" → "/apps/:id/usage"): one page per kind is enough. */
export const kindOf = (path: string) => path.replace(/\/[a-z]{3}_[A-Za-z0-9]{6,}/g, "/:id");

/** Whether the crawl follows a link: same origin, a page (not a file, an API or the public guide, which has its own specs). */
export function crawlable(url: URL, origin: string): boolean {
  const file = /\.(json|ya?ml|csv|txt)$/.test(url.pathname) || url.pathname.startsWith("/usage/export");
  return !(
    url.origin !== origin ||
    file ||
    url.pathname.startsWith("/api/") ||
    url.pathname === "/docs" ||
    url.pathname.startsWith("/docs/")
  );
}

/**
 * Kinds of pages reached from the page's current address through links (paths without the query),
 * breadth first, each opened once; `visit` runs on each page once it has loaded.
 */
export async function crawl(
  page: Page,
  visit: (path: string, status: number | undefined) => Promise<void>,
  limit = 80,
): Promise<{ seen: Set<string>; paths: string[] }> {
  const origin = new URL(page.url()).origin;
  const queue = [new URL(page.url()).pathname];
  const seen = new Set<string>();
  const paths: string[] = [];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(kindOf(path))) continue;
    seen.add(kindOf(path));
    paths.push(path);
    const res = await page.goto(path);
    await visit(path, res?.status());
    for (const href of await linksOn(page)) {
      const url = new URL(href, origin);
      if (!crawlable(url, origin)) continue;
      if (!seen.has(kindOf(url.pathname)) && !queue.some((q) => kindOf(q) === kindOf(url.pathname))) queue.push(url.pathname);
    }
  }
  return { seen, paths };
}
