import "server-only";
// Reading the audit log: a company's entries for its Delegated Administrators, every company's for the
// platform administrator. Filters (event, actor, date range, company), newest first, keyset pagination
// on (createdAt, id) so a deep page costs what the first one does (AuditLog's indexes serve it).
import { type Person, requireCompanyRole, requirePlatformActor } from "../companies/guards";
import { db } from "../db";
import { AppError } from "../errors";
import { parseInput } from "../validation/common";
import { auditFilterSchema, looksLikeId } from "../validation/companies";
import { auditSentence } from "./sentences";

export const AUDIT_PAGE_SIZE = 50;

/** Events this area writes (others write more: the filter takes any name, or a prefix like "role."). */
export const KNOWN_AUDIT_EVENTS = [
  "company.created",
  "company.suspended",
  "company.restored",
  "company.api_access.changed",
  "membership.added",
  "membership.removed",
  "role.granted",
  "role.revoked",
  "invitation.created",
  "invitation.updated",
  "invitation.withdrawn",
  "invitation.accepted",
  "app.suspended",
  "app.restored",
  "app.reassigned",
  "user.signed_up",
] as const;

export interface AuditRow {
  id: string;
  createdAt: Date;
  event: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string;
  targetId: string | null;
  companyId: string | null;
  companyName: string | null;
  metadata: unknown;
  ip: string | null;
  userAgent: string | null;
  /** The entry as a sentence with names (lib/audit/sentences.ts); ids stay in the fields above. */
  sentence: string;
}

export interface AuditFilters {
  event?: string;
  actor?: string;
  from?: string;
  to?: string;
  company?: string;
}

export type AuditScope = { companyId: string } | { allCompanies: true };

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

function decodeCursor(value: string | undefined): { createdAt: Date; id: string } | null {
  if (!value) return null;
  const [iso, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || !looksLikeId(id, "aud") || Number.isNaN(createdAt.getTime())) {
    throw new AppError("validation", "That page link is not valid any more. Start from the first page.", {
      fieldErrors: { cursor: ["Start from the first page."] },
    });
  }
  return { createdAt, id };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Names for a page of entries: actors by user id, and apps / APIs by target id (one query each). */
export async function namesOf(rows: { actorId: string | null; targetType: string; targetId: string | null }[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId!))];
  const userIds = [...new Set(rows.map((r) => r.actorId).filter((v): v is string => Boolean(v)))];
  const [users, apps, apis] = await Promise.all([
    userIds.length ? db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    ids("app").length ? db().app.findMany({ where: { id: { in: ids("app") } }, select: { id: true, name: true } }) : [],
    ids("api").length ? db().api.findMany({ where: { id: { in: ids("api") } }, select: { id: true, name: true } }) : [],
  ]);
  const targets = new Map<string, string>([
    ...apps.map((a) => [`app:${a.id}`, a.name] as const),
    ...apis.map((a) => [`api:${a.id}`, a.name] as const),
  ]);
  return { users: new Map(users.map((u) => [u.id, u.name])), targets };
}

/**
 * One page of audit entries, newest first. `scope` decides whose entries: one company (its Delegated
 * Administrators) or all (the platform administrator, who may narrow to one company with `company`).
 */
export async function listAuditEntries(
  actor: Person,
  scope: AuditScope,
  input: unknown,
  opts: { limit?: number } = {},
): Promise<{ items: AuditRow[]; nextCursor: string | null; filters: AuditFilters }> {
  const f = parseInput(auditFilterSchema, input ?? {});
  // The permission check runs beside the reads below; nothing is returned unless it passes.
  const allowed =
    "companyId" in scope
      ? requireCompanyRole(db(), actor, scope.companyId, "audit.read.company")
      : requirePlatformActor(db(), actor, "audit.read.all");
  allowed.catch(() => {}); // awaited below; this only keeps an early refusal from being "unhandled"
  const limit = Math.min(Math.max(opts.limit ?? AUDIT_PAGE_SIZE, 1), 200);

  const and: object[] = [];
  const companyId = "companyId" in scope ? scope.companyId : f.company || undefined;
  if (companyId) and.push({ companyId: looksLikeId(companyId, "cmp") ? companyId : "none" });
  if (f.event) and.push({ event: f.event.endsWith(".") ? { startsWith: f.event } : f.event });
  if (f.actor) {
    const value = f.actor.toLowerCase();
    const user = value.includes("@") ? await db().user.findUnique({ where: { email: value }, select: { id: true } }) : null;
    and.push(user ? { actorId: user.id } : { actorEmail: value });
  }
  if (f.from) and.push({ createdAt: { gte: new Date(`${f.from}T00:00:00.000Z`) } });
  if (f.to) and.push({ createdAt: { lt: new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + DAY_MS) } });
  const cursor = decodeCursor(f.cursor);
  if (cursor) {
    // Keyset: strictly older than the last row shown ((createdAt, id) descending).
    and.push({ createdAt: { lte: cursor.createdAt } }, { NOT: { createdAt: cursor.createdAt, id: { gte: cursor.id } } });
  }

  const [, rows] = await Promise.all([
    allowed,
    db().auditLog.findMany({
      where: { AND: and },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
  ]);
  const page = rows.slice(0, limit);
  const companyIds = [...new Set(page.map((r) => r.companyId).filter((v): v is string => Boolean(v)))];
  const [companies, people] = await Promise.all([
    companyIds.length ? db().company.findMany({ where: { id: { in: companyIds } }, select: { id: true, name: true } }) : [],
    namesOf(page),
  ]);
  const names = new Map(companies.map((c) => [c.id, c.name]));
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      event: r.event,
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      targetType: r.targetType,
      targetId: r.targetId,
      companyId: r.companyId,
      companyName: r.companyId ? (names.get(r.companyId) ?? null) : null,
      metadata: r.metadata,
      ip: r.ip,
      userAgent: r.userAgent,
      sentence: auditSentence(r, {
        actor: r.actorId ? (people.users.get(r.actorId) ?? r.actorEmail) : r.actorEmail,
        target: r.targetId
          ? (people.targets.get(`${r.targetType}:${r.targetId}`) ?? (r.targetType === "company" ? (names.get(r.targetId) ?? null) : null))
          : null,
      }),
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    filters: {
      event: f.event || undefined,
      actor: f.actor || undefined,
      from: f.from || undefined,
      to: f.to || undefined,
      company: f.company || undefined,
    },
  };
}

/** For pages: a page of entries, or the filters' validation messages (with the raw filters kept). */
export async function auditPage(
  actor: Person,
  scope: AuditScope,
  params: Record<string, string | undefined>,
): Promise<{
  items: AuditRow[];
  nextCursor: string | null;
  filters: AuditFilters;
  error: { message: string; fieldErrors?: Record<string, string[]> } | null;
}> {
  const raw = {
    event: params.event,
    actor: params.actor,
    from: params.from,
    to: params.to,
    company: params.company,
    cursor: params.cursor,
  };
  try {
    return { ...(await listAuditEntries(actor, scope, raw)), error: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") {
      const keep = (v: string | undefined) => (v ? v.slice(0, 300) : undefined);
      return {
        items: [],
        nextCursor: null,
        filters: { event: keep(raw.event), actor: keep(raw.actor), from: keep(raw.from), to: keep(raw.to), company: keep(raw.company) },
        error: { message: error.message, fieldErrors: error.fieldErrors },
      };
    }
    throw error;
  }
}
