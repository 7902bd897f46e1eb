import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { docsComponents } from "@/components/docs/mdx-components";
import { PrintButton } from "@/components/docs/print-button";
import { TextLink } from "@/components/ui/text-link";
import { loadDoc } from "@/lib/docs/content";
import { PRINTABLE_GUIDES } from "@/lib/docs/manifest";
import { availablePdfs } from "@/lib/docs/pdf";

type Props = { params: Promise<{ guide: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { guide: id } = await params;
  const g = PRINTABLE_GUIDES.find((x) => x.id === id);
  return { title: g ? g.title : "Not found" };
}

/** One guide on one page, for printing (the print stylesheet hides the frame) and for the PDF script. */
export default async function PrintableGuidePage({ params }: Props) {
  const { guide: id } = await params;
  const guide = PRINTABLE_GUIDES.find((g) => g.id === id);
  if (!guide) notFound();
  const docs = await Promise.all(guide.pages.map((slug) => loadDoc(slug, { print: true })!));
  const hasPdf = (await availablePdfs()).includes(guide.id);
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-6 flex flex-wrap items-center gap-3 print:hidden">
        <PrintButton />
        {hasPdf ? (
          <TextLink anchor href={`/docs/pdf/${guide.id}`} download className="text-sm font-medium">
            Download PDF
          </TextLink>
        ) : null}
      </div>
      <h1 className="text-4xl font-semibold tracking-tight">{guide.title}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">API Console — the public guide, printable edition.</p>
      <nav aria-label="Contents" className="mt-6">
        <h2 className="text-lg font-semibold">Contents</h2>
        <ol className="mt-2 ml-6 list-decimal space-y-1">
          {docs.map((d) => (
            <li key={d.page.slug}>
              <TextLink anchor href={`#part-${d.page.slug.replace(/\//g, "-") || "introduction"}`}>
                {d.page.title}
              </TextLink>
            </li>
          ))}
        </ol>
      </nav>
      {docs.map(({ page, Content }) => (
        <section
          key={page.slug}
          id={`part-${page.slug.replace(/\//g, "-") || "introduction"}`}
          aria-labelledby={`title-${page.slug.replace(/\//g, "-") || "introduction"}`}
          className="print-page mt-12"
        >
          <h2
            id={`title-${page.slug.replace(/\//g, "-") || "introduction"}`}
            className="border-b-2 border-slate-300 pb-2 text-3xl font-semibold dark:border-slate-700"
          >
            {page.title}
          </h2>
          <div className="docs-prose mt-4">
            <Content components={docsComponents} />
          </div>
        </section>
      ))}
      <p className="mt-12 text-sm print:hidden">
        <TextLink href="/docs">Back to the guide</TextLink>
      </p>
    </div>
  );
}
