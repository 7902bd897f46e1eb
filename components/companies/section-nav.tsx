// Headings of the company and platform-administration areas; their pages are linked from the
// sidebar (navigationFor in lib/server/session.ts), which marks the section and the page with aria-current.

/** The company's name above the page title (a Delegated Administrator's pages). */
export function CompanySectionHeader({ companyName, title, status }: { companyName: string; title: string; status?: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Company: <strong className="text-slate-900 dark:text-slate-100">{companyName}</strong>
        {status === "SUSPENDED" ? (
          <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-100">
            Suspended
          </span>
        ) : null}
      </p>
      <h1 className="text-2xl font-semibold">{title}</h1>
    </div>
  );
}

/** The platform administrator's pages. */
export function AdminSectionHeader({ title, eyebrow, actions }: { title: string; eyebrow?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div className="space-y-1">
        <p className="text-sm text-slate-600 dark:text-slate-300">{eyebrow ?? "Platform administration"}</p>
        <h1 className="text-2xl font-semibold">{title}</h1>
      </div>
      {actions}
    </div>
  );
}
