import "server-only";
// Requests that wait for the platform administrator, in one inbox (/admin/requests): a subscription to
// an API that requires approval (made by lib/plans/plans.ts addSubscriptions), a company's access to an
// API it may not use ("Request access"), another plan for an app ("Change plan"), and a new company
// (lib/plans/company-requests.ts). Deciding is audited, and mailed to the requester and the company's
// Delegated Administrators with the reason given.
import { entitledWhere as entitledWhereFor } from "../apis/catalog";
import { type AppActor, appFor } from "../apps/access";
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { type Person, requirePlatformActor } from "../companies/guards";
import { db, type DbOrTx, type Tx } from "../db";
import { afterCursor, decodeTimeCursor, keysetOrder, type Page, pageLimit, pageOf, type PageRequest } from "../db/keyset";
import { AppError } from "../errors";
import { mailNoticeToEach } from "../mail/notices";
import { can, canPlatform } from "../permissions";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { reasonSchema } from "../validation/plan";
import { mailAdminsAboutRequest } from "./admin-mail";
import { decideCompanyRequest } from "./company-requests";
import { moveSubscriptionPlan, newRequestId } from "./plans";
import { emitRequestEvent } from "./request-events";

export type RequestKind = "subscription" | "access" | "plan" | "company";

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  subscription: "Subscription",
  access: "API access",
  plan: "Plan change",
  company: "New company",
};

const NOT_FOUND = "That request was not found.";

// ---- asking ---------------------------------------------------------------------------------------

/** "Request access": a company member (API Developer or Delegated Administrator) asks for an API the company may not use. */
export async function requestApiAccess(
  actor: AppActor,
  apiId: string,
  input: { reason?: unknown },
  ctx: RequestContext,
): Promise<{ id: string }> {
  if (!can(actor.roles, "apps.register") && !can(actor.roles, "members.manage")) throw new AppError("not_found", "That API was not found.");
  const reason = parseInput(reasonSchema, input.reason ?? "");
  return db().$transaction(async (tx) => {
    const api = await tx.api.findFirst({ where: { id: apiId, status: "PUBLISHED" }, select: { id: true, name: true } });
    if (!api) throw new AppError("not_found", "That API was not found.");
    const waiting = await tx.accessRequest.findFirst({
      where: { kind: "access", companyId: actor.companyId, apiId, status: "PENDING" },
      select: { id: true },
    });
    if (waiting)
      throw new AppError("conflict", "Your company already asked for access to this API; the platform administrator has not decided yet.");
    const company = await tx.company.findUniqueOrThrow({ where: { id: actor.companyId }, select: { name: true } });
    const id = await createRequest(tx, actor, { kind: "access", companyId: actor.companyId, apiId, reason }, { apiId, api: api.name }, ctx);
    await mailAdminsAboutRequest(tx, `${company.name} asks for access to ${api.name}`, [
      ["Company", company.name],
      ["API", api.name],
      ["Asked by", actor.user.email],
      ["Reason", reason || "(none given)"],
    ]);
    return { id };
  });
}

/**
 * A company's new request about an API, in the caller's transaction: its row, the subscription.requested
 * event and the audit entry (`metadata`: what was asked for). Returns its id.
 */
async function createRequest(
  tx: Tx,
  actor: AppActor,
  request: { kind: "access" | "plan"; companyId: string; apiId: string; appId?: string; planId?: string; reason: string },
  metadata: Record<string, unknown>,
  ctx: RequestContext,
): Promise<string> {
  const id = newRequestId();
  await tx.accessRequest.create({ data: { id, ...request, requesterId: actor.user.id } });
  await emitRequestEvent(tx, "subscription.requested", { id, ...request });
  const entry = { event: "request.created", targetType: "request", targetId: id, companyId: request.companyId };
  await writeAudit(tx, actor.user, { ...entry, metadata: { kind: request.kind, ...metadata } }, ctx);
  return id;
}

