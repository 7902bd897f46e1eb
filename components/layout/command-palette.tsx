"use client";
// The command palette: Ctrl+K (⌘K on a Mac) from any console page opens one search box in a modal
// dialog (components/ui/modal-dialog.tsx, the browser's own <dialog>; no dialog library, to keep every console page
// within its 180 KiB JavaScript budget). It lists the pages the person may open (the shell's navigation) and, as they
// type, what the console's search finds (/api/search: apps, APIs, docs pages, companies, people),
// each with its kind. A WAI-ARIA combobox: ↑/↓ move through the options, Enter opens one, Escape
// closes; the number of options is announced.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { NavSection } from "@/lib/server/session";

interface Option {
  kind: string;
  title: { text: string; match: boolean }[];
  detail: { text: string; match: boolean }[];
  href: string;
}

export function CommandPalette({ sections }: { sections: NavSection[] }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<{ q: string; options: Option[] }>({ q: "", options: [] });
  const [active, setActive] = useState(0);
  const opener = useRef<HTMLElement | null>(null);
  const router = useRouter();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === "k") {
        e.preventDefault();
        opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setQ("");
        setActive(0);
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // Ask the server as the person types (a short pause first); an answer for an older query is dropped.
  const term = q.trim();
  useEffect(() => {
    if (!open || !term) return;
    const ctl = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/search?q=${encodeURIComponent(term)}`, {
          signal: ctl.signal,
          headers: { accept: "application/json" },
        });
        if (!res.ok) return;
        const body = (await res.json()) as { hits: Option[] };
        setHits({ q: term, options: body.hits });
      } catch {
        // Aborted by the next keystroke, or offline: the pages still show.
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [open, term]);

  const lower = term.toLowerCase();
  const pages: Option[] = sections
    .flatMap((s) => s.items.map((i) => ({ ...i, section: s.label })))
    .filter((i) => !lower || i.label.toLowerCase().includes(lower) || i.href.includes(lower))
    .map((i) => ({
      kind: "Page",
      title: [{ text: i.label, match: false }],
      detail: i.section === "Main" ? [] : [{ text: i.section, match: false }],
      href: i.href,
    }));
  const found = term && hits.q === term ? hits.options : [];
  const options = [...pages, ...found];
  const current = Math.min(active, Math.max(0, options.length - 1));
  const waiting = term !== "" && hits.q !== term;

  function go(o: Option | undefined) {
    if (!o) return;
    setOpen(false);
    router.push(o.href);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!options.length) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if (e.key === "Enter") {
      e.preventDefault();
      go(options[current]);
    }
  }

  const optionId = (i: number) => `palette-option-${i}`;
  return (
    <ModalDialog
      open={open}
      onDismiss={() => setOpen(false)}
      labelledBy="palette-title"
      closeOnBackdrop
      returnFocus={() => opener.current}
      className="mx-auto mt-[12vh] w-[min(36rem,calc(100vw-2rem))] rounded-lg bg-white p-0 shadow-2xl dark:bg-slate-900"
    >
      <div className="flex max-h-[70vh] flex-col">
        <h2 id="palette-title" className="sr-only">
          Search and go to
        </h2>
        <input
          data-autofocus
          role="combobox"
          aria-label="Search"
          aria-expanded={options.length > 0}
          aria-controls="palette-options"
          aria-autocomplete="list"
          aria-activedescendant={options.length ? optionId(current) : undefined}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          maxLength={100}
          placeholder="Search apps, APIs, docs, or go to a page"
          className="w-full border-b border-slate-200 bg-transparent px-4 py-3 text-base outline-none dark:border-slate-700"
        />
        <ul id="palette-options" role="listbox" aria-label="Results" className="min-h-0 flex-1 overflow-y-auto p-2">
          {options.map((o, i) => (
            <li
              key={`${o.kind} ${o.href}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              onMouseMove={() => setActive(i)}
              onClick={() => go(o)}
              className="flex cursor-pointer items-baseline gap-3 rounded-md px-3 py-2 text-sm aria-selected:bg-brand-50 aria-selected:text-brand-800 dark:aria-selected:bg-slate-800 dark:aria-selected:text-brand-200"
            >
              <span className="w-20 shrink-0 text-xs font-medium text-slate-600 dark:text-slate-300">{o.kind}</span>
              <span className="min-w-0 flex-1">
                <span className="font-medium">
                  {o.title.map((s, k) =>
                    s.match ? (
                      <mark key={k} className="rounded-sm bg-yellow-200 px-0.5 text-slate-900 dark:bg-yellow-500/40 dark:text-slate-50">
                        {s.text}
                      </mark>
                    ) : (
                      <span key={k}>{s.text}</span>
                    ),
                  )}
                </span>
                {o.detail.length ? (
                  <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{o.detail.map((d) => d.text).join("")}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
        <p role="status" className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {waiting
            ? "Searching…"
            : `${options.length} result${options.length === 1 ? "" : "s"}${term ? ` for “${term}”` : ""}. ↑ ↓ to choose, Enter to open, Escape to close.`}
        </p>
      </div>
    </ModalDialog>
  );
}
