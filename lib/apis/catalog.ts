import "server-only";
import { type AppActor, mayListApps, visibleAppsWhere } from "../apps/access";
import { writeAudit } from "../audit";
import { invalidate, lruCache, onInvalidate } from "../cache";
import { type Person, requirePlatformActor } from "../companies/guards";
// The API catalog and entitlements: which APIs a company may use. An API marked openToAll is usable
// by every company unless the platform administrator set an override for that company. The platform
// administrator sees and edits every API.
import { db, type DbOrTx, isUniqueViolation } from "../db";
import { twoWayPage } from "../db/keyset";
import { env } from "../env";
import { AppError } from "../errors";
import { newId } from "../ids";
import { ensureDefaultPlan } from "../plans/plans";
import type { RequestContext } from "../server/request-context";
import { apiInputSchema } from "../validation/api";
import { parseInput } from "../validation/common";
import { searchCatalog, type SearchHit, type SearchIndex, searchIndex } from "./search";

export interface ApiSummary {
  id: string;
  slug: string;
  name: string;
  version: string;
  summary: string;
  status: string;
}

/** Whose view of the catalog: the platform administrator's (everything) or one company's. */
export type CatalogScope = { kind: "platform" } | { kind: "company"; companyId: string };

const summarySelect = { id: true, slug: true, name: true, version: true, summary: true, status: true } as const;

/** The Prisma filter for "APIs this company may use" (published or deprecated, not retired). */
export function entitledWhere(companyId: string) {
  return {
    status: { not: "RETIRED" },
    OR: [
      { openToAll: true, companyAccess: { none: { companyId, allowed: false } } },
      { companyAccess: { some: { companyId, allowed: true } } },
    ],
  };
}

function scopeWhere(scope: CatalogScope) {
  return scope.kind === "platform" ? {} : entitledWhere(scope.companyId);
}

export async function listEntitledApis(companyId: string, client: DbOrTx = db()): Promise<ApiSummary[]> {
  return client.api.findMany({ where: entitledWhere(companyId), select: summarySelect, orderBy: { name: "asc" } });
}

export async function listAllApis(client: DbOrTx = db()): Promise<ApiSummary[]> {
  return client.api.findMany({ select: summarySelect, orderBy: { name: "asc" } });
}

export const CATALOG_PAGE_SIZE = 48;
const CATALOG_MAX_PAGE_SIZE = 100;

export interface CatalogPageQuery {
  /** Part of the name or the slug, whatever its case. */
  q?: string;
  /** After this cursor in name order (the next page). */
  after?: string;
  /** Before this cursor (the previous page). */
  before?: string;
  limit?: number;
}

export interface CatalogPage {
  items: ApiSummary[];
  nextCursor: string | null;
  prevCursor: string | null;
}

interface CatalogCursor {
  name: string;
  id: string;
}

function encodeCatalogCursor(c: CatalogCursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id]), "utf8").toString("base64url");
}

/** The cursor, or null for anything that is not one (a tampered cursor starts at the top). */
function decodeCatalogCursor(value: string | undefined): CatalogCursor | null {
  if (!value || value.length > 800) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [name, id] = parsed as unknown[];
    if (typeof name !== "string" || typeof id !== "string" || name.length > 300 || !/^[A-Za-z0-9_]{1,64}$/.test(id)) return null;
    return { name, id };
  } catch {
    return null;
  }
}

/**
 * "Contains", whatever the case: SQLite's LIKE ignores ASCII case by itself; PostgreSQL needs Prisma's
 * `mode: "insensitive"` (ILIKE), which the SQLite client's types do not know. "%" and "_" are LIKE's
 * wildcards on both (SQLite's LIKE cannot escape them); a backslash is doubled for PostgreSQL.
 */
function containsAnyCase(text: string): { contains: string } {
  return env().databaseKind === "postgresql"
    ? ({ contains: text.replace(/\\/g, "\\\\"), mode: "insensitive" } as { contains: string })
    : { contains: text };
}

/**
 * One page of the scope's catalog by name (then id, so equal names neither repeat nor go missing),
 * optionally the APIs whose name or slug contains `query.q`. Keyset pages over the (name, id) index:
 * a deep page costs what the first does, and nothing is counted.
 */
export async function listCatalogPage(scope: CatalogScope, query: CatalogPageQuery = {}): Promise<CatalogPage> {
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? CATALOG_PAGE_SIZE)), CATALOG_MAX_PAGE_SIZE);
  const q = (query.q ?? "").normalize("NFC").trim().slice(0, 100);
  const before = decodeCatalogCursor(query.before);
  const after = before ? null : decodeCatalogCursor(query.after);
  const search = q ? { OR: [{ name: containsAnyCase(q) }, { slug: containsAnyCase(q) }] } : {};
  // Strictly after (or before) the cursor in (name, id) order; the plain bound on name lets the index
  // range start there.
  const keyset = before
    ? { name: { lte: before.name }, OR: [{ name: { lt: before.name } }, { name: before.name, id: { lt: before.id } }] }
    : after
      ? { name: { gte: after.name }, OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] }
      : {};
  const direction = before ? "desc" : "asc";
  const found = await db().api.findMany({
    where: { AND: [scopeWhere(scope), search, keyset] },
    select: summarySelect,
    orderBy: [{ name: direction }, { id: direction }],
    take: limit + 1,
  });
  const page = twoWayPage(found, limit, { before, after }, encodeCatalogCursor);
  return { items: page.rows, nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}

/** True when the company may use every one of the APIs (by id). */
export async function companyMayUse(companyId: string, apiIds: string[], client: DbOrTx = db()): Promise<boolean> {
  if (apiIds.length === 0) return true;
  const count = await client.api.count({ where: { AND: [{ id: { in: apiIds } }, entitledWhere(companyId)] } });
  return count === new Set(apiIds).size;
}

