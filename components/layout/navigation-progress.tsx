"use client";
// A top progress bar while the console moves to another page (feedback on a slow network).
// It starts when a same-origin link is followed and stops when the new path or query renders. No
// loading.tsx on purpose: a Suspense boundary above the pages would stream them, and a page's
// notFound() would then answer 200 instead of the 404 that cross-company lookups must give.
import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

export function NavigationProgress() {
  const pathname = usePathname();
  const search = useSearchParams();
  const [busy, setBusy] = useState(false);
  // Stops when the new path or query renders (state adjusted while rendering, not in an effect).
  const [shownAt, setShownAt] = useState({ pathname, search });
  if (shownAt.pathname !== pathname || shownAt.search !== search) {
    setShownAt({ pathname, search });
    setBusy(false);
  }
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!anchor || anchor.target === "_blank" || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, location.href);
      if (url.origin !== location.origin) return;
      if (url.pathname === location.pathname && url.search === location.search) return;
      setBusy(true);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);
  if (!busy) return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading the page"
      className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-brand-100 dark:bg-slate-800"
    >
      <div className="h-full w-1/3 animate-[progress_1s_ease-in-out_infinite] bg-brand-600 dark:bg-brand-300" />
    </div>
  );
}
