import Link from "next/link";
import { signOutAction, switchCompanyAction } from "@/app/(console)/actions";
import { ThemeToggle } from "./theme-toggle";
import { NavLinks } from "./nav-links";
import { SubmitButton } from "@/components/ui/button";

export interface HeaderProps {
  user: { name: string; email: string };
  nav: { href: string; label: string }[];
  companies: { companyId: string; companyName: string }[];
  activeCompanyId: string | null;
  activeCompanyName: string | null;
}

export function Header({ user, nav, companies, activeCompanyId, activeCompanyName }: HeaderProps) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/apps" className="text-lg font-semibold tracking-tight">
          API Console
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <NavLinks items={nav} />
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
          {nav.some((n) => n.href === "/apis") ? (
            <form role="search" action="/apis" className="hidden lg:block">
              <label htmlFor="header-search" className="sr-only">
                Search APIs
              </label>
              <input
                id="header-search"
                name="q"
                type="search"
                maxLength={100}
                placeholder="Search APIs"
                className="w-44 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-950"
              />
            </form>
          ) : null}
          {companies.length > 1 ? (
            <form action={switchCompanyAction} className="flex items-center gap-2">
              <label htmlFor="company-switcher" className="text-slate-600 dark:text-slate-400">
                Acting for
              </label>
              <select
                id="company-switcher"
                key={activeCompanyId ?? "none"}
                name="companyId"
                defaultValue={activeCompanyId ?? undefined}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-900"
              >
                {companies.map((c) => (
                  <option key={c.companyId} value={c.companyId}>
                    {c.companyName}
                  </option>
                ))}
              </select>
              <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-600">
                Switch
              </button>
            </form>
          ) : activeCompanyName ? (
            <span className="text-slate-600 dark:text-slate-400" data-testid="active-company">
              {activeCompanyName}
            </span>
          ) : null}
          <span className="hidden md:inline" title={user.email}>
            {user.name}
          </span>
          <Link href="/account/grants" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
            Manage grants
          </Link>
          <ThemeToggle />
          <form action={signOutAction}>
            <SubmitButton unstyled className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">
              Sign out
            </SubmitButton>
          </form>
        </div>
      </div>
    </header>
  );
}
