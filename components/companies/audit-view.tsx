import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import type { AuditFilters, AuditRow } from "@/lib/audit-query";
import { tableClass, tdClass, thClass } from "./section-nav";
import { scrollRegion } from "@/components/ui/table";
import { RelativeTime } from "@/components/apps/relative-time";

const inputClass = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900";

function details(meta: unknown): string {
  if (!meta || typeof meta !== "object") return "";
  return Object.entries(meta as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("; ");
}

function query(filters: AuditFilters, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** The audit log's filter form (a GET form: the filters live in the address), table and pages. */
export function AuditView({
  basePath,
  items,
  filters,
  nextCursor,
  onLaterPage,
  showCompany,
  companyLabel,
  error,
  knownEvents,
  showFilters = true,
}: {
  basePath: string;
  items: AuditRow[];
  filters: AuditFilters;
  nextCursor: string | null;
  onLaterPage: boolean;
  showCompany: boolean;
  companyLabel?: string | null;
  error?: { message: string; fieldErrors?: Record<string, string[]> } | null;
  knownEvents: readonly string[];
  showFilters?: boolean;
}) {
  const fe = error?.fieldErrors ?? {};
  const field = (id: string, label: string, name: keyof AuditFilters, type: string, extra: Record<string, string> = {}) => (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={filters[name] ?? ""}
        aria-invalid={fe[name] ? true : undefined}
        aria-describedby={fe[name] ? `${id}-error` : undefined}
        className={inputClass}
        {...extra}
      />
      {fe[name] ? (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {fe[name]!.join(" ")}
        </p>
      ) : null}
    </div>
  );
  return (
    <div className="space-y-4">
      {showFilters ? (
      <form method="get" action={basePath} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900" aria-label="Filter the audit log">
        {field("audit-event", "Event", "event", "text", { list: "audit-events", placeholder: "e.g. role.granted or role.", maxLength: "100" })}
        <datalist id="audit-events">
          {knownEvents.map((e) => (
            <option key={e} value={e} />
          ))}
        </datalist>
        {field("audit-actor", "Actor email", "actor", "text", { inputMode: "email", maxLength: "254" })}
        {field("audit-from", "From", "from", "date")}
        {field("audit-to", "To", "to", "date")}
        {filters.company ? <input type="hidden" name="company" value={filters.company} /> : null}
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          <Link href={basePath} className={buttonClass("ghost")}>
            Clear
          </Link>
        </div>
      </form>
      ) : null}
      {companyLabel && showFilters ? (
        <p className="text-sm">
          Only entries of <strong>{companyLabel}</strong>.{" "}
          <Link className="text-brand-700 underline dark:text-brand-300" href={`${basePath}${query({ ...filters, company: undefined })}`}>
            Show every company
          </Link>
        </p>
      ) : null}
      {error ? <Alert>{error.message}</Alert> : null}
      {!error && items.length === 0 ? <p className="text-slate-600 dark:text-slate-400">No entries match.</p> : null}
      {items.length ? (
        <div {...scrollRegion("Audit log")}>
          <table className={tableClass} aria-label="Audit log entries">
            <thead>
              <tr>
                <th className={thClass}>When</th>
                <th className={thClass}>Event</th>
                <th className={thClass}>Actor</th>
                <th className={thClass}>Target</th>
                {showCompany ? <th className={thClass}>Company</th> : null}
                <th className={thClass}>From</th>
                <th className={thClass}>Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <RelativeTime date={r.createdAt} />
                  </td>
                  <td className={`${tdClass} font-mono text-xs`}>{r.event}</td>
                  <td className={tdClass}>{r.actorEmail ?? "—"}</td>
                  <td className={`${tdClass} text-xs`}>
                    {r.targetType}
                    {r.targetId ? <span className="block font-mono text-slate-500 dark:text-slate-400">{r.targetId}</span> : null}
                  </td>
                  {showCompany ? (
                    <td className={tdClass}>
                      {r.companyId ? (
                        <Link className="text-brand-700 underline dark:text-brand-300" href={`/admin/companies/${r.companyId}`}>
                          {r.companyName ?? r.companyId}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                  ) : null}
                  <td className={`${tdClass} text-xs`} title={r.userAgent ?? undefined}>
                    {r.ip ?? "—"}
                    {r.userAgent ? <span className="block max-w-32 truncate text-slate-500 dark:text-slate-400">{r.userAgent}</span> : null}
                  </td>
                  <td className={`${tdClass} min-w-64 max-w-md break-words text-xs`}>{details(r.metadata)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav aria-label="Audit log pages" className="flex gap-3">
        {onLaterPage ? (
          <Link className={buttonClass("secondary")} href={`${basePath}${query(filters)}`}>
            Newest entries
          </Link>
        ) : null}
        {nextCursor ? (
          <Link className={buttonClass("secondary")} href={`${basePath}${query(filters, { cursor: nextCursor })}`}>
            Older entries
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
