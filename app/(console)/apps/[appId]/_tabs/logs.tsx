import { type LogFilterValues, RequestLogs } from "@/components/apps/request-logs";
import { AppError } from "@/lib/errors";
import { listRequestLogs, STATUS_CLASSES, type StatusClass } from "@/lib/gateway/request-log-query";
import { issuer } from "@/lib/oauth/config";
import { TabSection } from "./shared";

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");
/** A datetime-local value (taken as UTC), or undefined when empty or not a time. */
function utcInstant(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const at = new Date(`${value}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

export async function LogsTab({
  actor,
  appId,
  basePath,
  query,
}: {
  actor: Parameters<typeof listRequestLogs>[0];
  appId: string;
  basePath: string;
  query: Record<string, string | string[] | undefined>;
}) {
  const filter: LogFilterValues = {
    status: STATUS_CLASSES.includes(one(query.status) as StatusClass) ? one(query.status) : "",
    path: one(query.path).slice(0, 1000),
    from: one(query.from).slice(0, 19),
    to: one(query.to).slice(0, 19),
  };
  const cursor = one(query.cursor).slice(0, 200);
  let page: Awaited<ReturnType<typeof listRequestLogs>>;
  try {
    page = await listRequestLogs(actor, appId, {
      status: (filter.status || undefined) as StatusClass | undefined,
      path: filter.path || undefined,
      from: utcInstant(filter.from),
      to: utcInstant(filter.to),
      cursor: cursor || undefined,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") page = { items: [], nextCursor: null };
    else throw error;
  }
  return (
    <TabSection title="Logs">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Calls through the gateway: no headers or bodies are kept, and query values are redacted. Kept for a limited time.
      </p>
      <RequestLogs basePath={basePath} consoleUrl={issuer()} filter={filter} items={page.items} nextCursor={page.nextCursor} />
    </TabSection>
  );
}