// Search reads the scope's catalog with its documentation and prepares it (lib/apis/search.ts searchIndex);
// a short cache keeps the prepared catalog for typing. An LRU of lib/cache (process-wide, so the copy of
// lib/ that edits the catalog forgets the copy that searches); every `catalog` invalidation forgets it.
const SEARCH_TTL_MS = 10_000;
const searchCache = lruCache<string, { index: SearchIndex }>("catalog.search", 1000);
onInvalidate("catalog.search", ["catalog"], () => searchCache.clear());

/** Says the catalog changed: search and the token service's caches forget it (lib/cache). */
export function invalidateCatalogCache(): void {
  invalidate("catalog");
}

export async function searchApis(scope: CatalogScope, query: string): Promise<SearchHit[]> {
  const key = scope.kind === "platform" ? "platform" : scope.companyId;
  let entry = searchCache.get(key);
  if (!entry) {
    const items = await db().api.findMany({
      where: scopeWhere(scope),
      select: { id: true, slug: true, name: true, summary: true, documentation: true },
    });
    entry = { index: searchIndex(items) };
    searchCache.set(key, entry, { ttl: SEARCH_TTL_MS });
  }
  return searchCatalog(entry.index, query);
}

/** One API by slug, if the scope may see it; otherwise not found (never "forbidden"). */
export async function getApi(scope: CatalogScope, slug: string) {
  const api = await db().api.findFirst({ where: { AND: [{ slug }, scopeWhere(scope)] } });
  if (!api) throw new AppError("not_found", "That API was not found.");
  return api;
}

const SLUG_TAKEN = "Another API already uses that slug.";
const slugTaken = () => new AppError("conflict", SLUG_TAKEN, { fieldErrors: { slug: [SLUG_TAKEN] } });

/** Add an API (platform administrator: catalog.manage, read from the database; anyone else: not found). */
export async function createApi(input: unknown, actor: Person, ctx: RequestContext) {
  await requirePlatformActor(db(), actor, "catalog.manage");
  const data = parseInput(apiInputSchema, input);
  try {
    const api = await db().$transaction(async (tx) => {
      const created = await tx.api.create({ data: { id: newId("api"), ...data } });
      await ensureDefaultPlan(tx, created.id);
      await writeAudit(
        tx,
        actor,
        { event: "api.created", targetType: "api", targetId: created.id, metadata: { slug: created.slug, name: created.name } },
        ctx,
      );
      return created;
    });
    invalidateCatalogCache();
    return api;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** Change an API (catalog.manage, as createApi). */
export async function updateApi(apiId: string, input: unknown, actor: Person, ctx: RequestContext) {
  await requirePlatformActor(db(), actor, "catalog.manage");
  const data = parseInput(apiInputSchema, input);
  const existing = await db().api.findUnique({ where: { id: apiId } });
  if (!existing) throw new AppError("not_found", "That API was not found.");
  try {
    const api = await db().$transaction(async (tx) => {
      const updated = await tx.api.update({ where: { id: apiId }, data });
      const changed = Object.keys(data).filter((k) => (existing as Record<string, unknown>)[k] !== (data as Record<string, unknown>)[k]);
      await writeAudit(tx, actor, { event: "api.updated", targetType: "api", targetId: apiId, metadata: { changed } }, ctx);
      return updated;
    });
    invalidateCatalogCache(); // retiring an API or closing it to companies counts at once (the token service's caches too)
    return api;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken();
    throw error;
  }
}

/** The apps of the actor's company subscribed to an API that the actor may see (lib/apps/access.ts, the one rule). */
export async function appsSubscribedTo(apiId: string, actor: AppActor) {
  if (!mayListApps(actor)) return [];
  return db().app.findMany({
    where: { ...visibleAppsWhere(actor), subscriptions: { some: { apiId } } },
    select: { id: true, name: true, clientId: true, status: true, grantTypes: true, redirectUri: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}

/** For the platform administrator's edit page (the caller checks the role). */
export async function getApiById(apiId: string) {
  return db().api.findUnique({
    where: { id: apiId },
    select: {
      id: true,
      name: true,
      slug: true,
      version: true,
      summary: true,
      documentation: true,
      endpoint: true,
      status: true,
      openToAll: true,
    },
  });
}

/** The platform administrator's view of an API's OpenAPI document, pretty-printed (the caller checks the role). */
export async function getApiOpenApiForAdmin(apiId: string): Promise<{ document: string | null; updatedAt: Date | null }> {
  const api = await db().api.findUnique({ where: { id: apiId }, select: { openapi: true, openapiUpdatedAt: true } });
  if (!api?.openapi) return { document: null, updatedAt: api?.openapiUpdatedAt ?? null };
  let pretty = api.openapi;
  try {
    pretty = JSON.stringify(JSON.parse(api.openapi), null, 2);
  } catch {}
  return { document: pretty, updatedAt: api.openapiUpdatedAt };
}

/** The API's id when the app subscribes to it and the company may (still) use it; otherwise null (Bearer-protected APIs). */
export async function entitledSubscriptionApiId(appId: string, companyId: string, apiSlug: string): Promise<string | null> {
  const sub = await db().appApiSubscription.findFirst({
    where: { appId, api: { slug: apiSlug, ...entitledWhere(companyId) } },
    select: { apiId: true },
  });
  return sub?.apiId ?? null;
}

/** The id of the API with this slug, or null (usage counters of API calls). */
export async function apiIdOfSlug(slug: string): Promise<string | null> {
  const api = await db().api.findUnique({ where: { slug }, select: { id: true } });
  return api?.id ?? null;
}
