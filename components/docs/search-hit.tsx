// One search hit's link and text, as the catalog's search and the docs' search both list them; each
// list keeps its own frame and type sizes.
import { Highlighted } from "@/components/apis/highlighted";
import { TextLink } from "@/components/ui/text-link";
import type { SearchHit, Segment } from "@/lib/apis/search";
import type { DocHit } from "@/lib/docs/search";

function Snippet({ segments, className }: { segments: Segment[] | null; className: string }) {
  return segments ? (
    <p className={className}>
      <Highlighted segments={segments} />
    </p>
  ) : null;
}

/** A page of the guide: "Parent › Title › Heading", then the matching words. */
export function DocHitText({ hit, snippetClassName }: { hit: DocHit; snippetClassName: string }) {
  return (
    <>
      <TextLink href={hit.href} className="font-semibold">
        {hit.parentTitle ? <span>{hit.parentTitle} › </span> : null}
        <Highlighted segments={hit.title} />
        {hit.heading ? (
          <>
            {" › "}
            <Highlighted segments={hit.heading} />
          </>
        ) : null}
      </TextLink>
      <Snippet segments={hit.snippet} className={snippetClassName} />
    </>
  );
}

/** An API of the catalog: its name, its summary and, where asked, the matching words of its docs. */
export function ApiHitText({ hit, linkClassName, snippetClassName }: { hit: SearchHit; linkClassName: string; snippetClassName?: string }) {
  return (
    <>
      <TextLink href={`/apis/${hit.slug}`} className={linkClassName}>
        <Highlighted segments={hit.name} />
      </TextLink>
      <p className="text-sm">
        <Highlighted segments={hit.summary} />
      </p>
      {snippetClassName ? <Snippet segments={hit.snippet} className={snippetClassName} /> : null}
    </>
  );
}

/** A results heading's words: "3 results for “word”". */
export function ResultsFor({ count, q }: { count: number; q: string }) {
  return (
    <>
      {count} result{count === 1 ? "" : "s"} for “{q}”
    </>
  );
}
