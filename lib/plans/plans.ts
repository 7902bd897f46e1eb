import "server-only";
// An API's plans (a rate and quotas per app; blank = unlimited; one default) and which plan each
// subscription has. The platform administrator edits them (catalog.manage, read from the database);
// every change is audited and forgets the caches that checkPlan (lib/plans/enforce.ts) reads.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { type Person, requirePlatformActor } from "../companies/guards";
import { db, type DbOrTx, isUniqueViolation, type Tx } from "../db";
import { AppError } from "../errors";
import { newId, randomBase62 } from "../ids";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { type PlanInput, planInputSchema } from "../validation/plan";
import { emitRequestEvent } from "./request-events";

export const DEFAULT_PLAN_NAME = "Default";

export interface PlanView {
  id: string;
  apiId: string;
  name: string;
  ratePerMinute: number | null;
  callsPerDay: number | null;
  callsPerMonth: number | null;
  isDefault: boolean;
}

const planSelect = {
  id: true,
  apiId: true,
  name: true,
  ratePerMinute: true,
  callsPerDay: true,
  callsPerMonth: true,
  isDefault: true,
} as const;

export function newPlanId(): string {
  return newId("plan");
}

/** The API's plans, the default first. */
export async function listPlans(apiId: string, client: DbOrTx = db()): Promise<PlanView[]> {
  return client.plan.findMany({ where: { apiId }, select: planSelect, orderBy: [{ isDefault: "desc" }, { name: "asc" }] });
}

/** Makes sure the API has a default plan (an unlimited "Default" when it has none): new APIs, start-up. */
export async function ensureDefaultPlan(tx: DbOrTx, apiId: string): Promise<string> {
  const found = await tx.plan.findFirst({ where: { apiId, isDefault: true }, select: { id: true } });
  if (found) return found.id;
  const any = await tx.plan.findFirst({ where: { apiId }, select: { id: true }, orderBy: { createdAt: "asc" } });
  if (any) {
    await tx.plan.update({ where: { id: any.id }, data: { isDefault: true } });
    return any.id;
  }
  const created = await tx.plan.create({
    data: { id: newPlanId(), apiId, name: DEFAULT_PLAN_NAME, isDefault: true },
    select: { id: true },
  });
  return created.id;
}

/** The default plan of each API (by API id) for new subscriptions. */
export async function defaultPlanIds(tx: DbOrTx, apiIds: readonly string[]): Promise<Map<string, string | null>> {
  const rows = apiIds.length
    ? await tx.plan.findMany({ where: { apiId: { in: [...apiIds] }, isDefault: true }, select: { id: true, apiId: true } })
    : [];
  const out = new Map<string, string | null>(apiIds.map((id) => [id, null]));
  for (const r of rows) out.set(r.apiId, r.id);
  return out;
}

function forgetPlans(): void {
  invalidate("catalog"); // checkPlan's cached plans (lib/oauth/hot-cache) are forgotten with the catalog
}

async function requireApi(client: DbOrTx, apiId: string): Promise<{ id: string; slug: string }> {
  const api = await client.api.findUnique({ where: { id: apiId }, select: { id: true, slug: true } });
  if (!api) throw new AppError("not_found", "That API was not found.");
  return api;
}

function conflict(): AppError {
  return new AppError("conflict", "This API already has a plan of that name.", {
    fieldErrors: { name: ["This API already has a plan of that name."] },
  });
}

async function makeOnlyDefault(tx: Tx, apiId: string, planId: string): Promise<void> {
  await tx.plan.updateMany({ where: { apiId, isDefault: true, id: { not: planId } }, data: { isDefault: false } });
  await tx.plan.update({ where: { id: planId }, data: { isDefault: true } });
}

/**
 * A plan's change by the platform administrator (catalog.manage): the input checked, the change in one
 * transaction (a name the API already has is a conflict), then the plans cache forgotten.
 */
