// A searchable list read in keyset pages (My Applications, the company's apps): the search form (a GET
// form, the words stay in the address) and the pages' links, the previous and next page addressed by
// cursors (lib/apps/queries appKeysetPage). Server components; no domain knowledge.
import { buttonClass } from "@/components/ui/button-class";
import { controlClass } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";

/** The list's address with its search and cursor (empty ones left out). */
export function listHref(basePath: string, params: { q?: string; after?: string; before?: string }): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) s.set(k, v);
  const text = s.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** "12 applications", or "More than 1,000 applications" when the count stopped at its cap. */
export function countLabel(total: number, capped: boolean, one: string, many: string): string {
  return capped ? `More than ${total.toLocaleString("en")} ${many}` : `${total.toLocaleString("en")} ${total === 1 ? one : many}`;
}

export function ListSearch({ basePath, id, label, q }: { basePath: string; id: string; label: string; q: string }) {
  return (
    <form action={basePath} method="get" role="search" className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm font-medium">
          {label}
        </label>
        <input id={id} name="q" type="search" defaultValue={q} maxLength={100} className={`${controlClass} w-72 max-w-full`} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
      {q ? (
        <TextLink href={basePath} className="px-2 py-2 text-sm">
          Clear search
        </TextLink>
      ) : null}
    </form>
  );
}

export function ListPages({
  basePath,
  q,
  summary,
  prevCursor,
  nextCursor,
  newerLabel,
  olderLabel,
}: {
  basePath: string;
  q: string;
  /** What the list holds, e.g. "12 applications matching “x”". */
  summary: string;
  prevCursor: string | null;
  nextCursor: string | null;
  newerLabel: string;
  olderLabel: string;
}) {
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-4 text-sm">
      <span className="text-slate-600 dark:text-slate-400">{summary}</span>
      {prevCursor ? <TextLink href={listHref(basePath, { q, before: prevCursor })}>{newerLabel}</TextLink> : null}
      {nextCursor ? <TextLink href={listHref(basePath, { q, after: nextCursor })}>{olderLabel}</TextLink> : null}
    </nav>
  );
}
