import "server-only";
// Changing an app after registration: name, description and APIs (never the Redirect URL or the
// grant types); deactivating and reactivating; deleting (which revokes every token). All audited.
import { companyMayUse } from "../apis/catalog";
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { db, isUniqueViolation, type Tx } from "../db";
import { AppError } from "../errors";
import { addSubscriptions } from "../plans/plans";
import type { RequestContext } from "../server/request-context";
import { APP_RULE_TEXT, appSecuritySettingsSchema, appUpdateSchema, normaliseAppName } from "../validation/app-registration";
import { parseInput } from "../validation/common";
import { actorUnderLock, type AppActor, appEntry, appFor, lockApp } from "./access";

const nameTaken = () => new AppError("conflict", APP_RULE_TEXT.nameTaken, { fieldErrors: { name: [APP_RULE_TEXT.nameTaken] } });

export async function updateApp(actor: AppActor, appId: string, input: unknown, ctx: RequestContext | null): Promise<void> {
  const data = parseInput(appUpdateSchema, input);
  const app = await appFor(
    (where) => db().app.findFirst({ where, include: { subscriptions: { select: { apiId: true } } } }),
    actor,
    appId,
    "edit",
  );
  const before = new Set(app.subscriptions.map((s) => s.apiId));
  const added = data.apiIds.filter((id) => !before.has(id));
  const removed = [...before].filter((id) => !data.apiIds.includes(id));
  if (added.length && !(await companyMayUse(actor.companyId, added))) {
    throw new AppError("validation", APP_RULE_TEXT.apiUnknown, { fieldErrors: { apiIds: [APP_RULE_TEXT.apiUnknown] } });
  }
  const changes: Record<string, unknown> = {};
  if (data.name !== app.name) changes.name = { from: app.name, to: data.name };
  if (data.description !== app.description) changes.descriptionChanged = true;
  if (added.length) changes.apisAdded = added;
  if (removed.length) changes.apisRemoved = removed;
  if (Object.keys(changes).length === 0) return;
  try {
    await db().$transaction(async (tx) => {
      await appFor((where) => tx.app.findFirst({ where }), await actorUnderLock(tx, actor), appId, "edit");
      await tx.app.update({ where: { id: app.id }, data: { name: data.name, nameKey: data.nameKey, description: data.description } });
      if (removed.length) await tx.appApiSubscription.deleteMany({ where: { appId: app.id, apiId: { in: removed } } });
      if (removed.length)
        await tx.accessRequest.updateMany({
          where: { kind: "subscription", appId: app.id, apiId: { in: removed }, status: "PENDING" },
          data: { status: "WITHDRAWN" },
        });
      await addSubscriptions(tx, app, added, actor.user.id);
      await writeAudit(tx, actor.user, appEntry("app.updated", app, changes), ctx);
    });
    // The APIs are the scopes the token service grants: forget its cached copy once committed.
    invalidate("apps", { clientIds: [app.clientId] });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/**
 * The sign-in settings editable after registration (audited): post-logout redirect URL,
 * allowed web origins (Single-page apps only), Require PKCE (always on for public apps), DPoP, PAR.
 */
export async function updateAppSecuritySettings(actor: AppActor, appId: string, input: unknown, ctx: RequestContext | null): Promise<void> {
  const data = parseInput(appSecuritySettingsSchema, input);
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, "edit");
  if (data.allowedOrigins.length && app.kind !== "spa") {
    throw new AppError("validation", APP_RULE_TEXT.originsOnlySpa, { fieldErrors: { allowedOrigins: [APP_RULE_TEXT.originsOnlySpa] } });
  }
  const next = {
    postLogoutRedirectUri: data.postLogoutRedirectUri,
    allowedOrigins: data.allowedOrigins.join(" "),
    requirePkce: app.clientType === "public" ? true : data.requirePkce,
    requireDpop: data.requireDpop,
    requirePar: data.requirePar,
  };
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const was = app[k as keyof typeof next];
    if (was !== v) changes[k] = { from: was, to: v };
  }
  if (Object.keys(changes).length === 0) return;
  await db().$transaction(async (tx) => {
    // Roles and company status again, under the company lock, so a concurrent demotion or suspension wins.
    await appFor((where) => tx.app.findFirst({ where }), await actorUnderLock(tx, actor), appId, "edit");
    await tx.app.update({ where: { id: app.id }, data: next });
    await writeAudit(tx, actor.user, appEntry("app.settings_updated", app, changes), ctx);
  });
  invalidate("apps", { clientIds: [app.clientId] });
}