async function changePlan<T>(actor: Person, input: unknown, change: (tx: Tx, data: PlanInput) => Promise<T>): Promise<T> {
  await requirePlatformActor(db(), actor, "catalog.manage");
  const data = parseInput(planInputSchema, input);
  try {
    const result = await db().$transaction((tx) => change(tx, data));
    forgetPlans();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}

/** The audit entry of a plan added or changed: on the API, with the plan's name and every limit. */
function planEntry(event: string, api: { id: string; slug: string }, plan: string, data: PlanInput) {
  const { isDefault, ...limits } = data;
  return { event, targetType: "api", targetId: api.id, metadata: { slug: api.slug, plan, ...limits, isDefault } };
}

/** Adds a plan to an API (catalog.manage). */
export async function createPlan(apiId: string, input: unknown, actor: Person, ctx: RequestContext): Promise<PlanView> {
  return changePlan(actor, input, async (tx, data) => {
    const api = await requireApi(tx, apiId);
    const { isDefault, ...limits } = data;
    const created = await tx.plan.create({ data: { id: newPlanId(), apiId, ...limits }, select: planSelect });
    if (isDefault) await makeOnlyDefault(tx, apiId, created.id);
    await writeAudit(tx, actor, planEntry("plan.created", { id: apiId, slug: api.slug }, created.name, data), ctx);
    return { ...created, isDefault: isDefault || created.isDefault };
  });
}

async function requirePlan(client: DbOrTx, planId: string): Promise<PlanView & { api: { slug: string } }> {
  const plan = await client.plan.findUnique({ where: { id: planId }, select: { ...planSelect, api: { select: { slug: true } } } });
  if (!plan) throw new AppError("not_found", "That plan was not found.");
  return plan;
}

/** Changes a plan's name and limits; "default" moves the default to it (catalog.manage). */
export async function updatePlan(planId: string, input: unknown, actor: Person, ctx: RequestContext): Promise<PlanView> {
  const { api: _api, ...view } = await changePlan(actor, input, async (tx, data) => {
    const existing = await requirePlan(tx, planId);
    const { isDefault, ...limits } = data;
    if (existing.isDefault && !isDefault) {
      throw new AppError("validation", "An API always has a default plan: make another plan the default instead.", {
        fieldErrors: { isDefault: ["Make another plan the default instead."] },
      });
    }
    await tx.plan.update({ where: { id: planId }, data: limits });
    if (isDefault && !existing.isDefault) await makeOnlyDefault(tx, existing.apiId, planId);
    await writeAudit(tx, actor, planEntry("plan.updated", { id: existing.apiId, slug: existing.api.slug }, data.name, data), ctx);
    return requirePlan(tx, planId);
  });
  return view;
}

/** Deletes a plan that is not the default; its subscriptions move to the default (catalog.manage). */
export async function deletePlan(planId: string, actor: Person, ctx: RequestContext): Promise<void> {
  await requirePlatformActor(db(), actor, "catalog.manage");
  await db().$transaction(async (tx) => {
    const plan = await requirePlan(tx, planId);
    if (plan.isDefault) throw new AppError("conflict", "The default plan cannot be deleted: make another plan the default first.");
    const fallback = await ensureDefaultPlan(tx, plan.apiId);
    const moved = await tx.appApiSubscription.updateMany({ where: { planId }, data: { planId: fallback } });
    await tx.plan.delete({ where: { id: planId } });
    await writeAudit(
      tx,
      actor,
      {
        event: "plan.deleted",
        targetType: "api",
        targetId: plan.apiId,
        metadata: { slug: plan.api.slug, plan: plan.name, movedSubscriptions: moved.count },
      },
      ctx,
    );
  });
  forgetPlans();
}

/** Marks an API as requiring approval for new subscriptions, or not (catalog.manage). */
export async function setRequiresApproval(apiId: string, requiresApproval: boolean, actor: Person, ctx: RequestContext): Promise<void> {
  await requirePlatformActor(db(), actor, "catalog.manage");
  await db().$transaction(async (tx) => {
    const api = await requireApi(tx, apiId);
    await tx.api.update({ where: { id: apiId }, data: { requiresApproval } });
    await writeAudit(
      tx,
      actor,
      {
        event: "api.updated",
        targetType: "api",
        targetId: apiId,
        metadata: { slug: api.slug, changed: ["requiresApproval"], requiresApproval },
      },
      ctx,
    );
  });
  forgetPlans();
}

/** Whether an API requires approval (the admin page). */
export async function requiresApproval(apiId: string): Promise<boolean> {
  const api = await db().api.findUnique({ where: { id: apiId }, select: { requiresApproval: true } });
  return api?.requiresApproval ?? false;
}

/**
 * Puts an app's subscription on another plan of the same API, inside the caller's transaction (the
 * platform administrator directly, or an approved plan change). Audited by the caller's entry.
 */
export async function moveSubscriptionPlan(tx: Tx, appId: string, apiId: string, planId: string): Promise<void> {
  const plan = await tx.plan.findUnique({ where: { id: planId }, select: { apiId: true } });
  if (!plan || plan.apiId !== apiId) throw new AppError("not_found", "That plan was not found for this API.");
  const moved = await tx.appApiSubscription.updateMany({ where: { appId, apiId }, data: { planId } });
  if (moved.count === 0) throw new AppError("not_found", "That app does not subscribe to this API.");
  invalidate("apps", { appIds: [appId] });
}

/**
 * Subscribes an app to APIs inside the caller's transaction: each subscription gets its API's default
 * plan, and an API that requires approval makes it "Pending approval" with a request in the platform
 * administrator's inbox (kind `subscription`).
 */
export async function addSubscriptions(
  tx: Tx,
  app: { id: string; companyId: string },
  apiIds: readonly string[],
  requesterId: string | null,
  now = new Date(),
): Promise<{ pendingApiIds: string[] }> {
  if (apiIds.length === 0) return { pendingApiIds: [] };
  const apis = await tx.api.findMany({ where: { id: { in: [...apiIds] } }, select: { id: true, requiresApproval: true } });
  const gated = new Set(apis.filter((a) => a.requiresApproval).map((a) => a.id));
  const plans = await defaultPlanIds(tx, apiIds);
  await tx.appApiSubscription.createMany({
    data: apiIds.map((apiId) => ({
      appId: app.id,
      apiId,
      planId: plans.get(apiId) ?? null,
      status: gated.has(apiId) ? "PENDING" : "ACTIVE",
      createdAt: now,
    })),
  });
  const pendingApiIds = apiIds.filter((id) => gated.has(id));
  if (pendingApiIds.length) {
    const requests = pendingApiIds.map((apiId) => ({
      id: newRequestId(),
      kind: "subscription",
      companyId: app.companyId,
      appId: app.id,
      apiId,
      requesterId,
      createdAt: now,
    }));
    await tx.accessRequest.createMany({ data: requests });
    for (const request of requests) await emitRequestEvent(tx, "subscription.requested", request, { now });
  }
  return { pendingApiIds };
}

export function newRequestId(): string {
  return `req_${randomBase62(20)}`;
}
