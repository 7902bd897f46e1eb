import type { Metadata } from "next";
import { Highlighted } from "@/components/apis/highlighted";
import { ResultsFor } from "@/components/docs/search-hit";
import { PageSection } from "@/components/ui/page-section";
import { SearchBox } from "@/components/ui/search-box";
import { TextLink } from "@/components/ui/text-link";
import { searchConsole } from "@/lib/search";
import { requireViewer } from "@/lib/server/session";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer("/search");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 100).trim() ?? "";
  const hits = q ? await searchConsole(viewer, q, 10) : [];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Search</h1>
      <SearchBox
        action="/search"
        id="search-page"
        label="Search the console"
        q={q}
        placeholder="Apps, APIs, docs…"
        className="flex max-w-xl gap-2"
        inputClassName="min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-3 py-2 text-sm dark:border-slate-400 dark:bg-slate-900"
        buttonClassName="rounded-md border border-slate-500 px-3 py-2 text-sm font-medium dark:border-slate-400"
      />
      {!q ? (
        <p>
          Type a word or two: your apps, the APIs you may use and the guide are searched (companies and people too, for administrators).
          Ctrl K or ⌘K opens the search from any page.
        </p>
      ) : (
        <PageSection id="results-heading" title={<ResultsFor count={hits.length} q={q} />} className="space-y-3">
          {hits.length === 0 ? (
            <p>
              Nothing matches. Try another word, or browse <TextLink href="/apis">the APIs</TextLink> and{" "}
              <TextLink href="/docs">the guide</TextLink>.
            </p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
              {hits.map((h) => (
                <li key={`${h.kind} ${h.href}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3">
                  <span
                    className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100"
                    data-testid="search-kind"
                  >
                    {h.kind}
                  </span>
                  <TextLink href={h.href} className="font-semibold">
                    <Highlighted segments={h.title} />
                  </TextLink>
                  {h.detail.length ? (
                    <span className="min-w-0 basis-full text-sm text-slate-600 sm:basis-auto dark:text-slate-400">
                      <Highlighted segments={h.detail} />
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </PageSection>
      )}
    </div>
  );
}
