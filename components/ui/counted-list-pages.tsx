// The pages' links of a counted keyset list (My Applications, the company's apps): "12 apps matching
// “x”", then "Newer apps" and "Older apps".
import { countLabel, ListPages } from "@/components/ui/keyset-list";

export function CountedListPages({
  basePath,
  q,
  page,
  one,
  many,
}: {
  basePath: string;
  q: string;
  page: { total: number; totalCapped: boolean; prevCursor: string | null; nextCursor: string | null };
  /** The thing listed, one and many: "app", "apps". */
  one: string;
  many: string;
}) {
  return (
    <ListPages
      basePath={basePath}
      q={q}
      summary={countLabel(page.total, page.totalCapped, one, many) + (q ? ` matching “${q}”` : "")}
      prevCursor={page.prevCursor}
      nextCursor={page.nextCursor}
      newerLabel={`Newer ${many}`}
      olderLabel={`Older ${many}`}
    />
  );
}