/** Revokes every token grant and refresh token of the app and drops its unused codes. Returns counts. */
export async function revokeTokens(tx: Tx, appId: string, reason: string, now: Date) {
  const grants = await tx.tokenGrant.updateMany({ where: { appId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  const refresh = await tx.refreshToken.updateMany({ where: { appId, revokedAt: null }, data: { revokedAt: now } });
  const codes = await tx.authorizationCode.deleteMany({ where: { appId, consumedAt: null } });
  return { revokedGrants: grants.count, revokedRefreshTokens: refresh.count, droppedCodes: codes.count };
}

/**
 * ACTIVE ⇄ INACTIVE. An inactive app gets no tokens and its issued ones are revoked. A SUSPENDED app
 * (set by the company's administrators or the platform) is not changed here.
 */
export async function setAppStatus(
  actor: AppActor,
  appId: string,
  status: "ACTIVE" | "INACTIVE",
  ctx: RequestContext | null,
  now = new Date(),
): Promise<void> {
  if (status !== "ACTIVE" && status !== "INACTIVE") throw new AppError("bad_request", "Unknown status.");
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, status === "ACTIVE" ? "reactivate" : "deactivate");
  if (app.status === "SUSPENDED") {
    throw new AppError("conflict", "This app is suspended. Only whoever suspended it can restore it.");
  }
  if (app.status === status) return;
  await db().$transaction(async (tx) => {
    await appFor(
      (where) => tx.app.findFirst({ where }),
      await actorUnderLock(tx, actor),
      appId,
      status === "ACTIVE" ? "reactivate" : "deactivate",
    );
    await lockApp(tx, app.id);
    const current = await tx.app.findUniqueOrThrow({ where: { id: app.id }, select: { status: true } });
    if (current.status !== app.status) throw new AppError("conflict", "The app changed meanwhile. Reload the page and try again.");
    await tx.app.update({ where: { id: app.id }, data: { status } });
    const revoked = status === "INACTIVE" ? await revokeTokens(tx, app.id, "app_deactivated", now) : {};
    const event = status === "INACTIVE" ? "app.deactivated" : "app.reactivated";
    await writeAudit(tx, actor.user, appEntry(event, app, { from: app.status, to: status, ...revoked }), ctx);
  });
  // Once committed, the token service forgets its cached copy: the change counts at once.
  invalidate("apps", { clientIds: [app.clientId] });
}

export const DELETE_CONFIRM_MISMATCH = "Type the application's name exactly as shown to delete it.";

/**
 * Deletes the app after its name is typed, with every token it was issued: token grants, refresh
 * tokens, authorization codes and remembered consents are deleted (the schema's cascades would do
 * most of it; doing it here counts them for the audit entry, which is the record of the revocation).
 */
export async function deleteApp(actor: AppActor, appId: string, confirmName: unknown, ctx: RequestContext | null): Promise<void> {
  const app = await appFor((where) => db().app.findFirst({ where }), actor, appId, "delete");
  if (typeof confirmName !== "string" || normaliseAppName(confirmName) !== app.name) {
    throw new AppError("validation", DELETE_CONFIRM_MISMATCH, { fieldErrors: { confirmName: [DELETE_CONFIRM_MISMATCH] } });
  }
  await db().$transaction(async (tx) => {
    await appFor((where) => tx.app.findFirst({ where }), await actorUnderLock(tx, actor), appId, "delete");
    await lockApp(tx, app.id);
    const refresh = await tx.refreshToken.deleteMany({ where: { appId: app.id } });
    const codes = await tx.authorizationCode.deleteMany({ where: { appId: app.id } });
    const grants = await tx.tokenGrant.deleteMany({ where: { appId: app.id } });
    const consents = await tx.consentGrant.deleteMany({ where: { appId: app.id } });
    const secrets = await tx.clientSecret.deleteMany({ where: { appId: app.id } });
    await tx.appApiSubscription.deleteMany({ where: { appId: app.id } });
    await tx.app.delete({ where: { id: app.id } });
    const deleted = {
      name: app.name,
      clientId: app.clientId,
      ownerId: app.createdById,
      deletedGrants: grants.count,
      deletedRefreshTokens: refresh.count,
      deletedCodes: codes.count,
      deletedConsents: consents.count,
      deletedCredentials: secrets.count,
    };
    await writeAudit(tx, actor.user, appEntry("app.deleted", app, deleted), ctx);
  });
  invalidate("apps", { clientIds: [app.clientId] });
}
