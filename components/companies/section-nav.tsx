import { NavLinks } from "@/components/layout/nav-links";

/** Tabs of the Delegated Administrator's company area, with the company's name as the page title. */
export function CompanySectionHeader({ companyName, title, status }: { companyName: string; title: string; status?: string }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Company: <strong className="text-slate-900 dark:text-slate-100">{companyName}</strong>
        {status === "SUSPENDED" ? <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-900 dark:bg-red-950 dark:text-red-100">Suspended</span> : null}
      </p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <nav aria-label="Company sections">
        <NavLinks
          items={[
            { href: "/company/users", label: "Users" },
            { href: "/company/apps", label: "Company apps" },
            { href: "/company/audit", label: "Audit log" },
            { href: "/company/security", label: "Security" },
            { href: "/company/registration-tokens", label: "Registration tokens" },
            { href: "/company/tokens", label: "Personal access tokens" },
          ]}
        />
      </nav>
    </div>
  );
}

/** Tabs of the platform administrator's area. */
export function AdminSectionHeader({ title, eyebrow }: { title: string; eyebrow?: React.ReactNode }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">{eyebrow ?? "Platform administration"}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <nav aria-label="Administration sections">
        <NavLinks
          items={[
            { href: "/admin/companies", label: "Companies" },
            { href: "/admin/audit", label: "Audit log" },
            { href: "/admin/jobs", label: "Housekeeping jobs" },
            { href: "/admin/outbox", label: "Outbox" },
            { href: "/admin/security", label: "Security" },
          ]}
        />
      </nav>
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const style =
    status === "ACTIVE"
      ? "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100"
      : status === "SUSPENDED"
        ? "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100"
        : "bg-slate-200 text-slate-900 dark:bg-slate-800 dark:text-slate-100";
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${style}`}>{status.charAt(0) + status.slice(1).toLowerCase()}</span>;
}

export const tableClass = "w-full min-w-[36rem] border-collapse text-left text-sm";
export const thClass = "border-b border-slate-200 px-3 py-2 font-medium text-slate-600 dark:border-slate-700 dark:text-slate-400";
export const tdClass = "border-b border-slate-100 px-3 py-2 align-top dark:border-slate-800";