/** "Change plan": the app's developer or a Delegated Administrator asks for another plan of a subscribed API. */
export async function requestPlanChange(
  actor: AppActor,
  appId: string,
  input: { apiId?: unknown; planId?: unknown; reason?: unknown },
  ctx: RequestContext,
): Promise<{ id: string }> {
  const app = await appFor(
    (where) => db().app.findFirst({ where, select: { id: true, companyId: true, createdById: true, name: true } }),
    actor,
    appId,
    "view",
  );
  if (!app.isOwner && !can(actor.roles, "members.manage"))
    throw new AppError("forbidden", "Only the app's developer or a Delegated Administrator can ask for another plan.");
  const apiId = typeof input.apiId === "string" ? input.apiId : "";
  const planId = typeof input.planId === "string" ? input.planId : "";
  const reason = parseInput(reasonSchema, input.reason ?? "");
  return db().$transaction(async (tx) => {
    const sub = await tx.appApiSubscription.findUnique({
      where: { appId_apiId: { appId: app.id, apiId } },
      select: { planId: true, api: { select: { name: true } } },
    });
    const plan = await tx.plan.findUnique({ where: { id: planId }, select: { id: true, apiId: true, name: true } });
    if (!sub || !plan || plan.apiId !== apiId)
      throw new AppError("validation", "Choose another plan of this API.", {
        fieldErrors: { planId: ["Choose another plan of this API."] },
      });
    if (sub.planId === planId)
      throw new AppError("validation", "The app already has this plan.", { fieldErrors: { planId: ["The app already has this plan."] } });
    // One waiting change per app and API: a new ask replaces the previous one.
    await tx.accessRequest.updateMany({ where: { kind: "plan", appId: app.id, apiId, status: "PENDING" }, data: { status: "WITHDRAWN" } });
    const request = { kind: "plan" as const, companyId: app.companyId, appId: app.id, apiId, planId, reason };
    const id = await createRequest(tx, actor, request, { appId: app.id, apiId, plan: plan.name }, ctx);
    await mailAdminsAboutRequest(tx, `${app.name} asks for the plan ${plan.name} of ${sub.api.name}`, [
      ["App", app.name],
      ["API", sub.api.name],
      ["Plan asked for", plan.name],
      ["Asked by", actor.user.email],
      ["Reason", reason || "(none given)"],
    ]);
    return { id };
  });
}

// ---- the inbox ------------------------------------------------------------------------------------

export interface RequestView {
  id: string;
  kind: RequestKind;
  status: string;
  createdAt: Date;
  reason: string;
  requester: string | null;
  company: string | null;
  app: string | null;
  api: string | null;
  plan: string | null;
  currentPlan: string | null;
  details: Record<string, string>;
  decisionReason: string;
  decidedAt: Date | null;
}

async function views(rows: Awaited<ReturnType<typeof readRows>>, client: DbOrTx = db()): Promise<RequestView[]> {
  const ids = (k: "requesterId" | "companyId" | "appId" | "apiId" | "planId") => [
    ...new Set(rows.map((r) => r[k]).filter((v): v is string => Boolean(v))),
  ];
  const [users, companies, apps, apis, plans] = await Promise.all([
    client.user.findMany({ where: { id: { in: ids("requesterId") } }, select: { id: true, email: true } }),
    client.company.findMany({ where: { id: { in: ids("companyId") } }, select: { id: true, name: true } }),
    client.app.findMany({
      where: { id: { in: ids("appId") } },
      select: { id: true, name: true, subscriptions: { select: { apiId: true, plan: { select: { name: true } } } } },
    }),
    client.api.findMany({ where: { id: { in: ids("apiId") } }, select: { id: true, name: true } }),
    client.plan.findMany({ where: { id: { in: ids("planId") } }, select: { id: true, name: true } }),
  ]);
  const name = <T extends { id: string }>(list: T[], id: string | null, pick: (t: T) => string) => {
    const found = id ? list.find((x) => x.id === id) : undefined;
    return found ? pick(found) : null;
  };
  return rows.map((r) => {
    const app = r.appId ? apps.find((a) => a.id === r.appId) : undefined;
    let details: Record<string, string> = {};
    try {
      details = JSON.parse(r.details) as Record<string, string>;
    } catch {}
    return {
      id: r.id,
      kind: r.kind as RequestKind,
      status: r.status,
      createdAt: r.createdAt,
      reason: r.reason,
      requester: name(users, r.requesterId, (u) => u.email),
      company: name(companies, r.companyId, (c) => c.name),
      app: app?.name ?? null,
      api: name(apis, r.apiId, (a) => a.name),
      plan: name(plans, r.planId, (p) => p.name),
      currentPlan: app?.subscriptions.find((s) => s.apiId === r.apiId)?.plan?.name ?? null,
      details,
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt,
    };
  });
}

