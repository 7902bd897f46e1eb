// Pure: the outline of an MDX page — its headings (with the ids rehype-slug gives them, through the
// same github-slugger) and the plain text of each section, for the table of contents and search.
import GithubSlugger from "github-slugger";

export interface Heading {
  depth: 2 | 3;
  text: string;
  id: string;
}

export interface Section {
  /** null for the text before the first heading. */
  heading: Heading | null;
  text: string;
}

/** Emphasis marks to nothing; underscores only at word edges, as GitHub-flavoured Markdown reads them. */
function withoutEmphasis(md: string): string {
  return md
    .replace(/\*\*(.*?)\*\*/g, "$1")
    .replace(/\*(.*?)\*/g, "$1")
    .replace(/(?<![A-Za-z0-9_])(__|_)(?=\S)(.*?\S)\1(?![A-Za-z0-9_])/g, "$2");
}

/** Inline Markdown to the text a reader sees (what rehype-slug slugs). Code spans keep their text as is. */
export function inlineText(md: string): string {
  const links = md.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
  return links
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1 ? part.slice(1, -1) : withoutEmphasis(part)))
    .join("")
    .trim();
}

function plain(md: string): string {
  return inlineText(
    md
      .replace(/<[^>]+>/g, " ")
      .replace(/^\s*[|>#-]+/gm, " ")
      .replace(/\|/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
}

/** Splits the page into sections at `##` / `###` headings; code fences stay in their section's text. */
export function outline(source: string): { headings: Heading[]; sections: Section[] } {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  const sections: Section[] = [];
  let current: Section = { heading: null, text: "" };
  let buffer: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    current.text = plain(buffer.join("\n"));
    sections.push(current);
    buffer = [];
  };
  for (const line of source.split("\n")) {
    const f = /^\s*(```|~~~)/.exec(line);
    if (f) {
      fence = fence === null ? f[1]! : fence === f[1] ? null : fence;
      buffer.push(line.replace(/^\s*(```|~~~)\S*/, ""));
      continue;
    }
    if (fence === null) {
      const h = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
      if (h) {
        const text = inlineText(h[2]!);
        const id = slugger.slug(text);
        const depth = h[1]!.length;
        if (depth === 2 || depth === 3) {
          flush();
          const heading: Heading = { depth, text, id };
          headings.push(heading);
          current = { heading, text: "" };
          continue;
        }
      }
    }
    buffer.push(line);
  }
  flush();
  return { headings, sections: sections.filter((s) => s.heading || s.text) };
}
