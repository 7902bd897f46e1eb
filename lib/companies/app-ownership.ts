import "server-only";
import { appKeysetPage, COUNT_UP_TO, type ListAppsQuery } from "../apps/queries";
// Who answers for an app in a company, and what happens to apps when their owner leaves or loses the
// API Developer role: they are SUSPENDED as a leaver's app (the token service refuses them), their
// secrets and tokens revoked, until a Delegated Administrator reassigns them to another API Developer,
// which issues a new secret. Restore is for apps a Delegated Administrator suspended.
import { createSecret, liveSecretWhere } from "../apps/secrets";
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { db, type DbOrTx, type Tx } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { looksLikeId, reassignSchema, suspendAppSchema } from "../validation/companies";
import { lockedCompanyRole, NOT_FOUND_APP, type Person, requireCompanyRole, rolesIn } from "./guards";

export interface CompanyAppRow {
  id: string;
  name: string;
  status: string;
  suspendedReason: string | null;
  /** LEAVER (its owner left: only reassigning brings it back) or ADMIN (restore brings it back). */
  suspendedKind: string | null;
  createdAt: Date;
  /** When a token was last issued to it (lib/apps/last-used.ts); null: never (or not read). */
  lastUsedAt?: Date | null;
  owner: { id: string; name: string; email: string } | null;
}

