import "server-only";
// Who acts on apps, and which apps they may see. Apps are always looked up within the actor's active
// company; an app of another company, or one the actor may not see, is "not found".
import { COMPANY_SUSPENDED_MESSAGE, lockCompany, rolesIn } from "../companies/guards";
import type { DbOrTx, Tx } from "../db";
import { AppError, forbidden } from "../errors";
import { type AppOperation, can, canOnApp, type Role } from "../permissions";
import type { Viewer } from "../users/viewer";

export interface AppActor {
  user: { id: string; email: string };
  companyId: string;
  companyStatus: string;
  roles: Role[];
}

/** The actor for the viewer's active company, or null when they act for none. */
export function appActorFor(viewer: Viewer): AppActor | null {
  const c = viewer.active;
  if (!c) return null;
  return { user: { id: viewer.user.id, email: viewer.user.email }, companyId: c.companyId, companyStatus: c.companyStatus, roles: c.roles };
}

export const APP_NOT_FOUND = "This application was not found.";

/** Prisma filter for the apps the actor may see: the company's (DA) or their own (developer). */
export function visibleAppsWhere(actor: AppActor): { companyId: string; createdById?: string } {
  if (can(actor.roles, "apps.read.company")) return { companyId: actor.companyId };
  if (can(actor.roles, "apps.read.own")) return { companyId: actor.companyId, createdById: actor.user.id };
  throw forbidden("Your roles in this company do not let you see its applications.");
}

/** True when the actor may see any app list at all. */
export function mayListApps(actor: AppActor): boolean {
  return can(actor.roles, "apps.read.company") || can(actor.roles, "apps.read.own");
}

/**
 * Loads an app of the actor's company for an operation. Not found when it is another company's or
 * the actor may not see it; forbidden when they may see it but not do this.
 */
export async function appFor<T extends { id: string; companyId: string; createdById: string | null }>(
  find: (where: { id: string; companyId: string }) => Promise<T | null>,
  actor: AppActor,
  appId: string,
  operation: AppOperation,
): Promise<T & { isOwner: boolean }> {
  if (typeof appId !== "string" || appId.length > 64) throw new AppError("not_found", APP_NOT_FOUND);
  const app = await find({ id: appId, companyId: actor.companyId });
  if (!app) throw new AppError("not_found", APP_NOT_FOUND);
  const isOwner = app.createdById === actor.user.id;
  if (!canOnApp(actor.roles, "view", isOwner)) throw new AppError("not_found", APP_NOT_FOUND);
  if (!canOnApp(actor.roles, operation, isOwner)) throw forbidden(OPERATION_DENIED[operation]);
  return { ...app, isOwner };
}

const OPERATION_DENIED: Record<AppOperation, string> = {
  view: APP_NOT_FOUND,
  reveal: "Only the developer who registered this app can see its Client Secret.",
  edit: "Only the developer who registered this app can change it.",
  rotate: "Only the developer who registered this app can rotate its secret.",
  deactivate: "Your roles do not let you deactivate this app.",
  reactivate: "Your roles do not let you reactivate this app.",
  delete: "Only the developer who registered this app can delete it.",
};

/** Locks the app's row for the rest of the transaction (PostgreSQL row lock; SQLite's write lock). */
export async function lockApp(tx: DbOrTx, appId: string): Promise<void> {
  await tx.app.update({ where: { id: appId }, data: { updatedAt: new Date() } });
}

/**
 * The actor as the database says under the company lock (taken first, so a demotion committed meanwhile counts): roles and
 * company status re-read inside the caller's transaction, so a demotion or removal committed meanwhile
 * counts. Not found when they no longer belong to the company; forbidden when it is suspended (a
 * suspended company is read-only for its members). Callers then run appFor with these roles.
 */
export async function actorUnderLock(tx: Tx, actor: AppActor): Promise<AppActor> {
  await lockCompany(tx, actor.companyId);
  const roles = await rolesIn(tx, actor.user.id, actor.companyId);
  if (roles.length === 0) throw new AppError("not_found", APP_NOT_FOUND);
  const company = await tx.company.findUnique({ where: { id: actor.companyId }, select: { status: true } });
  if (!company) throw new AppError("not_found", APP_NOT_FOUND);
  if (company.status !== "ACTIVE") throw forbidden(COMPANY_SUSPENDED_MESSAGE);
  return { ...actor, roles, companyStatus: company.status };
}

/** The audit entry of a change to (or use of) an app, in the app's company. */
export function appEntry(event: string, app: { id: string; companyId: string }, metadata: Record<string, unknown>) {
  return { event, targetType: "app", targetId: app.id, companyId: app.companyId, metadata };
}
