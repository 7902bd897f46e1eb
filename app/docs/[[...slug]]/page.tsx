import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { docsComponents } from "@/components/docs/mdx-components";
import { loadDoc } from "@/lib/docs/content";
import { ancestors, docHref, findDocPage, neighbours, PRINTABLE_GUIDES } from "@/lib/docs/manifest";

type Props = { params: Promise<{ slug?: string[] }> };

function slugOf(parts: string[] | undefined): string {
  return (parts ?? []).join("/");
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
                <Link href={docHref(a.slug)} className="text-brand-700 underline dark:text-brand-300">
                  {a.title}
                </Link>{" "}
                /
              </li>
            ))}
            <li aria-current="page">{page.title}</li>
          </ol>
        </nav>
        <h1 className="text-3xl font-semibold tracking-tight">{page.title}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">{page.description}</p>
        {printable ? (
          <p className="mt-2 text-sm">
            <Link href={`/docs/print/${printable.id}`} className="font-medium text-brand-700 underline dark:text-brand-300">
              Printable {printable.title}
            </Link>
          </p>
        ) : null}
        <div className="docs-prose mt-6">
          <Content components={docsComponents} />
        </div>
        <nav aria-label="Pages" className="mt-12 grid gap-3 border-t border-slate-200 pt-6 text-sm sm:grid-cols-3 dark:border-slate-800">
          <div>
            {previous ? (
              <>
                <Link href={docHref(previous.slug)} rel="prev" className="font-semibold text-brand-700 underline dark:text-brand-300">
                  Previous
                </Link>
                <p className="text-slate-600 dark:text-slate-400">{previous.title}</p>
              </>
            ) : null}
          </div>
          <div className="sm:text-center">
            {up ? (
              <>
                <Link href={docHref(up.slug)} className="font-semibold text-brand-700 underline dark:text-brand-300">
                  Up
                </Link>
                <p className="text-slate-600 dark:text-slate-400">{up.title}</p>
              </>
            ) : null}
          </div>
          <div className="sm:text-right">
            {next ? (
              <>
                <Link href={docHref(next.slug)} rel="next" className="font-semibold text-brand-700 underline dark:text-brand-300">
                  Next
                </Link>
                <p className="text-slate-600 dark:text-slate-400">{next.title}</p>
              </>
            ) : null}
          </div>
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
