import type { Metadata } from "next";
import { SearchResults } from "@/components/docs/search-results";
import { searchEverything } from "@/lib/search";

export const metadata: Metadata = { title: "Search · Docs" };

export default async function DocsSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100).trim() ?? "";
  const { docs, apis } = q ? await searchEverything(q) : { docs: [], apis: null };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Search</h1>
      <form role="search" action="/docs/search" className="flex max-w-xl gap-2">
        <label htmlFor="docs-search-page" className="sr-only">
          Search the docs and APIs
        </label>
        <input
          id="docs-search-page"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          className="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium dark:border-slate-600">
          Search
        </button>
      </form>
      {q ? (
        <SearchResults q={q} docs={docs} apis={apis} />
      ) : (
        <p>Type a word or two: the guide’s pages and headings are searched{"; "}signed in, the APIs you may use too.</p>
      )}
    </div>
  );
}
