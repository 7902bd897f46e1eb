import "server-only";
// The guide's MDX sources (content/docs/*.mdx, in the repository) compiled on the server with
// @mdx-js/mdx: GitHub-flavoured Markdown, heading ids (rehype-slug) and code highlighted by Shiki
// (light and dark themes as CSS variables; no network, no client JavaScript). Compiled once per
// process; the outline (table of contents, search index) comes from the same source.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { evaluate } from "@mdx-js/mdx";
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import type { MDXComponents } from "mdx/types";
import * as runtime from "react/jsx-runtime";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import { createHighlighter, type Highlighter } from "shiki";
import { DOC_PAGES, docHref, type DocPage, findDocPage } from "./manifest";
import { type Heading, outline, type Section } from "./outline";
import { type DocHit, type DocSearchable, searchDocs } from "./search";

export const DOCS_DIR = path.join(process.cwd(), "content", "docs");

type Content = (props: { components?: MDXComponents }) => React.ReactNode;

export interface LoadedDoc {
  page: DocPage;
  Content: Content;
  headings: Heading[];
  sections: Section[];
}

const cache = new Map<string, Promise<LoadedDoc>>(); // memo: built from the docs files, same in every copy

async function source(page: DocPage): Promise<string> {
  return readFile(path.join(DOCS_DIR, `${page.file}.mdx`), "utf8");
}

// One highlighter per process (grammars and themes load once), shared by every page's compilation.
const THEMES = { light: "github-light-high-contrast", dark: "github-dark-high-contrast" } as const;
const LANGS = ["bash", "shell", "typescript", "javascript", "python", "json", "http", "nginx", "text"];
let highlighter: Promise<Highlighter> | null = null; // memo: built from the docs files, same in every copy
function sharedHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: Object.values(THEMES), langs: LANGS.filter((l) => l !== "text") });
  highlighter.catch(() => (highlighter = null));
  return highlighter;
}

async function compile(page: DocPage, print: boolean): Promise<LoadedDoc> {
  const text = await source(page);
  const shiki = await sharedHighlighter();
  const { default: Content } = await evaluate(text, {
    ...(runtime as unknown as Parameters<typeof evaluate>[1]),
    remarkPlugins: [remarkGfm],
    // The printable guide puts several pages on one: no heading ids there, so none repeats.
    rehypePlugins: [
      ...(print ? [] : [rehypeSlug]),
      // The high-contrast GitHub themes: every token colour passes WCAG AA on its background.
      () => rehypeShikiFromHighlighter(shiki, { themes: THEMES, defaultColor: false, fallbackLanguage: "text" }),
    ],
  });
  const { headings, sections } = outline(text);
  return { page, Content: Content as Content, headings, sections };
}

/** The page with that slug, compiled (cached), or null when the guide has no such page. */
export function loadDoc(slug: string, opts: { print?: boolean } = {}): Promise<LoadedDoc> | null {
  const page = findDocPage(slug);
  if (!page) return null;
  const key = (opts.print ? "print:" : "page:") + slug;
  const dev = process.env.NODE_ENV === "development";
  let entry = dev ? undefined : cache.get(key);
  if (!entry) {
    entry = compile(page, opts.print ?? false);
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

let index: Promise<DocSearchable[]> | null = null; // memo: built from the docs files, same in every copy

/** The search index of the guide: every page's sections (read once per process). */
function docIndex(): Promise<DocSearchable[]> {
  if (!index || process.env.NODE_ENV === "development") {
    index = Promise.all(
      DOC_PAGES.map(async (page) => {
        const { sections } = outline(await source(page));
        const parent = page.parent === null ? null : findDocPage(page.parent);
        return { href: docHref(page.slug), title: page.title, parentTitle: parent && parent.slug !== "" ? parent.title : null, sections };
      }),
    );
    index.catch(() => (index = null));
  }
  return index;
}

export async function searchGuide(query: string, limit?: number): Promise<DocHit[]> {
  return searchDocs(await docIndex(), query, limit);
}

let warming = false; // memo: built from the docs files, same in every copy
/** Compiles every page in the background once per process, so readers after the first wait for none. */
export function warmDocs(): void {
  if (warming || process.env.NODE_ENV === "development") return;
  warming = true;
  void (async () => {
    for (const page of DOC_PAGES) await loadDoc(page.slug)?.catch(() => undefined);
  })();
}
