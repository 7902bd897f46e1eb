import Link from "next/link";
import { RelativeTimeIn } from "@/components/apps/relative-time";
import { LocalTimeIn } from "@/components/time/local-time";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { tableClass, tdClass, thClass } from "@/components/ui/table";
import { scrollRegion } from "@/components/ui/table";
import { TextLink, textLinkClass } from "@/components/ui/text-link";
import type { AuditFilters, AuditRow } from "@/lib/audit/query";
import { viewerTimeZone } from "@/lib/server/time-zone";

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
export async function AuditView({
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
  // The zone once for the page: two times per entry, each an async component otherwise.
  const zone = await viewerTimeZone();
  const now = new Date();
  const field = (
    id: string,
    label: string,
    name: keyof AuditFilters,
    type: string,
    extra: { list?: string; placeholder?: string; maxLength?: number; inputMode?: "email" } = {},
  ) => <Field id={id} label={label} name={name} type={type} defaultValue={filters[name] ?? ""} errors={fe[name]} {...extra} />;
  return (
    <div className="space-y-4">
      {showFilters ? (
        <form
          method="get"
          action={basePath}
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900"
          aria-label="Filter the audit log"
        >
          {field("audit-event", "Event", "event", "text", {
            list: "audit-events",
            placeholder: "e.g. role.granted or role.",
            maxLength: 100,
          })}
          <datalist id="audit-events">
            {knownEvents.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
          {field("audit-actor", "Actor email", "actor", "text", { inputMode: "email", maxLength: 254 })}
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
          <TextLink href={`${basePath}${query({ ...filters, company: undefined })}`}>Show every company</TextLink>
        </p>
      ) : null}
      {error ? <Alert>{error.message}</Alert> : null}
      {!error && items.length === 0 ? (
        Object.values(filters).some(Boolean) || onLaterPage ? (
          <p className="text-slate-600 dark:text-slate-400">
            No entries match. <TextLink href={basePath}>Clear the filters</TextLink>
          </p>
        ) : (
          <p className="text-slate-600 dark:text-slate-400" data-testid="empty-state">
            Nothing recorded yet. Every change to an app, role, secret or setting is written here, for example when you{" "}
            <TextLink href={showCompany ? "/admin/companies" : "/company/users"}>
              {showCompany ? "create a company" : "add a user"}
            </TextLink>
            .
          </p>
        )
      ) : null}
      {items.length ? (
        <div {...scrollRegion("Audit log")}>
          <table className={tableClass} aria-label="Audit log entries">
            <thead>
              <tr>
                <th className={thClass}>When</th>
                <th className={thClass}>What happened</th>
                {showCompany ? <th className={thClass}>Company</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-event={r.event}>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <LocalTimeIn date={r.createdAt} zone={zone} className="block" />
                    <span className="text-xs text-slate-600 dark:text-slate-400">
                      <RelativeTimeIn date={r.createdAt} zone={zone} now={now} />
                    </span>
                  </td>
                  <td className={tdClass} data-label="What happened">
                    <p data-testid="audit-sentence">{r.sentence}</p>
                    <details className="mt-1 text-xs">
                      <summary className={`cursor-pointer ${textLinkClass}`}>
                        Details{" "}
                        <span className="font-mono text-slate-700 no-underline dark:text-slate-200" data-testid="audit-event">
                          {r.event}
                        </span>
                      </summary>
                      {/* .audit-entry (app/globals.css) styles its terms and descriptions: 50 entries a page. */}
                      <dl className="audit-entry">
                        <dt>Actor</dt>
                        <dd>{r.actorEmail ?? "the system"}</dd>
                        <dt>Target</dt>
                        <dd>
                          {r.targetType}
                          {r.targetId ? <span className="ml-1 font-mono">{r.targetId}</span> : null}
                        </dd>
                        <dt>From</dt>
                        <dd>
                          {r.ip ?? "unknown address"}
                          {r.userAgent ? <span className="block">{r.userAgent}</span> : null}
                        </dd>
                        <dt>Recorded</dt>
                        <dd>{details(r.metadata) || "nothing more"}</dd>
                        <dt>Entry</dt>
                        <dd className="font-mono">{r.id}</dd>
                      </dl>
                    </details>
                  </td>
                  {showCompany ? (
                    <td className={tdClass} data-label="Company">
                      {r.companyId ? (
                        <TextLink href={`/admin/companies/${r.companyId}`}>{r.companyName ?? "a deleted company"}</TextLink>
                      ) : (
                        "—"
                      )}
                    </td>
                  ) : null}
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
