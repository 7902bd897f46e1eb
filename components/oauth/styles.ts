// Button looks for server-rendered token-service pages (components/ui/button.tsx is a client module,
// so its buttonClass() cannot be called from a server component).
const base =
  "inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2";

export const primaryButton = `${base} bg-brand-600 text-white hover:bg-brand-700`;
export const secondaryButton = `${base} border border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800`;
export const dangerButton = `${base} bg-red-700 text-white hover:bg-red-800`;
