import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { MaybeShell } from "@/components/layout/maybe-shell";
import { LocalTime } from "@/components/time/local-time";
import { TextLink } from "@/components/ui/text-link";
import { currentTerms, listTermsVersions, termsVersion } from "@/lib/terms";

export const metadata: Metadata = { title: "Terms of Service" };
export const dynamic = "force-dynamic";

/** The terms body: "## " lines are headings, blank lines separate paragraphs. Rendered as text only. */
function TermsBody({ body }: { body: string }) {
  return (
    <div className="space-y-4">
      {body.split(/\n\s*\n/).map((block, i) =>
        block.startsWith("## ") ? (
          <h2 key={i} className="pt-2 text-lg font-semibold">
            {block.slice(3)}
          </h2>
        ) : (
          <p key={i} className="whitespace-pre-line">
            {block}
          </p>
        ),
      )}
    </div>
  );
}

export default async function TermsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const current = await currentTerms();
  const asked = typeof params.version === "string" ? params.version : null;
  const terms = asked ? await termsVersion(asked) : current;
  if (!terms) notFound();
  const versions = await listTermsVersions();
  const isCurrent = terms.version === current?.version;
  return (
    <MaybeShell>
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-semibold">{terms.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="terms-version">
          Version {terms.version}
          {isCurrent ? " (current)" : " (no longer current)"}, published <LocalTime date={terms.publishedAt} />
        </p>
        <TermsBody body={terms.body} />
        {versions.length > 1 ? (
          <nav aria-label="Versions" className="border-t border-slate-200 pt-4 text-sm dark:border-slate-800">
            <h2 className="font-medium">All versions</h2>
            <ul>
              {versions.map((v) => (
                <li key={v.version}>
                  <TextLink href={`/terms?version=${encodeURIComponent(v.version)}`}>{v.version}</TextLink>
                  {v.version === current?.version ? " (current)" : ""}
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </MaybeShell>
  );
}
