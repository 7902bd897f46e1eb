// The console's frame: a persistent sidebar (≥ 768 px) rendered from navigationFor(), a top bar with
// the search box ("Search"; Ctrl+K / ⌘K opens the command palette from any page), the account menu and
// a "Sign out" button, and below 768 px a "Menu" button opening the sidebar as a drawer. Pages render
// inside <main>.
import Link from "next/link";
import { Suspense } from "react";
import { SubmitButton } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/session";
import type { NavSection } from "@/lib/server/session";
import { AccountMenu } from "./account-menu";
import { CommandPalette } from "./command-palette";
import { CompanySwitcher } from "./company-switcher";
import { MobileDrawer } from "./mobile-drawer";
import { NavigationProgress } from "./navigation-progress";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./theme-toggle";

export interface AppShellProps {
  user: { name: string; email: string };
  sections: NavSection[];
  companies: { companyId: string; companyName: string }[];
  activeCompanyId: string | null;
  activeCompanyName: string | null;
  children: React.ReactNode;
}

export function Logo({ compact = false }: { compact?: boolean }) {
  return (
    <Link href="/" className="inline-flex items-center gap-2 whitespace-nowrap text-base font-semibold tracking-tight">
      {/* A plain <img>: next/image adds ~5 KiB of JavaScript to every page for an unoptimised SVG. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src="/logo.svg" alt="" width={28} height={28} fetchPriority="high" />
      <span className={compact ? "sr-only min-[420px]:not-sr-only" : undefined}>API Console</span>
    </Link>
  );
}

export function AppShell({ user, sections, companies, activeCompanyId, activeCompanyName, children }: AppShellProps) {
  const account = sections.find((s) => s.id === "account")?.items ?? [];
  const switcher = (prefix: string) => (
    <CompanySwitcher companies={companies} activeCompanyId={activeCompanyId} activeCompanyName={activeCompanyName} idPrefix={prefix} />
  );
  // Apps, APIs, the guide, companies and people: once the address is verified (the guide's link shows it).
  const searchable = sections.some((s) => s.items.some((i) => i.href === "/docs"));
  return (
    <div className="min-h-screen md:flex">
      <Suspense fallback={null}>
        <NavigationProgress />
      </Suspense>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        Skip to content
      </a>
      {/* The column carries the background and border down the whole page; the sidebar inside stays in view. */}
      <div className="hidden border-r border-slate-200 bg-white md:block md:w-60 md:shrink-0 dark:border-slate-800 dark:bg-slate-900">
        <aside className="sticky top-0 flex h-screen flex-col gap-6 overflow-y-auto p-4">
          <Logo />
          {switcher("sidebar")}
          <SidebarNav sections={sections} />
        </aside>
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-800 dark:bg-slate-900">
          <MobileDrawer sections={sections}>{switcher("drawer")}</MobileDrawer>
          <span className="md:hidden">
            <Logo compact />
          </span>
          <div className="ml-auto flex items-center gap-1">
            {searchable ? (
              <form role="search" action="/search" className="hidden lg:block">
                <label htmlFor="header-search" className="sr-only">
                  Search
                </label>
                <input
                  id="header-search"
                  name="q"
                  type="search"
                  maxLength={100}
                  placeholder="Search (Ctrl K)"
                  aria-keyshortcuts="Control+K Meta+K"
                  className="w-44 rounded-md border border-slate-500 bg-white px-2 py-1 text-sm dark:border-slate-400 dark:bg-slate-950"
                />
              </form>
            ) : null}
            <ThemeToggle className="hidden sm:inline-flex" />
            <AccountMenu user={user} items={account} />
            <form action={signOutAction}>
              <SubmitButton
                unstyled
                className="whitespace-nowrap rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
              >
                Sign out
              </SubmitButton>
            </form>
          </div>
        </header>
        {children}
      </div>
      {searchable ? <CommandPalette sections={sections} /> : null}
    </div>
  );
}
