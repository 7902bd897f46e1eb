"use client";
// Toasts: short confirmations of a change, announced politely; the changed card shows it too. A few
// lines of our own instead of sonner (13 KiB of JavaScript on every console page for one
// kind of message). Each toast stays 5 s, longer while the pointer or focus is on it, and has a close
// button.
import { useEffect, useState, useSyncExternalStore } from "react";

interface Toast {
  id: number;
  message: string;
}

let toasts: Toast[] = [];
let seq = 0;
const listeners = new Set<() => void>();
const NONE: Toast[] = [];

function set(next: Toast[]) {
  toasts = next;
  for (const l of listeners) l();
}

function dismiss(id: number) {
  set(toasts.filter((t) => t.id !== id));
}

export const toast = {
  /** Shows `message` as a success (at most three at a time, the newest last). */
  success(message: string): void {
    set([...toasts, { id: ++seq, message }].slice(-3));
  },
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function Item({ t }: { t: Toast }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismiss(t.id), 5000);
    return () => clearTimeout(timer);
  }, [held, t.id]);
  return (
    <li
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className="pointer-events-auto flex items-start gap-3 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <p className="flex-1">{t.message}</p>
      <button
        type="button"
        onClick={() => dismiss(t.id)}
        aria-label="Close notification"
        className="-my-1 rounded px-1.5 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

export function Toaster() {
  const list = useSyncExternalStore(
    subscribe,
    () => toasts,
    () => NONE,
  );
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      className="pointer-events-none fixed bottom-4 right-4 z-50 w-[min(24rem,calc(100vw-2rem))]"
    >
      <ol className="space-y-2">
        {list.map((t) => (
          <Item key={t.id} t={t} />
        ))}
      </ol>
    </section>
  );
}
