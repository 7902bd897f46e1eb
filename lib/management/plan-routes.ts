import "server-only";
// The management API's rows for plans, subscriptions' plans, requests and the company sign-up setting
// (joined to ROUTES in ./routes.ts). Handlers call lib/plans, which checks every right again.
import { z } from "zod";
import type { Action, PlatformAction, TokenScope } from "../permissions";
import { companySignUpMode, setCompanySignUpMode } from "../plans/company-requests";
import { createPlan, deletePlan, listPlans, updatePlan } from "../plans/plans";
import { decideRequest, listPendingRequestsPage, requestApiAccess, requestPlanChange } from "../plans/requests";
import { appPlanUsage } from "../plans/usage";
import { API_BASE, type RouteSpec } from "./api";
import { nextCursorOut, pageQuery } from "./schemas";

const PLANS = "Plans and requests";
const id = z.string().min(1).max(64);
const limit = z.number().int().min(1).max(1_000_000_000).nullable().optional();

const planIn = z.object({
  name: z.string().min(1).max(60),
  ratePerMinute: limit,
  callsPerDay: limit,
  callsPerMonth: limit,
  isDefault: z.boolean().optional(),
});
/** A plan's limits as answers show them (null: unlimited). */
const limitsOut = { ratePerMinute: z.number().nullable(), callsPerDay: z.number().nullable(), callsPerMonth: z.number().nullable() };
const planOut = z.object({ id: z.string(), apiId: z.string(), name: z.string(), ...limitsOut, isDefault: z.boolean() });
const toInput = (b: z.output<typeof planIn>) => ({
  name: b.name,
  ratePerMinute: b.ratePerMinute == null ? "" : String(b.ratePerMinute),
  callsPerDay: b.callsPerDay == null ? "" : String(b.callsPerDay),
  callsPerMonth: b.callsPerMonth == null ? "" : String(b.callsPerMonth),
  isDefault: b.isDefault ?? false,
});

const appPlanOut = z.object({
  apiId: z.string(),
  apiName: z.string(),
  status: z.enum(["ACTIVE", "PENDING"]),
  planId: z.string().nullable(),
  planName: z.string(),
  ...limitsOut,
  quotas: z.array(z.object({ policy: z.enum(["day", "month"]), used: z.number(), limit: z.number(), resetsAt: z.string() })),
  pendingPlanChange: z.object({ planId: z.string().nullable(), planName: z.string() }).nullable(),
});

const nameOrNull = z.string().nullable();
const requestOut = z.object({
  id: z.string(),
  kind: z.enum(["subscription", "access", "plan", "company"]),
  status: z.string(),
  createdAt: z.string(),
  reason: z.string(),
  // Who asked, and what the request concerns, by name (null where its kind names none).
  requester: nameOrNull,
  company: nameOrNull,
  app: nameOrNull,
  api: nameOrNull,
  plan: nameOrNull,
  details: z.record(z.string(), z.string()),
  decisionReason: z.string(),
});
const toRequestOut = (r: Awaited<ReturnType<typeof listPendingRequestsPage>>["items"][number]) =>
  requestOut.parse({ ...r, createdAt: r.createdAt.toISOString() });
const reasonIn = z.object({ reason: z.string().max(1000).optional() });
const signUpOut = z.object({ companySignUp: z.enum(["nomination", "request", "open"]) });

/** Who may call a row: the platform administrator (scope admin) or a company role with the token's scope. */
const forAdmin = (platform: PlatformAction) => ({ tag: PLANS, scope: "admin" as const, permission: { platform } });
const forCompany = (scope: TokenScope, company: readonly Action[]) => ({ tag: PLANS, scope, permission: { company } });

