"use client";
// The guide's pages in reading order (OAuth 2.0 Topics' pages nested), the current one marked, and
// the printable guides (with their PDF where one was built).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { TextLink } from "@/components/ui/text-link";
import { DOC_PAGES, docHref, PRINTABLE_GUIDES } from "@/lib/docs/manifest";

/** Named once in app/globals.css: the guide lists every page, so the class string was a fifth of /docs's bytes. */
const linkClass = "docs-link";

export function DocsSidebar({ pdfs }: { pdfs: string[] }) {
  const pathname = usePathname();
  const top = DOC_PAGES.filter((p) => p.parent === null || p.parent === "");
  return (
    <div className="space-y-6">
      <nav aria-label="Guide">
        <h2 className="mb-2 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">The guide</h2>
        <ul className="space-y-0.5">
          {top.map((page) => {
            const children = DOC_PAGES.filter((c) => c.parent === page.slug && page.slug !== "");
            return (
              <li key={page.slug}>
                <Link href={docHref(page.slug)} aria-current={pathname === docHref(page.slug) ? "page" : undefined} className={linkClass}>
                  {page.title}
                </Link>
                {children.length ? (
                  <ul className="ml-3 space-y-0.5 border-l border-slate-200 pl-2 dark:border-slate-700">
                    {children.map((c) => (
                      <li key={c.slug}>
                        <Link href={docHref(c.slug)} aria-current={pathname === docHref(c.slug) ? "page" : undefined} className={linkClass}>
                          {c.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      </nav>
      <section aria-labelledby="printable-guides">
        <h2 id="printable-guides" className="mb-2 px-2 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
          Printable guides
        </h2>
        <ul className="space-y-2 px-2 text-sm">
          {PRINTABLE_GUIDES.map((g) => (
            <li key={g.id}>
              <TextLink href={`/docs/print/${g.id}`} className="font-medium">
                {g.title}
              </TextLink>
              {pdfs.includes(g.id) ? (
                <>
                  {" · "}
                  <TextLink anchor href={`/docs/pdf/${g.id}`} download>
                    PDF<span className="sr-only"> of the {g.title}</span>
                  </TextLink>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
