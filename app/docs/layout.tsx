// The public guide's frame: readable signed out. Its own header (the guide's search, a way into the
// console) and the guide's page list; the console's header is for signed-in pages.
import "./docs.css";
import Link from "next/link";
import { DocsSidebar } from "@/components/docs/sidebar";
import { ThemeToggle } from "@/components/layout/theme-toggle";
import { SearchBox } from "@/components/ui/search-box";
import { warmDocs } from "@/lib/docs/content";
import { availablePdfs } from "@/lib/docs/pdf";
import { getViewer } from "@/lib/server/session";

export default async function DocsLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  const pdfs = await availablePdfs();
  warmDocs();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white print:hidden dark:border-slate-800 dark:bg-slate-900">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
          Skip to content
        </a>
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            API Console
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-1">
              <li>
                <Link
                  href="/docs"
                  aria-current="page"
                  className="block rounded-md bg-brand-50 px-3 py-1.5 text-sm font-medium text-brand-700 dark:bg-slate-800 dark:text-brand-300"
                >
                  Docs
                </Link>
              </li>
              {viewer ? (
                <li>
                  <Link
                    href="/apps"
                    className="block rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                  >
                    My Apps &amp; Keys
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
            <SearchBox
              action="/docs/search"
              id="docs-search"
              label="Search the docs"
              placeholder="Search the docs"
              className="flex items-center gap-1"
              inputClassName="w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950"
            />
            {viewer ? null : (
              <>
                <Link
                  href="/signin"
                  className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                >
                  Sign in
                </Link>
                <Link
                  href="/signup"
                  className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                >
                  Create account
                </Link>
              </>
            )}
            <ThemeToggle />
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-8 px-4 py-8 lg:flex-row">
        <aside className="lg:w-60 lg:shrink-0 print:hidden">
          <DocsSidebar pdfs={pdfs} />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
