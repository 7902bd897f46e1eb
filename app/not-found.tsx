import { Logo } from "@/components/layout/app-shell";
import { NotFoundBody } from "@/components/layout/not-found-body";

// notFound() from a page outside the console and the guide (an unknown version of the terms): a
// light frame, no session read. This boundary is rendered into every page's payload, so it stays
// small; a path no route serves gets app/global-not-found.tsx (the shell for a signed-in person), a
// console page app/(console)/not-found.tsx, the guide app/docs/not-found.tsx.
export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <Logo />
      </header>
      <main id="main" tabIndex={-1} className="flex-1">
        <NotFoundBody />
      </main>
    </div>
  );
}
