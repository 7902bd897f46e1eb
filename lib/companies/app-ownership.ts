import "server-only";
// Who answers for an app in a company, and what happens to apps when their owner leaves or loses the
// API Developer role: they are SUSPENDED (the token service refuses them) with a reason, until a
// Delegated Administrator reassigns them to another API Developer or restores them.
import { db, type DbOrTx, type Tx } from "../db";
import { writeAudit } from "../audit";
import { AppError } from "../errors";
import type { RequestContext } from "../request-context";
import { parseInput } from "../validation/common";
import { looksLikeId, reassignSchema, suspendAppSchema } from "../validation/companies";
import { invalidate } from "../cache";
import { NOT_FOUND_APP, lockCompany, requireCompanyRole, rolesIn, type Person } from "./guards";

export interface CompanyAppRow {
  id: string;
  name: string;
  status: string;
  suspendedReason: string | null;
  createdAt: Date;
  owner: { id: string; name: string; email: string } | null;
}

const appRowSelect = {
  id: true,
  name: true,
  status: true,
  suspendedReason: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

type AppRowRecord = {
  id: string;
  name: string;
  status: string;
  suspendedReason: string | null;
  createdAt: Date;
  createdBy: { id: string; name: string; email: string } | null;
};

function toRow(a: AppRowRecord): CompanyAppRow {
  return { id: a.id, name: a.name, status: a.status, suspendedReason: a.suspendedReason, createdAt: a.createdAt, owner: a.createdBy };
}

/** Every app of the company with its owner and status (Delegated Administrators). */
export async function listCompanyApps(actor: Person, companyId: string): Promise<CompanyAppRow[]> {
  await requireCompanyRole(db(), actor, companyId, "apps.read.company");
  const apps = await db().app.findMany({ where: { companyId }, select: appRowSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return apps.map(toRow);
}

/** The member's apps in the company that are not suspended yet (what losing them would suspend). */
export async function appsAtStake(client: DbOrTx, companyId: string, userId: string): Promise<CompanyAppRow[]> {
  const apps = await client.app.findMany({
    where: { companyId, createdById: userId, status: { not: "SUSPENDED" } },
    select: appRowSelect,
    orderBy: { name: "asc" },
  });
  return apps.map(toRow);
}

/**
 * Suspends the owner's apps in the company (inside the caller's transaction), one audit entry each.
 * The caller calls invalidate("apps", { appIds }) (lib/cache) once its transaction has committed.
 */
export async function suspendAppsOwnedBy(
  tx: Tx,
  actor: Person,
  companyId: string,
  owner: { id: string; email: string },
  reason: string,
  ctx?: RequestContext | null,
): Promise<CompanyAppRow[]> {
  const apps = await appsAtStake(tx, companyId, owner.id);
  for (const app of apps) {
    await tx.app.update({ where: { id: app.id }, data: { status: "SUSPENDED", suspendedReason: reason } });
    await writeAudit(
      tx,
      actor,
      {
        event: "app.suspended",
        targetType: "app",
        targetId: app.id,
        companyId,
        metadata: { name: app.name, previousStatus: app.status, reason, ownerEmail: owner.email },
      },
      ctx,
    );
  }
  return apps.map((a) => ({ ...a, status: "SUSPENDED", suspendedReason: reason }));
}

async function appOfCompany(tx: Tx, companyId: string, appId: unknown) {
  if (!looksLikeId(appId, "app")) throw new AppError("not_found", NOT_FOUND_APP);
  const app = await tx.app.findFirst({ where: { id: appId, companyId }, select: { ...appRowSelect, createdById: true } });
  if (!app) throw new AppError("not_found", NOT_FOUND_APP);
  return app;
}

/**
 * Gives the app to another member who holds the API Developer role. A suspended app becomes active
 * again: its new owner answers for it.
 */
export async function reassignApp(
  actor: Person,
  companyId: string,
  appId: unknown,
  input: unknown,
  ctx?: RequestContext | null,
): Promise<CompanyAppRow> {
  const data = parseInput(reassignSchema, input);
  const row = await db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "apps.manage.company");
    await lockCompany(tx, companyId);
    const app = await appOfCompany(tx, companyId, appId);
    const problem = (message: string) => new AppError("validation", message, { fieldErrors: { toUserId: [message] } });
    if (!looksLikeId(data.toUserId, "usr")) throw problem("Choose a member of this company who holds the API Developer role.");
    if (app.createdById === data.toUserId) throw problem("That member already owns this app. Choose someone else, or restore the app.");
    const target = await tx.user.findUnique({ where: { id: data.toUserId }, select: { id: true, email: true, name: true } });
    const targetRoles = target ? await rolesIn(tx, target.id, companyId) : [];
    if (!target || !targetRoles.includes("API_DEVELOPER")) throw problem("Choose a member of this company who holds the API Developer role.");
    const updated = await tx.app.update({
      where: { id: app.id },
      data: { createdById: target.id, ...(app.status === "SUSPENDED" ? { status: "ACTIVE", suspendedReason: null } : {}) },
      select: appRowSelect,
    });
    await writeAudit(
      tx,
      actor,
      {
        event: "app.reassigned",
        targetType: "app",
        targetId: app.id,
        companyId,
        metadata: { name: app.name, fromEmail: app.createdBy?.email ?? null, toEmail: target.email, previousStatus: app.status, status: updated.status },
      },
      ctx,
    );
    return toRow(updated);
  });
  invalidate("apps", { appIds: [row.id] }); // the token service refuses (or serves) it at once
  return row;
}

