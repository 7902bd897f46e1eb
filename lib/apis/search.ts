// Catalog search (pure): case-insensitive matching across name, summary and documentation, ranked
// (name > summary > documentation), with highlighted segments and a snippet around the first match
// in the documentation. Runs in memory over the entitled catalog, prepared once (searchIndex: the lower-case
// forms and the documentation as plain text) and kept with it, so a query compares strings and highlights
// only the hits it shows.
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

/** An API with the lower-case forms search compares, computed once per catalog (not per query). */
interface Indexed {
  item: Searchable;
  name: string;
  nameWords: Set<string>;
  summary: string;
  docs: string;
  docsLower: string;
}

/** A catalog prepared for search: keep it as long as the catalog it was made from (lib/apis/catalog.ts). */
export interface SearchIndex {
  readonly entries: readonly Indexed[];
}

export function searchIndex(items: readonly Searchable[]): SearchIndex {
  return {
    entries: items.map((item) => {
      const name = item.name.toLowerCase();
      const docs = plainDocs(item.documentation);
      return {
        item,
        name,
        nameWords: new Set(name.split(/[^\p{L}\p{N}]+/u)),
        summary: item.summary.toLowerCase(),
        docs,
        docsLower: docs.toLowerCase(),
      };
    }),
  };
}

const slugOrder = new Intl.Collator().compare; // String#localeCompare's order, without a collator per call

/**
 * The `limit` best APIs for `query`, every term matching somewhere (name 10 + whole word 8 + prefix 5,
 * summary 3, documentation 1 per term); ties by slug. Only the hits shown are highlighted.
 */
export function searchCatalog(catalog: readonly Searchable[] | SearchIndex, query: string, limit = 50): SearchHit[] {
  const terms = normaliseQuery(query);
  if (!terms.length) return [];
  const { entries } = Array.isArray(catalog) ? searchIndex(catalog as readonly Searchable[]) : (catalog as SearchIndex);
  const scored: { entry: Indexed; score: number }[] = [];
  for (const entry of entries) {
    let score = 0;
    let all = true;
    for (const t of terms) {
      const s =
        (entry.name.includes(t) ? 10 : 0) +
        (entry.nameWords.has(t) ? 8 : 0) +
        (entry.name.startsWith(t) ? 5 : 0) +
        (entry.summary.includes(t) ? 3 : 0) +
        (entry.docsLower.includes(t) ? 1 : 0);
      if (s === 0) {
        all = false;
        break;
      }
      score += s;
    }
    if (all) scored.push({ entry, score });
  }
  scored.sort((a, b) => b.score - a.score || slugOrder(a.entry.item.slug, b.entry.item.slug));
  return scored.slice(0, limit).map(({ entry, score }) => ({
    id: entry.item.id,
    slug: entry.item.slug,
    name: highlight(entry.item.name, terms),
    summary: highlight(entry.item.summary, terms),
    snippet: terms.some((t) => entry.docsLower.includes(t)) ? snippetAround(entry.docs, terms) : null,
    score,
  }));
}
