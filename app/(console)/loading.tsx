// Shown while a console page loads after a navigation: a top progress bar and a skeleton.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <div aria-hidden="true" className="fixed inset-x-0 top-0 z-50 h-1 overflow-hidden bg-brand-100 dark:bg-slate-800">
        <div className="h-full w-1/3 animate-[progress_1s_ease-in-out_infinite] bg-brand-600 dark:bg-brand-300" />
      </div>
      <span className="sr-only">Loading…</span>
      <div aria-hidden="true" className="h-8 w-64 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div aria-hidden="true" className="h-32 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
      <div aria-hidden="true" className="h-32 animate-pulse rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
