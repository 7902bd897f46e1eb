// The one search's results: the guide's pages and headings, then (signed in) the APIs, each ranked
// and highlighted.
import { ApiHitText, DocHitText } from "@/components/docs/search-hit";
import { PageSection } from "@/components/ui/page-section";
import type { SearchResultsData } from "@/lib/search";

function HitList<T>({
  hits,
  keyOf,
  testId,
  children,
}: {
  hits: T[];
  keyOf: (hit: T) => string;
  testId?: string;
  children: (hit: T) => React.ReactNode;
}) {
  return (
    <ul className="space-y-3" data-testid={testId}>
      {hits.map((h) => (
        <li key={keyOf(h)} className="rounded-md border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
          {children(h)}
        </li>
      ))}
    </ul>
  );
}

/** "1 result", "3 results". */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function SearchResults({ q, docs, apis }: { q: string } & SearchResultsData) {
  return (
    <div className="space-y-8">
      <PageSection id="doc-results" title={`${counted(docs.length, "result")} in the docs for “${q}”`} className="space-y-3">
        {docs.length === 0 ? <p>No page of the guide matches.</p> : null}
        <HitList hits={docs} keyOf={(h) => h.href} testId="doc-results">
          {(h) => <DocHitText hit={h} snippetClassName="mt-1 text-sm text-slate-700 dark:text-slate-300" />}
        </HitList>
      </PageSection>
      {apis ? (
        <PageSection id="api-results" title={`${counted(apis.length, "API")} for “${q}”`} className="space-y-3">
          <HitList hits={apis} keyOf={(h) => h.id}>
            {(h) => <ApiHitText hit={h} linkClassName="font-semibold" />}
          </HitList>
        </PageSection>
      ) : null}
    </div>
  );
}
