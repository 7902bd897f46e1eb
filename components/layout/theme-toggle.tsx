"use client";
import { useEffect, useState } from "react";

/** Switches between light and dark and remembers the choice (the OS decides until one is made). */
export function ThemeToggle() {
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
    setDark(wanted);
  }, []);
  function toggle() {
    const next = !document.documentElement.classList.contains("dark");
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("theme", next ? "dark" : "light");
    setDark(next);
  }
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark ?? undefined}
      className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {dark ? "Light theme" : "Dark theme"}
    </button>
  );
}
