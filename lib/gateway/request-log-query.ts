import "server-only";
// Reading an app's request logs: whoever may see the app (lib/apps/access.ts appFor "view": the
// developer their own app, a Delegated Administrator any of the company's), another company's app is
// not found. Filters by status class, path prefix and time; keyset pages newest first on (at, id),
// served by the index (appId, at, id).
import { type AppActor, appFor } from "../apps/access";
import { db } from "../db";
import { AppError } from "../errors";
import type { RequestLogEntry } from "./request-log";

export const STATUS_CLASSES = ["2", "3", "4", "5"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export interface RequestLogFilter {
  status?: StatusClass;
  /** Path prefix, e.g. /gateway/orders/v1 */
  path?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
}

/** A logged request as the request log lists it: the call, without the company, app and API it belongs to. */
export type RequestLogRow = { id: string } & Omit<RequestLogEntry, "companyId" | "appId" | "apiId">;

function encodeCursor(row: { at: Date; id: string }): string {
  return Buffer.from(`${row.at.getTime()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [ms, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(Number(ms));
  if (!id || Number.isNaN(at.getTime())) throw new AppError("validation", "That page cursor is not valid.");
  return { at, id };
}

export async function listRequestLogs(
  actor: AppActor,
  appId: string,
  filter: RequestLogFilter = {},
): Promise<{ items: RequestLogRow[]; nextCursor: string | null }> {
  const find = (where: { id: string; companyId: string }) =>
    db().app.findFirst({ where, select: { id: true, companyId: true, createdById: true } });
  const app = await appFor(find, actor, appId, "view");
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const after = filter.cursor ? decodeCursor(filter.cursor) : null;
  const at: { gte?: Date; lte?: Date } = {};
  if (filter.from) at.gte = filter.from;
  if (filter.to) at.lte = filter.to;
  const rows = await db().requestLog.findMany({
    where: {
      appId: app.id,
      companyId: app.companyId,
      ...(filter.status ? { statusClass: Number(filter.status) } : {}),
      ...(filter.path ? { path: { startsWith: filter.path } } : {}),
      ...(filter.from || filter.to ? { at } : {}),
      ...(after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, at: true, method: true, path: true, query: true, status: true, latencyMs: true, requestId: true },
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!) : null };
}

/** "Copy as curl": the call without any credential (the token is a shell variable the reader sets). */
export function curlFor(consoleUrl: string, row: Pick<RequestLogRow, "method" | "path" | "query">): string {
  const url = `${consoleUrl}${row.path}${row.query ? `?${row.query}` : ""}`;
  const method = row.method === "GET" ? "" : ` -X ${row.method}`;
  return `curl${method} '${url.replace(/'/g, "'\\''")}' -H "Authorization: Bearer $ACCESS_TOKEN"`;
}
