// The "Logs" tab of an app's page (server component): the app's gateway calls, newest first, with
// filters (status class, path prefix, time) as a GET form and keyset pages ("Older calls"); each row
// has "Copy as curl" without any credential.
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SelectField } from "@/components/ui/field";
import { scrollRegion, tableClass, tdClass, thClass } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";
import { curlFor, type RequestLogRow } from "@/lib/gateway/request-log-query";

export interface LogFilterValues {
  status: string;
  path: string;
  from: string;
  to: string;
}

export function RequestLogs({
  basePath,
  consoleUrl,
  filter,
  items,
  nextCursor,
}: {
  basePath: string;
  consoleUrl: string;
  filter: LogFilterValues;
  items: RequestLogRow[];
  nextCursor: string | null;
}) {
  const older = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]);
  if (nextCursor) older.set("cursor", nextCursor);
  return (
    <div className="space-y-4">
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-3" aria-label="Filter the logs">
        <SelectField id="logs-status" name="status" label="Status" defaultValue={filter.status}>
          <option value="">Any</option>
          <option value="2">2xx success</option>
          <option value="3">3xx redirect</option>
          <option value="4">4xx client error</option>
          <option value="5">5xx server error</option>
        </SelectField>
        <Field id="logs-path" name="path" label="Path starts with" defaultValue={filter.path} maxLength={1000} />
        <Field id="logs-from" name="from" label="From (UTC)" type="datetime-local" defaultValue={filter.from} />
        <Field id="logs-to" name="to" label="To (UTC)" type="datetime-local" defaultValue={filter.to} />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium dark:border-slate-600">
          Filter
        </button>
      </form>
      {items.length === 0 ? (
        <p className="text-sm">No gateway calls match. Calls through the gateway show here within a few seconds.</p>
      ) : (
        <div {...scrollRegion("Gateway calls")}>
          <table className={tableClass} data-testid="request-logs">
            <thead>
              <tr>
                <th className={thClass}>Time (UTC)</th>
                <th className={thClass}>Method</th>
                <th className={thClass}>Path</th>
                <th className={thClass}>Status</th>
                <th className={thClass}>Latency</th>
                <th className={thClass}>Request ID</th>
                <th className={thClass}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <tr key={row.id}>
                  <td className={tdClass} data-label="Time (UTC)">
                    <time dateTime={row.at.toISOString()}>{row.at.toISOString().replace("T", " ").slice(0, 19)}</time>
                  </td>
                  <td className={tdClass} data-label="Method">
                    {row.method}
                  </td>
                  <td className={`${tdClass} break-all font-mono text-xs`} data-label="Path">
                    {row.path}
                    {row.query ? `?${row.query}` : ""}
                  </td>
                  <td className={tdClass} data-label="Status">
                    {row.status}
                  </td>
                  <td className={tdClass} data-label="Latency">
                    {row.latencyMs} ms
                  </td>
                  <td className={`${tdClass} break-all font-mono text-xs`} data-label="Request ID">
                    {row.requestId}
                  </td>
                  <td className={tdClass} data-label="Actions">
                    <CopyButton
                      text={curlFor(consoleUrl, row)}
                      label="Copy as curl"
                      ariaLabel={`Copy as curl: ${row.method} ${row.path} at ${row.at.toISOString()}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <TextLink href={`${basePath}?${older}`} className="text-sm font-medium">
          Older calls
        </TextLink>
      ) : null}
    </div>
  );
}
