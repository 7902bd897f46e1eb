import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Highlighted } from "@/components/apis/highlighted";
import { Card } from "@/components/ui/card";
import { listCatalog, searchApis } from "@/lib/apis/catalog";
import { catalogScopeFor } from "@/lib/apis/scope";
import { searchGuide } from "@/lib/docs/content";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "APIs" };

export default async function ApisPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer("/apis");
  const scope = catalogScopeFor(viewer);
  if (!scope) notFound();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100).trim() ?? "";
  const who = scope.kind === "platform" ? "Every API of the catalog." : `The APIs ${viewer.active?.companyName} may use.`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">APIs</h1>
          <p className="text-slate-600 dark:text-slate-400">{who}</p>
        </div>
        {scope.kind === "platform" ? (
          <Link href="/admin/apis" className="text-sm font-medium text-brand-700 underline dark:text-brand-300">
            Manage the catalog
          </Link>
        ) : null}
      </div>
      <form role="search" action="/apis" className="flex max-w-xl gap-2">
        <label htmlFor="api-search-page" className="sr-only">
          Search APIs
        </label>
        <input
          id="api-search-page"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          placeholder="Search APIs and the docs"
          className="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium dark:border-slate-600">
          Search
        </button>
      </form>
      {q ? <SearchResults scope={scope} q={q} /> : <CatalogList scope={scope} />}
    </div>
  );
}

async function SearchResults({ scope, q }: { scope: NonNullable<ReturnType<typeof catalogScopeFor>>; q: string }) {
  const [hits, docs] = await Promise.all([searchApis(scope, q), searchGuide(q, 10)]);
  return (
    <>
      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-lg font-semibold">
          {hits.length} result{hits.length === 1 ? "" : "s"} for “{q}”
        </h2>
        {hits.length === 0 ? <p>No API matches. Try another word, or clear the search to see every API.</p> : null}
        <ul className="space-y-3">
          {hits.map((h) => (
            <li key={h.id}>
              <Card className="p-4">
                <Link href={`/apis/${h.slug}`} className="text-lg font-semibold text-brand-700 underline dark:text-brand-300">
                  <Highlighted segments={h.name} />
                </Link>
                <p className="text-sm">
                  <Highlighted segments={h.summary} />
                </p>
                {h.snippet ? (
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                    <Highlighted segments={h.snippet} />
                  </p>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="doc-results-heading" className="space-y-3">
        <h2 id="doc-results-heading" className="text-lg font-semibold">
          {docs.length} result{docs.length === 1 ? "" : "s"} in the docs
        </h2>
        {docs.length === 0 ? <p>No page of the guide matches.</p> : null}
        <ul className="space-y-3">
          {docs.map((h) => (
            <li key={h.href}>
              <Card className="p-4">
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
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                    <Highlighted segments={h.snippet} />
                  </p>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

async function CatalogList({ scope }: { scope: NonNullable<ReturnType<typeof catalogScopeFor>> }) {
  const apis = await listCatalog(scope);
  if (apis.length === 0) return <p>No APIs are available to your company yet. Ask the platform administrator.</p>;
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {apis.map((api) => (
        <li key={api.id}>
          <Card className="h-full">
            <h2 className="text-lg font-semibold">
              <Link href={`/apis/${api.slug}`} className="text-brand-700 underline dark:text-brand-300">
                {api.name}
              </Link>
            </h2>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              v{api.version} · {api.status.toLowerCase()}
            </p>
            <p className="mt-2 text-sm">{api.summary}</p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
