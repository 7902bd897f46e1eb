import "server-only";
// Reading apps: "My Applications" and the company's apps page (keyset pagination over the
// (companyId, createdAt, id) and (companyId, createdById, createdAt, id) indexes, name search on
// nameKey, counts capped for pages) and one app's page.
import { namesOf } from "../audit/query";
import { auditSentence } from "../audit/sentences";
import { type Db, db } from "../db";
import { decodeTimeCursor, encodeTimeCursor, twoWayPage } from "../db/keyset";
import { env } from "../env";
import { appOperationsFor } from "../permissions";
import { parseGrantTypes } from "../validation/app-registration";
import { type AppActor, appFor, visibleAppsWhere } from "./access";
import { clientSettingsOf, clientSettingsSelect } from "./client-settings";
import { liveSecretWhere } from "./secrets";
import { type AppDetail, appDetailSchema, type AppPage, appPageSchema } from "./views";

export const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const SEARCH_MAX = 100;

const summarySelect = {
  id: true,
  name: true,
  status: true,
  grantTypes: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
  subscriptions: { select: { api: { select: { id: true, name: true, slug: true } } }, orderBy: { createdAt: "asc" as const } },
};

function summaryOf(row: {
  id: string;
  name: string;
  status: string;
  grantTypes: unknown;
  createdAt: Date;
  createdBy: { id: string; name: string; email: string } | null;
  subscriptions: { api: { id: string; name: string; slug: string } }[];
}) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    grantTypes: parseGrantTypes(row.grantTypes),
    apis: row.subscriptions.map((s) => s.api).sort((a, b) => a.name.localeCompare(b.name)),
    createdAt: row.createdAt,
    createdBy: row.createdBy,
  };
}

/**
 * Name search is SQL LIKE on nameKey on both databases, where "_" matches any one character and "%"
 * any run (SQLite's LIKE cannot escape them). A backslash is literal on both: PostgreSQL's LIKE
 * treats it as the escape character, so it is doubled there.
 */
function likeLiteralBackslash(q: string): string {
  return env().databaseKind === "postgresql" ? q.replace(/\\/g, "\\\\") : q;
}

export interface ListAppsQuery {
  /** Part of the name (case-insensitive). */
  q?: string;
  /** Older than this cursor (the next page). */
  after?: string;
  /** Newer than this cursor (the previous page). */
  before?: string;
  limit?: number;
  /**
   * Count the matching apps only up to this many (pages pass COUNT_UP_TO): `total` is then at most this
   * and `totalCapped` says there are more. Unset, `total` is exact, which reads every matching row.
   */
  countUpTo?: number;
}

/** What pages count up to: "More than 1,000 applications" instead of reading 100,000 rows for a total. */
export const COUNT_UP_TO = 1000;

type AppWhere = NonNullable<NonNullable<Parameters<Db["app"]["count"]>[0]>["where"]>;
type AppOrderBy = NonNullable<Parameters<Db["app"]["findMany"]>[0]>["orderBy"];
/** What appKeysetPage asks its reader for: spread it into findMany with a select. */
export interface AppPageArgs {
  where: AppWhere;
  orderBy: AppOrderBy;
  take: number;
}

export interface KeysetPage<T> {
  rows: T[];
  total: number;
  totalCapped: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

/** The search as nameKey holds names: NFC, trimmed, inner spaces collapsed, lower case, at most 100 characters. */
export function normalizeAppSearch(q: string | undefined): string {
  return (q ?? "").normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase().slice(0, SEARCH_MAX);
}

/**
 * One page of the apps in `scope` (optionally whose name contains `query.q`), newest first by
 * (createdAt, id), `query.after` / `query.before` a cursor of the page before / after it. `find` reads
 * the rows with the caller's select. The company-first indexes serve both directions, so a deep page
 * costs what the first does; the count reads at most `query.countUpTo` + 1 index entries when set.
 */
export async function appKeysetPage<T extends { createdAt: Date; id: string }>(
  scope: { companyId: string; createdById?: string },
  query: ListAppsQuery,
  find: (args: AppPageArgs) => Promise<T[]>,
): Promise<KeysetPage<T>> {
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? PAGE_SIZE)), MAX_PAGE_SIZE);
  const q = normalizeAppSearch(query.q);
  const where: AppWhere = { ...scope, ...(q ? { nameKey: { contains: likeLiteralBackslash(q) } } : {}) };
  const before = decodeTimeCursor(query.before);
  const after = before ? null : decodeTimeCursor(query.after);

  const cap = query.countUpTo ? Math.max(1, Math.floor(query.countUpTo)) : undefined;
  // Strictly after the cursor in (createdAt, id) order. The plain bound on createdAt repeats what the
  // OR implies: PostgreSQL starts its index range from it instead of filtering every newer row.
  const keyset = before
    ? {
        createdAt: { gte: before.createdAt },
        OR: [{ createdAt: { gt: before.createdAt } }, { createdAt: before.createdAt, id: { gt: before.id } }],
      }
    : after
      ? {
          createdAt: { lte: after.createdAt },
          OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
        }
      : {};
  const direction = before ? "asc" : "desc";
  const order: AppOrderBy = [{ createdAt: direction }, { id: direction }];
  // The page and the count are independent reads (in parallel on PostgreSQL). A capped count names the
  // index order (Prisma would otherwise order by id, and PostgreSQL walk the primary key to find them).
  const [found, counted] = await Promise.all([
    find({ where: { ...where, ...keyset }, orderBy: order, take: limit + 1 }),
    db().app.count({ where, ...(cap ? { take: cap + 1, orderBy: [{ createdAt: "desc" }, { id: "desc" }] } : {}) }),
  ]);
  // The previous page is read oldest first from the cursor; shown newest first like the others.
  const page = twoWayPage(found, limit, { before, after }, encodeTimeCursor);
  return {
    rows: page.rows,
    total: cap ? Math.min(counted, cap) : counted,
    totalCapped: cap ? counted > cap : false,
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}