export const PLAN_ROUTES: readonly RouteSpec[] = [
  {
    method: "GET",
    path: "/apis/{apiId}/plans",
    operationId: "listPlans",
    summary: "An API's plans (platform administrator)",
    ...forAdmin("catalog.manage"),
    params: z.object({ apiId: id }),
    response: z.object({ items: z.array(planOut) }),
    successStatus: 200,
    handler: async (_ctx, { params }) => ({ body: { items: await listPlans(params.apiId!) } }),
  },
  {
    method: "POST",
    path: "/apis/{apiId}/plans",
    operationId: "createPlan",
    summary: "Add a plan to an API; omitted or null limits are unlimited",
    ...forAdmin("catalog.manage"),
    params: z.object({ apiId: id }),
    body: planIn,
    response: planOut,
    successStatus: 201,
    errors: [404, 409],
    handler: async (ctx, { params, body }: { params: Record<string, string>; query: unknown; body: z.output<typeof planIn> }) => {
      const plan = await createPlan(params.apiId!, toInput(body), ctx.person, ctx.requestContext);
      return { body: plan, headers: { location: `${API_BASE}/plans/${plan.id}` } };
    },
  },
  {
    method: "PUT",
    path: "/plans/{planId}",
    operationId: "updatePlan",
    summary: "Change a plan's name and limits, or make it the default",
    ...forAdmin("catalog.manage"),
    params: z.object({ planId: id }),
    body: planIn,
    response: planOut,
    successStatus: 200,
    errors: [404, 409],
    handler: async (ctx, { params, body }: { params: Record<string, string>; query: unknown; body: z.output<typeof planIn> }) => ({
      body: await updatePlan(params.planId!, toInput(body), ctx.person, ctx.requestContext),
    }),
  },
  {
    method: "DELETE",
    path: "/plans/{planId}",
    operationId: "deletePlan",
    summary: "Delete a plan that is not the default (its subscriptions move to the default)",
    ...forAdmin("catalog.manage"),
    params: z.object({ planId: id }),
    successStatus: 204,
    errors: [404, 409],
    handler: async (ctx, { params }) => {
      await deletePlan(params.planId!, ctx.person, ctx.requestContext);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/apps/{appId}/plans",
    operationId: "getAppPlans",
    summary: "The app's plan per API, its state (ACTIVE or PENDING approval) and the quotas used this UTC day and month",
    ...forCompany("apps:read", ["apps.read.own", "apps.read.company"]),
    params: z.object({ appId: id }),
    response: z.object({ items: z.array(appPlanOut) }),
    successStatus: 200,
    errors: [404],
    handler: async (ctx, { params }) => {
      const uses = await appPlanUsage(ctx.actor, params.appId!);
      return {
        body: {
          items: uses.map((u) => appPlanOut.parse({ ...u, quotas: u.quotas.map((q) => ({ ...q, resetsAt: q.resetsAt.toISOString() })) })),
        },
      };
    },
  },
  {
    method: "POST",
    path: "/apps/{appId}/plan-requests",
    operationId: "requestPlanChange",
    summary:
      "Ask for another plan of a subscribed API (the app's developer or a Delegated Administrator); the current plan stays until approved",
    ...forCompany("apps:write", ["apps.register", "members.manage"]),
    params: z.object({ appId: id }),
    body: z.object({ apiId: id, planId: id, reason: z.string().max(1000).optional() }),
    response: z.object({ id: z.string() }),
    successStatus: 201,
    errors: [404],
    handler: async (ctx, { params, body }) => ({ body: await requestPlanChange(ctx.actor, params.appId!, body, ctx.requestContext) }),
  },
  {
    method: "POST",
    path: "/apis/{apiId}/access-requests",
    operationId: "requestApiAccess",
    summary: "Ask for the company's access to an API that requires approval",
    ...forCompany("apps:write", ["apps.register", "members.manage"]),
    params: z.object({ apiId: id }),
    body: reasonIn,
    response: z.object({ id: z.string() }),
    successStatus: 201,
    errors: [404, 409],
    handler: async (ctx, { params, body }) => ({ body: await requestApiAccess(ctx.actor, params.apiId!, body ?? {}, ctx.requestContext) }),
  },
  {
    method: "GET",
    path: "/requests",
    operationId: "listRequests",
    summary: "Requests waiting for the platform administrator (oldest first), in cursor pages",
    ...forAdmin("requests.manage"),
    query: pageQuery,
    response: z.object({ items: z.array(requestOut), nextCursor: nextCursorOut }),
    successStatus: 200,
    handler: async (ctx, { query }: { query: z.output<typeof pageQuery> }) => {
      const page = await listPendingRequestsPage(ctx.person, { cursor: query.cursor, limit: query.limit });
      return { body: { items: page.items.map(toRequestOut), nextCursor: page.nextCursor } };
    },
  },
  ...(["approve", "reject"] as const).map((decision): RouteSpec => ({
    method: "POST",
    path: `/requests/{requestId}/${decision}`,
    operationId: `${decision}Request`,
    summary: `${decision === "approve" ? "Approve" : "Reject"} a request; the reason is mailed to the requester and the company's Delegated Administrators`,
    ...forAdmin("requests.manage"),
    params: z.object({ requestId: id }),
    body: reasonIn,
    response: requestOut,
    successStatus: 200,
    errors: [404, 409],
    handler: async (ctx, { params, body }) => ({
      body: toRequestOut(await decideRequest(params.requestId!, decision, body ?? {}, ctx.person, ctx.requestContext)),
    }),
  })),
  {
    method: "GET",
    path: "/settings/company-sign-up",
    operationId: "getCompanySignUp",
    summary: "The company sign-up setting: nomination (only the platform administrator), request, or open",
    ...forAdmin("settings.manage"),
    response: signUpOut,
    successStatus: 200,
    handler: async () => ({ body: { companySignUp: await companySignUpMode() } }),
  },
  {
    method: "PUT",
    path: "/settings/company-sign-up",
    operationId: "setCompanySignUp",
    summary: "Change the company sign-up setting",
    ...forAdmin("settings.manage"),
    body: signUpOut,
    response: signUpOut,
    successStatus: 200,
    handler: async (ctx, { body }) => ({
      body: { companySignUp: await setCompanySignUpMode(ctx.person, body.companySignUp, ctx.requestContext) },
    }),
  },
];
