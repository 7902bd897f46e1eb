"use client";
import { useEffect, useState } from "react";

/** Flips the theme, remembers the choice and answers whether it is now dark. */
export function toggleTheme(): boolean {
  const next = !document.documentElement.classList.contains("dark");
  document.documentElement.classList.toggle("dark", next);
  try {
    localStorage.setItem("theme", next ? "dark" : "light");
  } catch {}
  return next;
}

/** Whether the dark theme is on (null before hydration); re-applies the saved choice on mount. */
export function useDarkTheme(): [boolean | null, (dark: boolean) => void] {
  const [dark, setDark] = useState<boolean | null>(null);
  useEffect(() => {
    // Re-apply the choice: a page React rendered again on the client (e.g. a "Not found" answer)
    // recreates <html> without the class the head script set before first paint.
    let wanted = matchMedia("(prefers-color-scheme: dark)").matches;
    try {
      const saved = localStorage.getItem("theme");
      if (saved) wanted = saved === "dark";
    } catch {}
    document.documentElement.classList.toggle("dark", wanted);
    // The browser's choice is known only after hydration (the server renders null): set it here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setDark(wanted);
    const sync = () => setDark(document.documentElement.classList.contains("dark"));
    const observer = new MutationObserver(sync);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);
  return [dark, setDark];
}

/** Switches between light and dark and remembers the choice (the OS decides until one is made). */
export function ThemeToggle({ className = "" }: { className?: string }) {
  const [dark, setDark] = useDarkTheme();
  return (
    <button
      type="button"
      onClick={() => setDark(toggleTheme())}
      aria-pressed={dark ?? undefined}
      className={`rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 ${className}`}
    >
      {dark ? "Light theme" : "Dark theme"}
    </button>
  );
}
