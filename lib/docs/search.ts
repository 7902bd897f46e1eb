// Pure: search over the guide's pages and their headings, ranked (page title > heading > text) and
// highlighted like the catalog search (lib/apis/search.ts), with a snippet around the first match.
import { highlight, normaliseQuery, type Segment } from "../apis/search";
import type { Section } from "./outline";

export interface DocSearchable {
  href: string;
  title: string;
  /** e.g. "OAuth 2.0 Topics" for a page under it. */
  parentTitle: string | null;
  sections: Section[];
}

export interface DocHit {
  href: string;
  title: Segment[];
  parentTitle: string | null;
  heading: Segment[] | null;
  snippet: Segment[] | null;
  score: number;
}

function snippet(text: string, terms: string[], radius = 70): Segment[] | null {
  const lower = text.toLowerCase();
  const positions = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
  if (!positions.length) return null;
  const first = Math.min(...positions);
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius * 2);
  return highlight((start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : ""), terms);
}

/** Every term must appear in the page title, the section's heading or its text. */
export function searchDocs(pages: readonly DocSearchable[], query: string, limit = 20): DocHit[] {
  const terms = normaliseQuery(query);
  if (!terms.length) return [];
  const phrase = terms.join(" ");
  const hits: DocHit[] = [];
  for (const page of pages) {
    const title = page.title.toLowerCase();
    for (const section of page.sections) {
      const heading = section.heading?.text.toLowerCase() ?? "";
      const text = section.text.toLowerCase();
      let score = 0;
      let all = true;
      for (const t of terms) {
        const s = (title.includes(t) ? 10 : 0) + (heading.includes(t) ? 5 : 0) + (text.includes(t) ? 1 : 0);
        if (s === 0) all = false;
        score += s;
      }
      if (!all) continue;
      if (terms.length > 1) {
        // The words together, as typed, rank above the words apart.
        score += (title.includes(phrase) ? 12 : 0) + (heading.includes(phrase) ? 6 : 0) + (text.includes(phrase) ? 2 : 0);
      }
      hits.push({
        href: page.href + (section.heading ? `#${section.heading.id}` : ""),
        title: highlight(page.title, terms),
        parentTitle: page.parentTitle,
        heading: section.heading ? highlight(section.heading.text, terms) : null,
        snippet: snippet(section.text, terms),
        score,
      });
    }
  }
  // One hit per page and heading; the best first.
  return hits.sort((a, b) => b.score - a.score || a.href.localeCompare(b.href)).slice(0, limit);
}
