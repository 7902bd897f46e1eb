// Catalog search (pure): case-insensitive matching across name, summary and documentation, ranked
// (name > summary > documentation), with highlighted segments and a snippet around the first match
// in the documentation. Runs in memory over the entitled catalog (fast at thousands of APIs).
export interface Searchable {
  id: string;
  slug: string;
  name: string;
  summary: string;
  documentation: string;
}

export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: string;
  slug: string;
  name: Segment[];
  summary: Segment[];
  snippet: Segment[] | null;
  score: number;
}

const MAX_QUERY = 100;

export function normaliseQuery(q: string): string[] {
  return q
    .slice(0, MAX_QUERY)
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 8);
}

/** Splits `text` into matched and unmatched segments for every occurrence of any term. */
export function highlight(text: string, terms: string[]): Segment[] {
  if (!terms.length || !text) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    let from = 0;
    for (;;) {
      const i = lower.indexOf(term, from);
      if (i < 0) break;
      for (let k = i; k < i + term.length; k++) marks[k] = true;
      from = i + term.length;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out.at(-1);
    if (last && last.match === marks[i]) last.text += text[i];
    else out.push({ text: text[i]!, match: marks[i]! });
  }
  return out;
}

function plainDocs(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/[#*_`>\[\]()!-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function snippetAround(text: string, terms: string[], radius = 60): Segment[] | null {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0));
  if (!Number.isFinite(first)) return null;
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + radius * 2);
  const piece = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  return highlight(piece, terms);
}

export function searchCatalog(items: readonly Searchable[], query: string, limit = 50): SearchHit[] {
  const terms = normaliseQuery(query);
  if (!terms.length) return [];
  const hits: SearchHit[] = [];
  for (const item of items) {
    const name = item.name.toLowerCase();
    const nameWords = new Set(name.split(/[^\p{L}\p{N}]+/u));
    const summary = item.summary.toLowerCase();
    const docs = plainDocs(item.documentation);
    const docsLower = docs.toLowerCase();
    let score = 0;
    let all = true;
    for (const t of terms) {
      const s =
        (name.includes(t) ? 10 : 0) +
        (nameWords.has(t) ? 8 : 0) +
        (name.startsWith(t) ? 5 : 0) +
        (summary.includes(t) ? 3 : 0) +
        (docsLower.includes(t) ? 1 : 0);
      if (s === 0) all = false;
      score += s;
    }
    if (!all) continue;
    hits.push({
      id: item.id,
      slug: item.slug,
      name: highlight(item.name, terms),
      summary: highlight(item.summary, terms),
      snippet: terms.some((t) => docsLower.includes(t)) ? snippetAround(docs, terms) : null,
      score,
    });
  }
  return hits.sort((a, b) => b.score - a.score || a.slug.localeCompare(b.slug)).slice(0, limit);
}
