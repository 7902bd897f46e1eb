// Keyset pages over (createdAt, id) for the management API's lists (members, invitations, personal
// access tokens, requests; the apps lists use the same cursor): an opaque cursor naming the last row
// shown, a page size of at most 100, and the Prisma filter "strictly after the cursor" in either order.
// Pure: the domain modules run the queries (lib/audit/query keeps its own cursor for its index).

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface TimeCursor {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  /** nextCursor of the previous page. */
  cursor?: string;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeTimeCursor(row: TimeCursor): string {
  return Buffer.from(`${row.createdAt.getTime()}.${row.id}`, "utf8").toString("base64url");
}

/** The cursor, or null for anything that is not one (a tampered cursor starts at the top). */
export function decodeTimeCursor(value: string | undefined | null): TimeCursor | null {
  if (!value || value.length > 200) return null;
  const m = /^(\d{1,15})\.([A-Za-z0-9_]{1,64})$/.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!m) return null;
  return { createdAt: new Date(Number(m[1])), id: m[2]! };
}

/** The page size asked for, between 1 and MAX_PAGE_SIZE (DEFAULT_PAGE_SIZE when not given). */
export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
}

/**
 * Rows strictly after the cursor in (createdAt, id) order, ascending or descending; the plain bound on
 * createdAt lets an index on it start its range there. Spread into the query's `where` (inside AND when
 * the query has its own OR).
 */
export function afterCursor(cursor: TimeCursor | null, direction: "asc" | "desc") {
  if (!cursor) return {};
  const beyond = direction === "asc" ? "gt" : "lt";
  const bound = direction === "asc" ? "gte" : "lte";
  return {
    createdAt: { [bound]: cursor.createdAt },
    OR: [{ createdAt: { [beyond]: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { [beyond]: cursor.id } }],
  };
}

/** The (createdAt, id) order of a keyset page. */
export function keysetOrder(direction: "asc" | "desc") {
  return [{ createdAt: direction }, { id: direction }];
}

/** The page out of `limit` + 1 rows read: the first `limit`, and the cursor of the last when more follow. */
export function pageOf<T extends TimeCursor>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: rows.length > limit && last ? encodeTimeCursor(last) : null };
}

/**
 * A page that can be read either way (the apps lists, the catalog): `found` holds up to limit + 1 rows
 * read from the cursor, backwards for a `before` cursor. The rows in the lists' order, and the cursors
 * of the pages after and before it.
 */
export function twoWayPage<T>(
  found: T[],
  limit: number,
  cursors: { before: unknown; after: unknown },
  encode: (row: T) => string,
): { rows: T[]; nextCursor: string | null; prevCursor: string | null } {
  const hasMore = found.length > limit;
  const rows = cursors.before ? found.slice(0, limit).reverse() : found.slice(0, limit);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor: last && (cursors.before ? true : hasMore) ? encode(last) : null,
    prevCursor: first && (cursors.before ? hasMore : Boolean(cursors.after)) ? encode(first) : null,
  };
}
