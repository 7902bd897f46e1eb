// The one search's results: the guide's pages and headings, then (signed in) the APIs, each ranked
// and highlighted.
import Link from "next/link";
import { Highlighted } from "@/components/apis/highlighted";
import type { SearchResultsData } from "@/lib/search";

export function SearchResults({ q, docs, apis }: { q: string } & SearchResultsData) {
  return (
    <div className="space-y-8">
      <section aria-labelledby="doc-results" className="space-y-3">
        <h2 id="doc-results" className="text-lg font-semibold">
          {docs.length} result{docs.length === 1 ? "" : "s"} in the docs for “{q}”
        </h2>
        {docs.length === 0 ? <p>No page of the guide matches.</p> : null}
        <ul className="space-y-3" data-testid="doc-results">
          {docs.map((h) => (
            <li key={h.href} className="rounded-md border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
              <Link href={h.href} className="font-semibold text-brand-700 underline dark:text-brand-300">
                {h.parentTitle ? <span>{h.parentTitle} › </span> : null}
                <Highlighted segments={h.title} />
                {h.heading ? (
                  <>
                    {" › "}
                    <Highlighted segments={h.heading} />
                  </>
                ) : null}
              </Link>
              {h.snippet ? (
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                  <Highlighted segments={h.snippet} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {apis ? (
        <section aria-labelledby="api-results" className="space-y-3">
          <h2 id="api-results" className="text-lg font-semibold">
            {apis.length} API{apis.length === 1 ? "" : "s"} for “{q}”
          </h2>
          <ul className="space-y-3">
            {apis.map((h) => (
              <li key={h.id} className="rounded-md border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
                <Link href={`/apis/${h.slug}`} className="font-semibold text-brand-700 underline dark:text-brand-300">
                  <Highlighted segments={h.name} />
                </Link>
                <p className="text-sm">
                  <Highlighted segments={h.summary} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
