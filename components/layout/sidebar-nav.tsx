"use client";
// The sidebar's links, rendered from navigationFor() (lib/server/session.ts). The current sub-page gets
// aria-current="page"; its section's title link gets aria-current="true" (the section holds the page).
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavItem, NavSection } from "@/lib/server/session";

function matches(pathname: string, item: NavItem): boolean {
  return [item.href, ...(item.match ?? [])].some((p) => pathname === p || pathname.startsWith(p + "/"));
}

/** The item the path belongs to: the longest matching href, so /admin/apis beats /apis. */
export function currentHref(pathname: string, sections: NavSection[]): string | null {
  let best: string | null = null;
  for (const s of sections) for (const i of s.items) if (matches(pathname, i) && (!best || i.href.length > best.length)) best = i.href;
  return best;
}

const linkClass = "nav-link"; // app/globals.css

function NavLinks({ items, current, onNavigate }: { items: NavItem[]; current: string | null; onNavigate?: () => void }) {
  return (
    <ul className="space-y-0.5">
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} onClick={onNavigate} aria-current={item.href === current ? "page" : undefined} className={linkClass}>
            {item.label}
            {item.count ? (
              <span className="ml-auto rounded-full bg-amber-100 px-2 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                {item.count}
                <span className="sr-only"> waiting</span>
              </span>
            ) : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function SidebarNav({ sections, onNavigate }: { sections: NavSection[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  const current = currentHref(pathname, sections);
  const account = sections.find((s) => s.id === "account")?.items ?? [];
  return (
    <>
      <nav aria-label="Main" className="space-y-5">
        {sections
          .filter((s) => s.id !== "account")
          .map((section) => {
            const inSection = section.items.some((i) => i.href === current);
            return (
              <div key={section.id} className="space-y-1">
                {section.id === "main" ? null : section.href ? (
                  <Link
                    href={section.href}
                    onClick={onNavigate}
                    aria-current={inSection ? "true" : undefined}
                    className="block px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 hover:text-slate-900 aria-[current=true]:text-brand-700 dark:text-slate-300 dark:hover:text-white dark:aria-[current=true]:text-brand-300"
                  >
                    {section.label}
                  </Link>
                ) : (
                  <p className="px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300">
                    {section.label}
                  </p>
                )}
                <NavLinks items={section.items} current={current} onNavigate={onNavigate} />
              </div>
            );
          })}
      </nav>
      {account.length ? (
        // The account's pages (also in the account menu), outside "Main", at the bottom of the sidebar.
        <nav aria-label="Account" className="mt-auto space-y-1 border-t border-slate-200 pt-4 dark:border-slate-700">
          <NavLinks items={account} current={current} onNavigate={onNavigate} />
        </nav>
      ) : null}
    </>
  );
}
