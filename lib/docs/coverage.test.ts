// The guide keeps up with the console: every variable of the README's configuration table (and every
// variable lib/env.ts reads) belongs to a feature area whose guide page exists, names the variable, and
// is what the guide's search answers for the area; every feature a user reaches has a page that the
// search lists first for the words a reader would type.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_DIR, searchGuide } from "./content";
import { CONFIG_AREAS, FEATURE_PAGES } from "./coverage";
import { DOC_PAGES, docHref, findDocPage } from "./manifest";

const ROOT = process.cwd();

/** The variables named in the first column of the README's "## Configuration" table. */
async function readmeVariables(): Promise<string[]> {
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## Configuration");
  expect(start, "README.md has a ## Configuration section").toBeGreaterThan(0);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const names: string[] = [];
  for (const line of section.split("\n")) {
    const first = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!first) continue;
    for (const m of first.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.push(m[1]!);
  }
  return names;
}

async function pageText(slug: string): Promise<string> {
  const page = findDocPage(slug);
  expect(page, `guide page "${slug}"`).toBeDefined();
  return readFile(path.join(DOCS_DIR, `${page!.file}.mdx`), "utf8");
}

function pageOfHit(href: string): string {
  return href.split("#")[0]!;
}

describe("the guide documents every configuration area", () => {
  it("places every variable of the README's configuration table in exactly one area, and no other", async () => {
    const readme = await readmeVariables();
    expect(readme.length).toBeGreaterThan(20);
    const mapped = CONFIG_AREAS.flatMap((a) => a.variables);
    for (const name of readme)
      expect(
        mapped.filter((v) => v === name),
        `${name}: add it to one area of lib/docs/coverage.ts`,
      ).toHaveLength(1);
    for (const name of mapped) expect(readme, `${name} is mapped but not in the README's configuration table`).toContain(name);
  });

  it("lists every variable lib/env.ts validates in the README's configuration table", async () => {
    const source = await readFile(path.join(ROOT, "lib", "env.ts"), "utf8");
    const schema = source.slice(source.indexOf("z.object({"), source.indexOf("\n});", source.indexOf("z.object({")));
    const validated = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!).filter((n) => n !== "NODE_ENV");
    expect(validated.length).toBeGreaterThan(20);
    const readme = await readmeVariables();
    for (const name of validated) expect(readme, `${name} is read by lib/env.ts but missing from the README's table`).toContain(name);
  });

  it("documents each area on pages that exist, name each of its variables, and that search finds", async () => {
    for (const area of CONFIG_AREAS) {
      const texts = await Promise.all(area.pages.map(pageText));
      for (const name of area.variables)
        expect(
          texts.some((t) => t.includes(name)),
          `${area.area}: ${name} on ${area.pages.join(" or ")}`,
        ).toBe(true);
      // Names like SMTP_URL are what an operator types; a plain word such as PORT matches too much prose.
      for (const name of area.variables.filter((v) => v.includes("_"))) {
        const found = (await searchGuide(name)).slice(0, 3).map((h) => pageOfHit(h.href));
        expect(
          area.pages.map(docHref).some((href) => found.includes(href)),
          `search "${name}" finds ${area.pages.join(" or ")}`,
        ).toBe(true);
      }
      const hits = await searchGuide(area.query);
      expect(
        hits.slice(0, 5).map((h) => pageOfHit(h.href)),
        `search "${area.query}" lists ${area.pages[0]} in its first five hits`,
      ).toContain(docHref(area.pages[0]!));
    }
  });
});

describe("the guide has a page for every feature a user reaches", () => {
  it.each(FEATURE_PAGES.map((f) => [f.query, f.page]))('search "%s" lists %s first', async (query, slug) => {
    expect(DOC_PAGES.some((p) => p.slug === slug)).toBe(true);
    const hits = await searchGuide(query);
    expect(hits.length, query).toBeGreaterThan(0);
    expect(pageOfHit(hits[0]!.href)).toBe(docHref(slug));
  });

  it("links the management API page to its OpenAPI reference", async () => {
    expect(await pageText("management-api")).toContain("](/api/v1/openapi.json)");
  });
});