/** The apps the actor may see, newest first, one page at a time. */
export async function listApps(actor: AppActor, query: ListAppsQuery = {}): Promise<AppPage> {
  const page = await appKeysetPage(visibleAppsWhere(actor), query, (args) => db().app.findMany({ ...args, select: summarySelect }));
  return appPageSchema.parse({
    apps: page.rows.map(summaryOf),
    total: page.total,
    totalCapped: page.totalCapped,
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  });
}

/** One app as its page shows it, with what the actor may do to it. */
export async function getAppDetail(actor: AppActor, appId: string, now = new Date()): Promise<AppDetail> {
  const app = await appFor(
    (where) =>
      db().app.findFirst({
        where,
        select: {
          ...summarySelect,
          clientId: true,
          companyId: true,
          createdById: true,
          description: true,
          suspendedReason: true,
          redirectUri: true,
          termsVersion: true,
          termsAcceptedAt: true,
          updatedAt: true,
          ...clientSettingsSelect,
          lastUsedAt: true,
          lastUsedIp: true,
          secrets: {
            where: liveSecretWhere(now),
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            select: { id: true, lastFour: true, createdAt: true, expiresAt: true, lastUsedAt: true, lastUsedIp: true },
          },
        },
      }),
    actor,
    appId,
    "view",
  );
  // The current secret (no end) first, then the one in its grace period.
  const secrets = [...app.secrets].sort((a, b) => Number(a.expiresAt !== null) - Number(b.expiresAt !== null));
  return appDetailSchema.parse({
    ...summaryOf(app),
    clientId: app.clientId,
    companyId: app.companyId,
    description: app.description,
    suspendedReason: app.suspendedReason,
    redirectUri: app.redirectUri,
    termsVersion: app.termsVersion,
    termsAcceptedAt: app.termsAcceptedAt,
    updatedAt: app.updatedAt,
    secrets,
    isOwner: app.isOwner,
    operations: appOperationsFor(actor.roles, app.isOwner),
    // Public keys only (lib/oauth/client-jwks.ts refuses private members): shown back on Settings.
    ...clientSettingsOf(app),
    lastUsedAt: app.lastUsedAt,
    lastUsedIp: app.lastUsedIp,
  });
}

/** The app's recent audit entries (events, who, when; never metadata). */
export async function appActivity(actor: AppActor, appId: string, take = 10) {
  const app = await appFor(
    (where) => db().app.findFirst({ where, select: { id: true, companyId: true, createdById: true } }),
    actor,
    appId,
    "view",
  );
  const rows = await db().auditLog.findMany({
    where: { targetType: "app", targetId: app.id, companyId: app.companyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(take, 50),
    select: {
      id: true,
      event: true,
      actorId: true,
      actorEmail: true,
      createdAt: true,
      targetType: true,
      targetId: true,
      metadata: true,
      ip: true,
    },
  });
  const names = await namesOf(rows);
  return rows.map((r) => ({
    ...r,
    sentence: auditSentence(r, {
      actor: r.actorId ? (names.users.get(r.actorId) ?? r.actorEmail) : r.actorEmail,
      target: r.targetId ? (names.targets.get(`${r.targetType}:${r.targetId}`) ?? null) : null,
    }),
  }));
}

/** How many apps a person registered in a company (where a Delegated Administrator lands after signing in). */
export async function countAppsCreatedBy(companyId: string, userId: string): Promise<number> {
  return db().app.count({ where: { companyId, createdById: userId } });
}
