import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApiHitText, DocHitText, ResultsFor } from "@/components/docs/search-hit";
import { Card } from "@/components/ui/card";
import { ListPages } from "@/components/ui/keyset-list";
import { PageSection } from "@/components/ui/page-section";
import { SearchBox } from "@/components/ui/search-box";
import { TextLink } from "@/components/ui/text-link";
import { listCatalogPage, searchApis } from "@/lib/apis/catalog";
import { catalogScopeFor } from "@/lib/apis/scope";
import { searchGuide } from "@/lib/docs/content";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "APIs" };

export default async function ApisPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer("/apis");
  const scope = catalogScopeFor(viewer);
  if (!scope) notFound();
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const q = one(params.q)?.slice(0, 100).trim() ?? "";
  const who = scope.kind === "platform" ? "Every API of the catalog." : `The APIs ${viewer.active?.companyName} may use.`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">APIs</h1>
          <p className="text-slate-600 dark:text-slate-400">{who}</p>
        </div>
        {scope.kind === "platform" ? (
          <TextLink href="/admin/apis" className="text-sm font-medium">
            Manage the catalog
          </TextLink>
        ) : null}
      </div>
      <SearchBox
        action="/apis"
        id="api-search-page"
        label="Search APIs"
        q={q}
        placeholder="Search APIs and the docs"
        className="flex max-w-xl gap-2"
        inputClassName="flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        buttonClassName="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium dark:border-slate-600"
      />
      {q ? <SearchResults scope={scope} q={q} /> : <CatalogList scope={scope} after={one(params.after)} before={one(params.before)} />}
    </div>
  );
}

async function SearchResults({ scope, q }: { scope: NonNullable<ReturnType<typeof catalogScopeFor>>; q: string }) {
  const [hits, docs] = await Promise.all([searchApis(scope, q), searchGuide(q, 10)]);
  return (
    <>
      <PageSection id="results-heading" title={<ResultsFor count={hits.length} q={q} />} className="space-y-3">
        {hits.length === 0 ? <p>No API matches. Try another word, or clear the search to see every API.</p> : null}
        <ul className="space-y-3">
          {hits.map((h) => (
            <li key={h.id}>
              <Card className="p-4">
                <ApiHitText
                  hit={h}
                  linkClassName="text-lg font-semibold"
                  snippetClassName="mt-1 text-xs text-slate-600 dark:text-slate-400"
                />
              </Card>
            </li>
          ))}
        </ul>
      </PageSection>
      <PageSection
        id="doc-results-heading"
        title={
          <>
            {docs.length} result{docs.length === 1 ? "" : "s"} in the docs
          </>
        }
        className="space-y-3"
      >
        {docs.length === 0 ? <p>No page of the guide matches.</p> : null}
        <ul className="space-y-3">
          {docs.map((h) => (
            <li key={h.href}>
              <Card className="p-4">
                <DocHitText hit={h} snippetClassName="mt-1 text-xs text-slate-600 dark:text-slate-400" />
              </Card>
            </li>
          ))}
        </ul>
      </PageSection>
    </>
  );
}

async function CatalogList({
  scope,
  after,
  before,
}: {
  scope: NonNullable<ReturnType<typeof catalogScopeFor>>;
  after: string | undefined;
  before: string | undefined;
}) {
  const page = await listCatalogPage(scope, { after, before });
  const apis = page.items;
  if (apis.length === 0 && !after && !before) return <p>No APIs are available to your company yet. Ask the platform administrator.</p>;
  const paged = page.nextCursor !== null || page.prevCursor !== null;
  return (
    <>
      <ul className="grid gap-4 sm:grid-cols-2">
        {apis.map((api) => (
          <li key={api.id}>
            <Card className="h-full">
              <h2 className="text-lg font-semibold">
                <TextLink href={`/apis/${api.slug}`}>{api.name}</TextLink>
              </h2>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                v{api.version} · {api.status.toLowerCase()}
              </p>
              <p className="mt-2 text-sm">{api.summary}</p>
            </Card>
          </li>
        ))}
      </ul>
      {paged ? (
        <ListPages
          basePath="/apis"
          q=""
          summary={`APIs in name order, ${apis.length} on this page`}
          prevCursor={page.prevCursor}
          nextCursor={page.nextCursor}
          newerLabel="Previous APIs"
          olderLabel="Next APIs"
        />
      ) : null}
    </>
  );
}
