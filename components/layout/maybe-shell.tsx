// Pages that anyone may open (the terms, "Not found"): inside the app shell for a signed-in person,
// in a light public frame (logo, theme, Sign in) otherwise. Either way the page gets one <main>.
import { TextLink } from "@/components/ui/text-link";
import { getViewer, navigationFor } from "@/lib/server/session";
import { AppShell, Logo } from "./app-shell";
import { ThemeToggle } from "./theme-toggle";

export async function MaybeShell({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer().catch(() => null);
  const main = (
    <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:py-8">
      {children}
    </main>
  );
  if (viewer) {
    return (
      <AppShell
        user={viewer.user}
        sections={navigationFor(viewer)}
        companies={viewer.memberships}
        activeCompanyId={viewer.active?.companyId ?? null}
        activeCompanyName={viewer.active?.companyName ?? null}
      >
        {main}
      </AppShell>
    );
  }
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
        <Logo />
        <div className="flex items-center gap-1">
          <ThemeToggle />
          <TextLink href="/signin" className="rounded-md px-2 py-1.5 text-sm font-medium">
            Sign in
          </TextLink>
        </div>
      </header>
      {main}
    </div>
  );
}
