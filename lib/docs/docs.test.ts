// The guide's content: every page compiles, the outline matches the ids rehype-slug gives, internal
// links point at pages that exist, and the search finds what a reader looks for.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DOCS_DIR, loadDoc, searchGuide } from "./content";
import { ancestors, DOC_PAGES, docHref, neighbours, PRINTABLE_GUIDES } from "./manifest";
import { inlineText, outline } from "./outline";
import { searchDocs } from "./search";

describe("the guide", () => {
  it("has one MDX file per page and no page without a file", async () => {
    const files: string[] = [];
    for (const entry of await readdir(DOCS_DIR, { recursive: true }))
      if (String(entry).endsWith(".mdx"))
        files.push(
          String(entry)
            .replace(/\.mdx$/, "")
            .split(path.sep)
            .join("/"),
        );
    expect(files.sort()).toEqual(DOC_PAGES.map((p) => p.file).sort());
    for (const g of PRINTABLE_GUIDES) for (const slug of g.pages) expect(DOC_PAGES.some((p) => p.slug === slug)).toBe(true);
  });

  it("compiles every page with heading ids that the table of contents links to", async () => {
    for (const page of DOC_PAGES) {
      const doc = await loadDoc(page.slug)!;
      const html = renderToStaticMarkup(createElement(doc.Content, {}));
      expect(html.length, page.slug).toBeGreaterThan(500);
      expect(doc.headings.length, page.slug).toBeGreaterThan(1);
      for (const h of doc.headings) expect(html, `${page.slug}#${h.id}`).toContain(`id="${h.id}"`);
      // Shiki highlighted the code blocks (light and dark colours as variables).
      if (html.includes("<pre")) expect(html, page.slug).toContain("--shiki-dark");
    }
  }, 300_000); // two dozen pages through MDX and Shiki: ~20 s on an idle machine

  it("links only to pages of the guide, anchors that exist, or console pages", async () => {
    const consolePaths = new Set(["/signup", "/signin", "/apps", "/apis", "/account", "/api/v1/openapi.json"]);
    for (const page of DOC_PAGES) {
      const source = await readFile(path.join(DOCS_DIR, `${page.file}.mdx`), "utf8");
      for (const m of source.matchAll(/\]\((\/[^)\s]*)\)/g)) {
        const [target, hash] = m[1]!.split("#");
        if (target!.startsWith("/docs/screenshots/")) continue;
        if (consolePaths.has(target!)) continue;
        const linked = DOC_PAGES.find((p) => docHref(p.slug) === target);
        expect(linked, `${page.slug} → ${m[1]}`).toBeDefined();
        if (hash)
          expect(outline(await readFile(path.join(DOCS_DIR, `${linked!.file}.mdx`), "utf8")).headings.map((h) => h.id)).toContain(hash);
      }
    }
  });

  it("walks Previous / Next through every page in order, and Up to the parent", () => {
    let slug: string | undefined = DOC_PAGES[0]!.slug;
    const seen: string[] = [];
    while (slug !== undefined) {
      seen.push(slug);
      slug = neighbours(slug).next?.slug;
    }
    expect(seen).toEqual(DOC_PAGES.map((p) => p.slug));
    expect(neighbours("oauth2/implicit").up?.slug).toBe("oauth2");
    expect(neighbours("faq").up?.slug).toBe("");
    expect(neighbours("").up).toBeNull();
    expect(ancestors("oauth2/refresh-token").map((p) => p.title)).toEqual(["Platform Introduction", "OAuth 2.0 Topics"]);
  });
});

describe("outline", () => {
  it("slugs headings like rehype-slug, ignores headings in code, keeps section text", () => {
    const o = outline(
      "Intro text.\n\n## The `code` grant\n\nBody one.\n\n```bash\n# not a heading\n```\n\n### Errors\n\nBad.\n\n## Errors\n\nAgain.",
    );
    expect(o.headings).toEqual([
      { depth: 2, text: "The code grant", id: "the-code-grant" },
      { depth: 3, text: "Errors", id: "errors" },
      { depth: 2, text: "Errors", id: "errors-1" },
    ]);
    expect(o.sections[0]).toEqual({ heading: null, text: "Intro text." });
    expect(o.sections[1]!.text).toContain("not a heading");
  });

  it("keeps underscores inside words and code (variable names stay searchable), strips emphasis", () => {
    expect(inlineText("Set `CONSOLE_ADMIN_EMAIL` and OAUTH_RATE_LIMIT_PER_MINUTE, *not* _this_ or **that**")).toBe(
      "Set CONSOLE_ADMIN_EMAIL and OAUTH_RATE_LIMIT_PER_MINUTE, not this or that",
    );
    expect(inlineText("`**kept**` and __bold__")).toBe("**kept** and bold");
  });
});

describe("search", () => {
  it("finds refresh token in OAuth 2.0 Topics, the Refresh Token page first, highlighted", async () => {
    const hits = await searchGuide("refresh token");
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.href.startsWith("/docs/oauth2/refresh-token")).toBe(true);
    expect(hits[0]!.parentTitle).toBe("OAuth 2.0 Topics");
    expect(hits[0]!.title.some((s) => s.match && s.text.toLowerCase() === "refresh")).toBe(true);
  });

  it("ranks title over heading over text and needs every word", () => {
    const pages = [
      { href: "/docs/a", title: "Alpha", parentTitle: null, sections: [{ heading: null, text: "mentions beta once" }] },
      { href: "/docs/b", title: "Beta", parentTitle: null, sections: [{ heading: null, text: "about it" }] },
      {
        href: "/docs/c",
        title: "Gamma",
        parentTitle: null,
        sections: [{ heading: { depth: 2 as const, text: "Beta here", id: "beta-here" }, text: "x" }],
      },
    ];
    expect(searchDocs(pages, "beta").map((h) => h.href)).toEqual(["/docs/b", "/docs/c#beta-here", "/docs/a"]);
    expect(searchDocs(pages, "beta zzz")).toEqual([]);
    expect(searchDocs(pages, "   ")).toEqual([]);
  });
});