function readRows(where: { status?: string | { in: string[] } }, take: number) {
  return db().accessRequest.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take });
}

/** Waiting requests (oldest first) and the latest decided ones, for the platform administrator. */
export async function listRequests(actor: Person): Promise<{ pending: RequestView[]; decided: RequestView[] }> {
  await requirePlatformActor(db(), actor, "requests.manage");
  const pending = await views(await readRows({ status: "PENDING" }, 200));
  const decidedRows = await db().accessRequest.findMany({
    where: { status: { in: ["APPROVED", "REJECTED"] } },
    orderBy: [{ decidedAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  return { pending, decided: await views(decidedRows) };
}

/** Waiting requests, oldest first, one keyset page at a time (the management API). */
export async function listPendingRequestsPage(actor: Person, page: PageRequest = {}): Promise<Page<RequestView>> {
  await requirePlatformActor(db(), actor, "requests.manage");
  const limit = pageLimit(page.limit);
  const rows = await db().accessRequest.findMany({
    where: { AND: [{ status: "PENDING" }, afterCursor(decodeTimeCursor(page.cursor), "asc")] },
    orderBy: keysetOrder("asc"),
    take: limit + 1,
  });
  const shown = pageOf(rows, limit);
  return { items: await views(shown.rows), nextCursor: shown.nextCursor };
}

/** How many requests wait (the sidebar's count); 0 for anyone who may not decide them. */
export async function pendingRequestCount(user: { isPlatformAdmin: boolean }): Promise<number> {
  if (!canPlatform(user, "requests.manage")) return 0;
  return db().accessRequest.count({ where: { status: "PENDING" } });
}

/** The company's own requests (the management API: a company sees what it asked for). */
export async function companyRequests(companyId: string): Promise<RequestView[]> {
  return views(await db().accessRequest.findMany({ where: { companyId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100 }));
}

// ---- deciding -------------------------------------------------------------------------------------

export type Decision = "approve" | "reject";

/** Approves or rejects a waiting request (requests.manage): applies it, audits it and mails the people concerned. */
export async function decideRequest(
  requestId: string,
  decision: Decision,
  input: { reason?: unknown },
  actor: Person,
  ctx: RequestContext,
): Promise<RequestView> {
  await requirePlatformActor(db(), actor, "requests.manage");
  const reason = parseInput(reasonSchema, input.reason ?? "");
  const result = await db().$transaction(async (tx) => {
    const request = await tx.accessRequest.findUnique({ where: { id: requestId } });
    if (!request) throw new AppError("not_found", NOT_FOUND);
    const status = decision === "approve" ? "APPROVED" : "REJECTED";
    const claimed = await tx.accessRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status, decidedById: actor.id, decisionReason: reason, decidedAt: new Date() },
    });
    if (claimed.count === 0) throw new AppError("conflict", "This request was already decided or withdrawn.");
    let companyId = request.companyId;
    const kind = request.kind as RequestKind;
    if (kind === "subscription" && request.appId && request.apiId) {
      const where = { appId_apiId: { appId: request.appId, apiId: request.apiId } };
      if (decision === "approve") await tx.appApiSubscription.update({ where, data: { status: "ACTIVE" } });
      else await tx.appApiSubscription.deleteMany({ where: { appId: request.appId, apiId: request.apiId, status: "PENDING" } });
    } else if (kind === "access" && companyId && request.apiId && decision === "approve") {
      await tx.companyApiAccess.upsert({
        where: { companyId_apiId: { companyId, apiId: request.apiId } },
        create: { companyId, apiId: request.apiId, allowed: true, setById: actor.id },
        update: { allowed: true, setById: actor.id, setAt: new Date() },
      });
    } else if (kind === "plan" && request.appId && request.apiId && request.planId && decision === "approve") {
      await moveSubscriptionPlan(tx, request.appId, request.apiId, request.planId);
    } else if (kind === "company") {
      companyId = (await decideCompanyRequest(tx, request, decision, actor, ctx)) ?? companyId;
    }
    await writeAudit(
      tx,
      actor,
      {
        event: decision === "approve" ? "request.approved" : "request.rejected",
        targetType: "request",
        targetId: request.id,
        companyId,
        metadata: { kind, appId: request.appId, apiId: request.apiId, planId: request.planId, reason },
      },
      ctx,
    );
    await emitRequestEvent(
      tx,
      decision === "approve" ? "subscription.approved" : "subscription.rejected",
      { ...request, companyId },
      { reason },
    );
    const [view] = await views(await tx.accessRequest.findMany({ where: { id: request.id } }), tx);
    await mailDecision(tx, view!, decision, reason, request.requesterId, companyId);
    return { view: view!, companyId, appId: request.appId };
  });
  if (result.companyId) invalidate("company", { companyId: result.companyId });
  if (result.appId) invalidate("apps", { appIds: [result.appId] });
  invalidate("catalog");
  return { ...result.view, status: decision === "approve" ? "APPROVED" : "REJECTED", decisionReason: reason };
}

function describe(view: RequestView): string {
  switch (view.kind) {
    case "subscription":
      return `${view.app ?? "the app"}'s subscription to ${view.api ?? "the API"}`;
    case "access":
      return `${view.company ?? "your company"}'s access to ${view.api ?? "the API"}`;
    case "plan":
      return `the plan ${view.plan ?? "asked for"} for ${view.app ?? "the app"} on ${view.api ?? "the API"}`;
    case "company":
      return `the new company ${view.details.name ?? ""}`.trim();
  }
}

async function mailDecision(
  tx: Tx,
  view: RequestView,
  decision: Decision,
  reason: string,
  requesterId: string | null,
  companyId: string | null,
): Promise<void> {
  const ids = new Set<string>();
  if (requesterId) ids.add(requesterId);
  if (companyId) {
    const das = await tx.roleAssignment.findMany({
      where: { role: "DELEGATED_ADMIN", membership: { companyId } },
      select: { membership: { select: { userId: true } } },
    });
    for (const da of das) ids.add(da.membership.userId);
  }
  if (ids.size === 0) return;
  const people = await tx.user.findMany({ where: { id: { in: [...ids] }, status: "ACTIVE" }, select: { email: true, name: true } });
  const what = describe(view);
  const subject = decision === "approve" ? `Approved: ${what}` : `Rejected: ${what}`;
  const facts: [string, string][] = [["Request", REQUEST_KIND_LABELS[view.kind]]];
  if (view.company) facts.push(["Company", view.company]);
  if (view.app) facts.push(["App", view.app]);
  if (view.api) facts.push(["API", view.api]);
  if (view.plan) facts.push(["Plan", view.plan]);
  facts.push(["Reason", reason || "(none given)"]);
  await mailNoticeToEach(tx, "notice", people, {
    subject,
    lines: [
      decision === "approve"
        ? `The platform administrator approved ${what}.`
        : `The platform administrator rejected ${what}.${reason ? ` Reason: ${reason}` : ""}`,
    ],
    facts,
    linkPath: view.kind === "company" ? "/company/users" : "/apps",
  });
}

/**
 * An API a company may not use but may ask for: published and marked "Requires approval" (such APIs
 * are discoverable by every company; others stay hidden). Null otherwise, or when already entitled.
 */
export async function requestableApi(slug: string, companyId: string) {
  const api = await db().api.findFirst({
    where: { slug, status: "PUBLISHED", requiresApproval: true },
    select: { id: true, slug: true, name: true, version: true, summary: true },
  });
  if (!api) return null;
  const entitled = await db().api.count({ where: { id: api.id, ...entitledWhereFor(companyId) } });
  if (entitled) return null;
  const waiting = await db().accessRequest.findFirst({
    where: { kind: "access", companyId, apiId: api.id, status: "PENDING" },
    select: { createdAt: true },
  });
  return { ...api, waitingSince: waiting?.createdAt ?? null };
}

/** The navigation with the number of waiting requests beside "Requests" (for whoever may decide them). */
export async function withRequestCount<S extends { items: { href: string; count?: number }[] }>(
  sections: S[],
  user: { isPlatformAdmin: boolean },
): Promise<S[]> {
  const count = await pendingRequestCount(user);
  if (!count) return sections;
  return sections.map((s) => ({ ...s, items: s.items.map((i) => (i.href === "/admin/requests" ? { ...i, count } : i)) }));
}
