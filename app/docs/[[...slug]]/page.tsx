import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { docsComponents } from "@/components/docs/mdx-components";
import { TextLink } from "@/components/ui/text-link";
import { loadDoc } from "@/lib/docs/content";
import { ancestors, docHref, findDocPage, neighbours, PRINTABLE_GUIDES } from "@/lib/docs/manifest";

type Props = { params: Promise<{ slug?: string[] }> };

function slugOf(parts: string[] | undefined): string {
  return (parts ?? []).join("/");
}

/** One of the pager's links (the previous, the parent or the next page) with the page's title under it. */
function Neighbour({
  page,
  label,
  rel,
  className,
}: {
  page: { slug: string; title: string } | null | undefined;
  label: string;
  rel?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      {page ? (
        <>
          <TextLink href={docHref(page.slug)} rel={rel} className="font-semibold">
            {label}
          </TextLink>
          <p className="text-slate-600 dark:text-slate-400">{page.title}</p>
        </>
      ) : null}
    </div>
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = findDocPage(slugOf((await params).slug));
  return page ? { title: `${page.title} · Docs`, description: page.description } : { title: "Not found" };
}

export default async function DocPageView({ params }: Props) {
  const slug = slugOf((await params).slug);
  const loading = loadDoc(slug);
  if (!loading) notFound();
  const { page, Content, headings } = await loading;
  const { previous, up, next } = neighbours(slug);
  const printable = PRINTABLE_GUIDES.find(
    (g) => (g.pages as readonly string[]).includes(slug) && (slug === "api-user-guide" || slug === "token-developer-guide"),
  );
  return (
    <div className="flex flex-col gap-8 xl:flex-row">
      <article className="min-w-0 flex-1">
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400">
          <ol className="flex flex-wrap gap-1">
            {[...ancestors(slug)].map((a) => (
              <li key={a.slug}>
                <TextLink href={docHref(a.slug)}>{a.title}</TextLink> /
              </li>
            ))}
            <li aria-current="page">{page.title}</li>
          </ol>
        </nav>
        <h1 className="text-3xl font-semibold tracking-tight">{page.title}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{page.description}</p>
        {printable ? (
          <p className="mt-2 text-sm">
            <TextLink href={`/docs/print/${printable.id}`} className="font-medium">
              Printable {printable.title}
            </TextLink>
          </p>
        ) : null}
        <div className="docs-prose mt-6">
          <Content components={docsComponents} />
        </div>
        <nav aria-label="Pages" className="mt-12 grid gap-3 border-t border-slate-200 pt-6 text-sm sm:grid-cols-3 dark:border-slate-800">
          <Neighbour page={previous} label="Previous" rel="prev" />
          <Neighbour page={up} label="Up" className="sm:text-center" />
          <Neighbour page={next} label="Next" rel="next" className="sm:text-right" />
        </nav>
      </article>
      {headings.length ? (
        <nav aria-label="On this page" className="xl:sticky xl:top-4 xl:w-56 xl:shrink-0 xl:self-start">
          <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">On this page</h2>
          <ul className="space-y-1 text-sm">
            {headings.map((h) => (
              <li key={h.id} className={h.depth === 3 ? "ml-3" : undefined}>
                <a href={`#${h.id}`} className="text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
                  {h.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