/** Lifts a suspension: the app gets tokens again. */
export async function restoreApp(actor: Person, companyId: string, appId: unknown, ctx?: RequestContext | null): Promise<CompanyAppRow> {
  const row = await db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "apps.manage.company");
    const app = await appOfCompany(tx, companyId, appId);
    if (app.status !== "SUSPENDED") throw new AppError("conflict", `${app.name} is not suspended.`);
    const updated = await tx.app.update({ where: { id: app.id }, data: { status: "ACTIVE", suspendedReason: null }, select: appRowSelect });
    await writeAudit(
      tx,
      actor,
      { event: "app.restored", targetType: "app", targetId: app.id, companyId, metadata: { name: app.name, previousReason: app.suspendedReason } },
      ctx,
    );
    return toRow(updated);
  });
  invalidate("apps", { appIds: [row.id] }); // the token service refuses (or serves) it at once
  return row;
}

/** Suspends one app of the company (it stops getting tokens) with the Delegated Administrator's reason. */
export async function suspendApp(
  actor: Person,
  companyId: string,
  appId: unknown,
  input: unknown,
  ctx?: RequestContext | null,
): Promise<CompanyAppRow> {
  const { reason } = parseInput(suspendAppSchema, input);
  const row = await db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "apps.manage.company");
    const app = await appOfCompany(tx, companyId, appId);
    if (app.status === "SUSPENDED") throw new AppError("conflict", `${app.name} is already suspended.`);
    const updated = await tx.app.update({ where: { id: app.id }, data: { status: "SUSPENDED", suspendedReason: reason }, select: appRowSelect });
    await writeAudit(
      tx,
      actor,
      { event: "app.suspended", targetType: "app", targetId: app.id, companyId, metadata: { name: app.name, previousStatus: app.status, reason } },
      ctx,
    );
    return toRow(updated);
  });
  invalidate("apps", { appIds: [row.id] }); // the token service refuses (or serves) it at once
  return row;
}

/** Members who may take over apps: those holding API Developer. */
export async function apiDevelopersOf(actor: Person, companyId: string): Promise<{ id: string; name: string; email: string }[]> {
  await requireCompanyRole(db(), actor, companyId, "apps.read.company");
  const rows = await db().membership.findMany({
    where: { companyId, roles: { some: { role: "API_DEVELOPER" } }, user: { status: "ACTIVE" } },
    select: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.user);
}