const appRowSelect = {
  id: true,
  name: true,
  status: true,
  suspendedReason: true,
  suspendedKind: true,
  createdAt: true,
  lastUsedAt: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

/** A row as appRowSelect reads it: the owner is the app's creator. */
type AppRowRecord = Omit<CompanyAppRow, "owner"> & { createdBy: CompanyAppRow["owner"] };

function toRow(a: AppRowRecord): CompanyAppRow {
  return {
    id: a.id,
    name: a.name,
    status: a.status,
    suspendedReason: a.suspendedReason,
    suspendedKind: a.suspendedKind,
    createdAt: a.createdAt,
    lastUsedAt: a.lastUsedAt ?? null,
    owner: a.createdBy,
  };
}

/** Every app of the company with its owner and status (Delegated Administrators; GET /api/company/apps). */
export async function listCompanyApps(actor: Person, companyId: string): Promise<CompanyAppRow[]> {
  await requireCompanyRole(db(), actor, companyId, "apps.read.company");
  const apps = await db().app.findMany({ where: { companyId }, select: appRowSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return apps.map(toRow);
}

export interface CompanyAppsPage {
  apps: CompanyAppRow[];
  /** Apps matching (the search), counted up to COUNT_UP_TO; `totalCapped` when more match. */
  total: number;
  totalCapped: boolean;
  /** Suspended apps of the whole company (not only this page), counted up to COUNT_UP_TO. */
  suspended: number;
  suspendedCapped: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
}

/**
 * One page of the company's apps with owner and status (Delegated Administrators' /company/apps), newest
 * first, searchable by name: the same keyset pages as My Applications (lib/apps/queries appKeysetPage),
 * so a page costs the same at 100 apps or 100,000.
 */
export async function companyAppsPage(
  actor: Person,
  companyId: string,
  query: Pick<ListAppsQuery, "q" | "after" | "before" | "limit"> = {},
): Promise<CompanyAppsPage> {
  await requireCompanyRole(db(), actor, companyId, "apps.read.company");
  const [page, suspended] = await Promise.all([
    appKeysetPage({ companyId }, { ...query, countUpTo: COUNT_UP_TO }, (args) => db().app.findMany({ ...args, select: appRowSelect })),
    db().app.count({
      where: { companyId, status: "SUSPENDED" },
      take: COUNT_UP_TO + 1,
      orderBy: [{ companyId: "asc" }, { status: "asc" }],
    }),
  ]);
  return {
    apps: page.rows.map(toRow),
    total: page.total,
    totalCapped: page.totalCapped,
    suspended: Math.min(suspended, COUNT_UP_TO),
    suspendedCapped: suspended > COUNT_UP_TO,
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
  };
}

/** The member's apps in the company that are not suspended yet (what losing them would suspend). */
export async function appsAtStake(client: DbOrTx, companyId: string, userId: string): Promise<CompanyAppRow[]> {
  return (await appsOwnedBy(client, companyId, userId)).filter((a) => a.status !== "SUSPENDED");
}

/** Every app the member owns in the company, by name. */
export async function appsOwnedBy(client: DbOrTx, companyId: string, userId: string): Promise<CompanyAppRow[]> {
  const apps = await client.app.findMany({ where: { companyId, createdById: userId }, select: appRowSelect, orderBy: { name: "asc" } });
  return apps.map(toRow);
}

/** The "app.suspended" entry, the same for a leaver's apps and a Delegated Administrator's decision. */
function suspendedEntry(app: { id: string; name: string; status: string }, companyId: string, reason: string, more = {}) {
  const metadata = { name: app.name, previousStatus: app.status, reason, ...more };
  return { event: "app.suspended", targetType: "app", targetId: app.id, companyId, metadata };
}

/**
 * The instant from which a leaver's app accepts access tokens again: the next whole second after `now`
 * (access tokens carry `iat` in whole seconds, so every token issued up to the cut-off is refused).
 */
export function tokensNotBeforeFor(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000 + 1000);
}

/**
 * A leaver loses access (inside the caller's transaction, under the company lock): every app the owner
 * has in the company is SUSPENDED as a leaver's app (only reassigning brings it back, with a new secret),
 * every secret of those apps — all the owner could reveal — is revoked, and every token of those apps
 * with it: token grants and refresh tokens revoked, unused codes dropped, and the per-app "not before"
 * cut-off set so access tokens already issued (client_credentials ones carry no grant) are refused too.
 * One audit entry per app. Returns the apps that were not suspended before (what the confirm step
 * listed); the caller calls invalidate("apps", { appIds }) (lib/cache) once its transaction has committed.
 */
export async function suspendAppsOwnedBy(
  tx: Tx,
  actor: Person,
  companyId: string,
  owner: { id: string; email: string },
  reason: string,
  ctx?: RequestContext | null,
  now = new Date(),
): Promise<CompanyAppRow[]> {
  const apps = await tx.app.findMany({
    where: { companyId, createdById: owner.id },
    select: { ...appRowSelect, tokensNotBefore: true },
    orderBy: { name: "asc" },
  });
  const notBefore = tokensNotBeforeFor(now);
  const suspended: CompanyAppRow[] = [];
  for (const app of apps) {
    await tx.app.update({
      where: { id: app.id },
      data: { status: "SUSPENDED", suspendedReason: reason, suspendedKind: "LEAVER", tokensNotBefore: notBefore },
    });
    const secrets = await tx.clientSecret.updateMany({ where: { appId: app.id, revokedAt: null }, data: { revokedAt: now } });
    const grants = await tx.tokenGrant.updateMany({
      where: { appId: app.id, revokedAt: null },
      data: { revokedAt: now, revokedReason: "owner_left" },
    });
    const refresh = await tx.refreshToken.updateMany({ where: { appId: app.id, revokedAt: null }, data: { revokedAt: now } });
    const codes = await tx.authorizationCode.deleteMany({ where: { appId: app.id, consumedAt: null } });
    const revoked = {
      ownerEmail: owner.email,
      leaver: true,
      revokedCredentials: secrets.count,
      revokedGrants: grants.count,
      revokedRefreshTokens: refresh.count,
      droppedCodes: codes.count,
      tokensNotBefore: notBefore.toISOString(),
    };
    await writeAudit(tx, actor, suspendedEntry(app, companyId, reason, revoked), ctx);
    if (app.status !== "SUSPENDED")
      suspended.push({ ...toRow(app), status: "SUSPENDED", suspendedReason: reason, suspendedKind: "LEAVER" });
  }
  return suspended;
}

/** Waits until `at` (at most a second: see tokensNotBeforeFor), so tokens issued from now on pass the cut-off. */
async function waitUntil(at: Date | null): Promise<void> {
  const ms = at ? at.getTime() - Date.now() : 0;
  if (ms > 0 && ms <= 1000) await new Promise((resolve) => setTimeout(resolve, ms));
}

async function appOfCompany(tx: Tx, companyId: string, appId: unknown) {
  if (!looksLikeId(appId, "app")) throw new AppError("not_found", NOT_FOUND_APP);
  const app = await tx.app.findFirst({
    where: { id: appId, companyId },
    select: { ...appRowSelect, createdById: true, suspendedKind: true, tokensNotBefore: true },
  });
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
): Promise<CompanyAppRow & { newSecretIssued: boolean }> {
  const data = parseInput(reassignSchema, input);
  const row = await db().$transaction(async (tx) => {
    await lockedCompanyRole(tx, actor, companyId, "apps.manage.company");
    const app = await appOfCompany(tx, companyId, appId);
    const problem = (message: string) => new AppError("validation", message, { fieldErrors: { toUserId: [message] } });
    if (!looksLikeId(data.toUserId, "usr")) throw problem("Choose a member of this company who holds the API Developer role.");
    if (app.createdById === data.toUserId) throw problem("That member already owns this app. Choose someone else, or restore the app.");
    const target = await tx.user.findUnique({ where: { id: data.toUserId }, select: { id: true, email: true, name: true } });
    const targetRoles = target ? await rolesIn(tx, target.id, companyId) : [];
    if (!target || !targetRoles.includes("API_DEVELOPER"))
      throw problem("Choose a member of this company who holds the API Developer role.");
    const now = new Date();
    // A leaver's app (or one left without a live secret) gets a NEW secret that only its new owner can
    // reveal; whatever the previous owner copied stays revoked.
    const needsSecret =
      app.suspendedKind === "LEAVER" || (await tx.clientSecret.count({ where: { appId: app.id, ...liveSecretWhere(now) } })) === 0;
    if (needsSecret) await tx.clientSecret.updateMany({ where: { appId: app.id, revokedAt: null }, data: { revokedAt: now } });
    const issued = needsSecret ? await createSecret(tx, app.id, target.id) : null;
    const updated = await tx.app.update({
      where: { id: app.id },
      data: {
        createdById: target.id,
        ...(app.status === "SUSPENDED" ? { status: "ACTIVE", suspendedReason: null, suspendedKind: null } : {}),
      },
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
        metadata: {
          name: app.name,
          fromEmail: app.createdBy?.email ?? null,
          toEmail: target.email,
          previousStatus: app.status,
          status: updated.status,
          issuedCredentialId: issued?.id ?? null,
        },
      },
      ctx,
    );
    return { row: { ...toRow(updated), newSecretIssued: issued !== null }, notBefore: app.tokensNotBefore };
  });
  invalidate("apps", { appIds: [row.row.id] }); // the token service refuses (or serves) it at once
  await waitUntil(row.notBefore);
  return row.row;
}

export const LEAVER_APP_RESTORE_MESSAGE = (name: string) =>
  `${name} was suspended because its owner left or lost the API Developer role. Reassign it to another API Developer instead: they get a new Client Secret.`;

/**
 * Lifts a suspension a Delegated Administrator made: the app gets tokens again. A leaver's app is brought
 * back only by reassigning it (contract decision). An app left without a live secret gets a new one.
 */
export async function restoreApp(actor: Person, companyId: string, appId: unknown, ctx?: RequestContext | null): Promise<CompanyAppRow> {
  const row = await db().$transaction(async (tx) => {
    await lockedCompanyRole(tx, actor, companyId, "apps.manage.company");
    const app = await appOfCompany(tx, companyId, appId);
    if (app.status !== "SUSPENDED") throw new AppError("conflict", `${app.name} is not suspended.`);
    if (app.suspendedKind === "LEAVER") throw new AppError("conflict", LEAVER_APP_RESTORE_MESSAGE(app.name));
    const now = new Date();
    const issued =
      (await tx.clientSecret.count({ where: { appId: app.id, ...liveSecretWhere(now) } })) === 0
        ? await createSecret(tx, app.id, app.createdById)
        : null;
    const updated = await tx.app.update({
      where: { id: app.id },
      data: { status: "ACTIVE", suspendedReason: null, suspendedKind: null },
      select: appRowSelect,
    });
    await writeAudit(
      tx,
      actor,
      {
        event: "app.restored",
        targetType: "app",
        targetId: app.id,
        companyId,
        metadata: { name: app.name, previousReason: app.suspendedReason, issuedCredentialId: issued?.id ?? null },
      },
      ctx,
    );
    return { row: toRow(updated), notBefore: app.tokensNotBefore };
  });
  invalidate("apps", { appIds: [row.row.id] }); // the token service refuses (or serves) it at once
  await waitUntil(row.notBefore);
  return row.row;
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
    await lockedCompanyRole(tx, actor, companyId, "apps.manage.company");
    const app = await appOfCompany(tx, companyId, appId);
    if (app.status === "SUSPENDED") throw new AppError("conflict", `${app.name} is already suspended.`);
    const updated = await tx.app.update({
      where: { id: app.id },
      data: { status: "SUSPENDED", suspendedReason: reason, suspendedKind: "ADMIN" },
      select: appRowSelect,
    });
    await writeAudit(tx, actor, suspendedEntry(app, companyId, reason), ctx);
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
