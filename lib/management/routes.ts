import "server-only";
// Every /api/v1 operation in one table: its path, scope, permission, schemas and a thin handler over
// the domain modules the pages use (lib/apps, lib/companies, lib/metrics, lib/audit/query). The Next.js
// route files under app/api/v1 only pick their rows (routeHandlers); the OpenAPI document is made from
// the same rows, so the two cannot drift.
import type { z } from "zod";
import { listCatalogPage } from "../apis/catalog";
import { deleteApp, setAppStatus, updateApp } from "../apps/manage-app";
import { COUNT_UP_TO, getAppDetail, listApps } from "../apps/queries";
import { registerApp } from "../apps/register-app";
import { newAppSecret, rotateClientSecret, secretValueOf } from "../apps/secrets";
import { listAuditEntries } from "../audit/query";
import { setCompanyApiAccess } from "../companies/api-access";
import { createCompany, getCompanyForAdmin, listCompanies, setCompanyStatus } from "../companies/companies";
import { listPendingInvitationsPage, withdrawInvitation } from "../companies/invitations";
import { addMember, listMembersPage, removeMember, setMemberRoles } from "../companies/members";
import { AppError } from "../errors";
import { listRequestLogs } from "../gateway/request-log-query";
import { resolveUsageScope } from "../metrics/access";
import { parseRange, usageCsv, usageReport } from "../metrics/queries";
import { listCompanyPersonalTokensPage, revokeCompanyPersonalToken } from "../users/personal-tokens";
import { API_BASE, type ApiContext, etagOf, ifMatchAllows, preconditionFailed, type RouteSpec } from "./api";
import { PLAN_ROUTES } from "./plan-routes";
import * as s from "./schemas";

type Input<Q = unknown, B = unknown> = { params: Record<string, string>; query: Q; body: B };

/** The app as GET /apps/{appId} shows it, and its ETag. */
async function appWithEtag(ctx: ApiContext, appId: string) {
  const detail = JSON.parse(JSON.stringify(await getAppDetail(ctx.actor, appId))) as unknown;
  const body = s.appOut.parse(detail);
  return { body, etag: etagOf(body) };
}

function needsConfirmation(apps: { name: string }[]): AppError {
  return new AppError(
    "conflict",
    `This change suspends ${apps.length} app${apps.length === 1 ? "" : "s"} the member registered (${apps.map((a) => a.name).join(", ")}). Send confirm=true to go ahead.`,
  );
}

const APPS = "Apps";
const MEMBERS = "Members";
const ADMIN = "Platform administration";

export const ROUTES: readonly RouteSpec[] = [
  {
    method: "GET",
    path: "/me",
    operationId: "getToken",
    summary: "The token, its owner and the owner's current roles in the token's company",
    tag: "Token",
    scope: null,
    response: s.meOut,
    successStatus: 200,
    handler: async (ctx) => ({
      body: {
        token: {
          id: ctx.principal.tokenId,
          name: ctx.principal.tokenName,
          scopes: ctx.principal.scopes,
          expiresAt: ctx.principal.expiresAt,
        },
        user: ctx.principal.user,
        company: { ...ctx.principal.company, roles: ctx.principal.roles },
      },
    }),
  },
  {
    method: "GET",
    path: "/apis",
    operationId: "listApis",
    summary: "APIs the token's company may subscribe its apps to, by name (q: part of the name or slug), in cursor pages",
    tag: APPS,
    scope: "apps:read",
    permission: { company: ["apps.register", "apps.read.own", "apps.read.company"] },
    query: s.apiListQuery,
    response: s.apiListOut,
    successStatus: 200,
    handler: async (ctx, { query }: Input<z.output<typeof s.apiListQuery>>) => {
      const scope = { kind: "company" as const, companyId: ctx.actor.companyId };
      const page = await listCatalogPage(scope, { q: query.q, after: query.cursor, limit: query.limit ?? 50 });
      return { body: { items: page.items, nextCursor: page.nextCursor } };
    },
  },
  {
    method: "GET",
    path: "/apps",
    operationId: "listApps",
    summary: "Apps the owner may see (a developer's own, every app of the company for a DA), newest first, in cursor pages",
    tag: APPS,
    scope: "apps:read",
    permission: { company: ["apps.read.own", "apps.read.company"] },
    query: s.appListQuery,
    response: s.appListOut,
    successStatus: 200,
    handler: async (ctx, { query }: Input<z.output<typeof s.appListQuery>>) => {
      const page = await listApps(ctx.actor, { q: query.q, after: query.cursor, limit: query.limit, countUpTo: COUNT_UP_TO });
      return { body: { items: page.apps, total: page.total, totalCapped: page.totalCapped, nextCursor: page.nextCursor } };
    },
  },
  {
    method: "POST",
    path: "/apps",
    operationId: "registerApp",
    summary:
      "Register an app (same rules as the form; acceptTerms records the owner's acceptance). The answer carries the Client Secret once",
    tag: APPS,
    scope: "apps:write",
    permission: { company: ["apps.register"] },
    body: s.appRegisterIn,
    response: s.appRegisteredOut,
    successStatus: 201,
    errors: [409],
    etag: true,
    handler: async (ctx, { body }: Input<unknown, z.output<typeof s.appRegisterIn>>) => {
      const app = await registerApp(
        ctx.actor,
        { ...body, description: body.description ?? "", redirectUri: body.redirectUri ?? "", termsVersion: "" },
        ctx.requestContext,
      );
      const [{ body: detail, etag }, secret] = await Promise.all([appWithEtag(ctx, app.id), newAppSecret(ctx.actor, app.id)]);
      // The ETag is the app's (as GET /apps/{appId} sends it), not of this answer with its secret.
      return { body: { ...detail, clientSecret: secret.secret }, headers: { location: `${API_BASE}/apps/${app.id}`, etag } };
    },
  },
  {
    method: "GET",
    path: "/apps/{appId}",
    operationId: "getApp",
    summary: "One app (never its secret), with an ETag",
    tag: APPS,
    scope: "apps:read",
    params: s.appParams,
    response: s.appOut,
    successStatus: 200,
    errors: [404],
    etag: true,
    handler: async (ctx, { params }) => {
      const { body, etag } = await appWithEtag(ctx, params.appId!);
      return { body, headers: { etag } };
    },
  },
  {
    method: "PATCH",
    path: "/apps/{appId}",
    operationId: "updateApp",
    summary: "Change the name, description or APIs (If-Match: the ETag read; 412 when it changed). Redirect URL and grant types are fixed",
    tag: APPS,
    scope: "apps:write",
    params: s.appParams,
    body: s.appUpdateIn,
    response: s.appOut,
    successStatus: 200,
    errors: [404, 409, 412],
    etag: true,
    handler: async (ctx, { params, body }: Input<unknown, z.output<typeof s.appUpdateIn>>) => {
      const fixed = (["redirectUri", "grantTypes"] as const).filter((k) => body[k] !== undefined);
      if (fixed.length) {
        const message = "The Redirect URL and the grant types are fixed at registration.";
        throw new AppError("validation", message, { fieldErrors: Object.fromEntries(fixed.map((k) => [k, [message]])) });
      }
      const current = await appWithEtag(ctx, params.appId!);
      if (!ifMatchAllows(ctx.request, current.etag)) throw preconditionFailed();
      await updateApp(
        ctx.actor,
        params.appId!,
        {
          name: body.name ?? current.body.name,
          description: body.description ?? current.body.description,
          apiIds: body.apiIds ?? current.body.apis.map((a) => a.id),
        },
        ctx.requestContext,
      );
      const after = await appWithEtag(ctx, params.appId!);
      return { body: after.body, headers: { etag: after.etag } };
    },
  },
  {
    method: "DELETE",
    path: "/apps/{appId}",
    operationId: "deleteApp",
    summary: "Delete the app and revoke every token it was issued (If-Match honoured)",
    tag: APPS,
    scope: "apps:write",
    params: s.appParams,
    successStatus: 204,
    errors: [404, 412],
    handler: async (ctx, { params }) => {
      const current = await appWithEtag(ctx, params.appId!);
      if (!ifMatchAllows(ctx.request, current.etag)) throw preconditionFailed();
      await deleteApp(ctx.actor, params.appId!, current.body.name, ctx.requestContext);
      return { status: 204 };
    },
  },
  ...(["deactivate", "reactivate"] as const).map((op): RouteSpec => ({
    method: "POST",
    path: `/apps/{appId}/${op}`,
    operationId: `${op}App`,
    summary: op === "deactivate" ? "Deactivate the app (no tokens; issued ones revoked)" : "Reactivate a deactivated app",
    tag: APPS,
    scope: "apps:write",
    params: s.appParams,
    response: s.appOut,
    successStatus: 200,
    errors: [404, 409, 412],
    etag: true,
    handler: async (ctx, { params }) => {
      const current = await appWithEtag(ctx, params.appId!);
      if (!ifMatchAllows(ctx.request, current.etag)) throw preconditionFailed();
      await setAppStatus(ctx.actor, params.appId!, op === "deactivate" ? "INACTIVE" : "ACTIVE", ctx.requestContext);
      const after = await appWithEtag(ctx, params.appId!);
      return { body: after.body, headers: { etag: after.etag } };
    },
  })),
  {
    method: "POST",
    path: "/apps/{appId}/secret/rotate",
    operationId: "rotateSecret",
    summary: "Issue a new Client Secret (returned once); the previous one works for graceHours (0, 1, 24, 72, 168; default 24)",
    tag: APPS,
    scope: "apps:write",
    params: s.appParams,
    body: s.rotateIn,
    response: s.rotateOut,
    successStatus: 201,
    errors: [404],
    handler: async (ctx, { params, body }: Input<unknown, z.output<typeof s.rotateIn>>) => {
      const r = await rotateClientSecret(ctx.actor, params.appId!, { graceHours: body.graceHours }, ctx.requestContext);
      return {
        body: {
          secretId: r.secretId,
          clientSecret: await secretValueOf(params.appId!, r.secretId),
          previousExpiresAt: r.previousExpiresAt,
        },
      };
    },
  },
  // ---- members and invitations (Delegated Administrators) ----
  {
    method: "GET",
    path: "/members",
    operationId: "listMembers",
    summary: "The company's members and their roles, oldest membership first, in cursor pages",
    tag: MEMBERS,
    scope: "members:read",
    permission: { company: ["members.read"] },
    query: s.pageQuery,
    response: s.memberListOut,
    successStatus: 200,
    handler: async (ctx, { query }: Input<z.output<typeof s.pageQuery>>) => ({
      body: await listMembersPage(ctx.person, ctx.actor.companyId, query),
    }),
  },
  {
    method: "POST",
    path: "/members",
    operationId: "addMember",
    summary:
      "Add a person by email with roles (at once when the account exists, else a pending invitation); a DA grants only roles the DA holds",
    tag: MEMBERS,
    scope: "members:write",
    permission: { company: ["members.manage"] },
    body: s.memberAddIn,
    response: s.memberAddOut,
    successStatus: 201,
    errors: [409],
    handler: async (ctx, { body }) => ({ body: await addMember(ctx.person, ctx.actor.companyId, body, ctx.requestContext) }),
  },
  {
    method: "PATCH",
    path: "/members/{membershipId}",
    operationId: "setMemberRoles",
    summary: "Set a member's roles (taking API Developer away suspends their apps: confirm=true, else 409)",
    tag: MEMBERS,
    scope: "members:write",
    permission: { company: ["members.manage"] },
    params: s.memberParams,
    body: s.memberRolesIn,
    response: s.memberChangeOut,
    successStatus: 200,
    errors: [404, 409],
    handler: async (ctx, { params, body }: Input<unknown, z.output<typeof s.memberRolesIn>>) => {
      const r = await setMemberRoles(
        ctx.person,
        ctx.actor.companyId,
        params.membershipId,
        { roles: body.roles },
        { confirm: body.confirm === true },
        ctx.requestContext,
      );
      if (r.outcome === "needs_confirmation") throw needsConfirmation(r.apps);
      return { body: { outcome: r.outcome, suspendedApps: r.suspendedApps } };
    },
  },
  {
    method: "DELETE",
    path: "/members/{membershipId}",
    operationId: "removeMember",
    summary: "Remove a member (their apps are suspended: confirm=true, else 409); the last DA stays",
    tag: MEMBERS,
    scope: "members:write",
    permission: { company: ["members.manage"] },
    params: s.memberParams,
    query: s.confirmQuery,
    response: s.memberChangeOut,
    successStatus: 200,
    errors: [404, 409],
    handler: async (ctx, { params, query }: Input<z.output<typeof s.confirmQuery>>) => {
      const r = await removeMember(
        ctx.person,
        ctx.actor.companyId,
        params.membershipId,
        { confirm: query.confirm === "true" },
        ctx.requestContext,
      );
      if (r.outcome === "needs_confirmation") throw needsConfirmation(r.apps);
      return { body: { outcome: r.outcome, suspendedApps: r.suspendedApps } };
    },
  },
  {
    method: "GET",
    path: "/invitations",
    operationId: "listInvitations",
    summary: "The company's pending invitations, newest first, in cursor pages",
    tag: MEMBERS,
    scope: "members:read",
    permission: { company: ["members.read"] },
    query: s.pageQuery,
    response: s.invitationListOut,
    successStatus: 200,
    handler: async (ctx, { query }: Input<z.output<typeof s.pageQuery>>) => ({
      body: await listPendingInvitationsPage(ctx.person, ctx.actor.companyId, query),
    }),
  },
  {
    method: "DELETE",
    path: "/invitations/{invitationId}",
    operationId: "withdrawInvitation",
    summary: "Withdraw a pending invitation",
    tag: MEMBERS,
    scope: "members:write",
    permission: { company: ["members.manage"] },
    params: s.invitationParams,
    successStatus: 204,
    errors: [404, 409],
    handler: async (ctx, { params }) => {
      await withdrawInvitation(ctx.person, ctx.actor.companyId, params.invitationId, {}, ctx.requestContext);
      return { status: 204 };
    },
  },
  {
    method: "GET",
    path: "/personal-tokens",
    operationId: "listCompanyPersonalTokens",
    summary:
      "The personal access tokens made for the company, with their owners (Delegated Administrators; never the values), newest first, in cursor pages",
    tag: MEMBERS,
    scope: "members:read",
    permission: { company: ["members.tokens.manage"] },
    query: s.pageQuery,
    response: s.companyTokenListOut,
    successStatus: 200,
    handler: async (ctx, { query }: Input<z.output<typeof s.pageQuery>>) => ({
      body: await listCompanyPersonalTokensPage(ctx.person, ctx.actor.companyId, query),
    }),
  },
  {
    method: "DELETE",
    path: "/personal-tokens/{tokenId}",
    operationId: "revokeCompanyPersonalToken",
    summary: "Revoke a personal access token made for the company (audited; the owner gets an email)",
    tag: MEMBERS,
    scope: "members:write",
    permission: { company: ["members.tokens.manage"] },
    params: s.personalTokenParams,
    successStatus: 204,
    errors: [404],
    handler: async (ctx, { params }) => {
      await revokeCompanyPersonalToken(ctx.person, ctx.actor.companyId, params.tokenId, ctx.requestContext);
      return { status: 204 };
    },
  },
  // ---- platform administrator ----
  {
    method: "GET",
    path: "/companies",
    operationId: "listCompanies",
    summary: "Every company by name, in cursor pages",
    tag: ADMIN,
    scope: "admin",
    permission: { platform: "companies.read" },
    query: s.companyListQuery,
    response: s.companyListOut,
    successStatus: 200,
    handler: async (ctx, { query }: Input<z.output<typeof s.companyListQuery>>) => {
      const r = await listCompanies(ctx.person, { q: query.q, after: query.cursor, limit: query.limit });
      return { body: { items: r.items, nextCursor: r.nextAfter } };
    },
  },
  {
    method: "POST",
    path: "/companies",
    operationId: "createCompany",
    summary: "Create a company and nominate its Delegated Administrators",
    tag: ADMIN,
    scope: "admin",
    permission: { platform: "companies.manage" },
    body: s.companyCreateIn,
    response: s.companyCreatedOut,
    successStatus: 201,
    errors: [409],
    handler: async (ctx, { body }: Input<unknown, z.output<typeof s.companyCreateIn>>) => {
      const r = await createCompany(ctx.person, { name: body.name, daEmails: body.delegatedAdminEmails.join(",") }, ctx.requestContext);
      return { body: r, headers: { location: `${API_BASE}/companies/${r.company.id}` } };
    },
  },
  {
    method: "GET",
    path: "/companies/{companyId}",
    operationId: "getCompany",
    summary: "One company: members, invitations, API access, apps",
    tag: ADMIN,
    scope: "admin",
    permission: { platform: "companies.read" },
    params: s.companyParams,
    response: s.companyOut,
    successStatus: 200,
    errors: [404],
    handler: async (ctx, { params }) => ({ body: await getCompanyForAdmin(ctx.person, params.companyId) }),
  },
  {
    method: "PATCH",
    path: "/companies/{companyId}",
    operationId: "setCompanyStatus",
    summary: "Suspend (its apps get no tokens) or restore a company",
    tag: ADMIN,
    scope: "admin",
    permission: { platform: "companies.manage" },
    params: s.companyParams,
    body: s.companyStatusIn,
    response: s.companyOut,
    successStatus: 200,
    errors: [404, 409],
    handler: async (ctx, { params, body }: Input<unknown, z.output<typeof s.companyStatusIn>>) => {
      await setCompanyStatus(ctx.person, params.companyId, body.status, ctx.requestContext);
      return { body: await getCompanyForAdmin(ctx.person, params.companyId) };
    },
  },
  {
    method: "PUT",
    path: "/companies/{companyId}/apis/{apiId}",
    operationId: "setCompanyApiAccess",
    summary: "Whether the company may use an API: allow, deny, or the catalog default",
    tag: ADMIN,
    scope: "admin",
    permission: { platform: "companies.apis.manage" },
    params: s.companyApiParams,
    body: s.companyApiAccessIn,
    response: s.companyApiAccessOut,
    successStatus: 200,
    errors: [404],
    handler: async (ctx, { params, body }: Input<unknown, z.output<typeof s.companyApiAccessIn>>) => ({
      body: await setCompanyApiAccess(ctx.person, params.companyId, { apiId: params.apiId, access: body.access }, ctx.requestContext),
    }),
  },
  // ---- usage and audit ----
  {
    method: "GET",
    path: "/usage",
    operationId: "getUsage",
    summary: "Usage of an app, the company, an API or everything, over the pages' ranges; JSON or CSV (format=csv)",
    tag: "Usage and audit",
    scope: "usage:read",
    query: s.usageQuery,
    response: s.usageOut,
    alsoProduces: ["text/csv"],
    successStatus: 200,
    errors: [404],
    handler: async (ctx, { query }: Input<z.output<typeof s.usageQuery>>) => {
      const wanted = query.app || query.company || query.api || query.all ? query : { ...query, company: "current" };
      const resolved = await resolveUsageScope(ctx.viewer, { app: wanted.app, company: wanted.company, api: wanted.api, all: wanted.all });
      const range = parseRange(query.range);
      const report = await usageReport(resolved.scope, range);
      if (query.format === "csv") {
        return new Response(usageCsv(report), {
          headers: {
            "content-type": "text/csv; charset=utf-8",
            "content-disposition": `attachment; filename="${resolved.filename}-${range}.csv"`,
            "cache-control": "no-store",
          },
        });
      }
      return { body: { title: resolved.title, ...report } };
    },
  },
  {
    method: "GET",
    path: "/apps/{appId}/logs",
    operationId: "listAppRequestLogs",
    summary: "An app's gateway calls (time, method, path, status, latency, request id), newest first, in cursor pages",
    tag: "Usage and audit",
    scope: "usage:read",
    params: s.appParams,
    query: s.requestLogQuery,
    response: s.requestLogListOut,
    successStatus: 200,
    errors: [404],
    handler: async (ctx, { params, query }: Input<z.output<typeof s.requestLogQuery>>) => {
      const r = await listRequestLogs(ctx.actor, params.appId!, {
        status: query.status,
        path: query.path,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        cursor: query.cursor,
        limit: query.limit,
      });
      return { body: r };
    },
  },
  {
    method: "GET",
    path: "/audit",
    operationId: "listAudit",
    summary: "The company's audit log (DA), or every company's (platform administrator, all=1 or company=…), newest first, in cursor pages",
    tag: "Usage and audit",
    scope: "audit:read",
    query: s.auditQuery,
    response: s.auditListOut,
    successStatus: 200,
    errors: [404],
    handler: async (ctx, { query }: Input<z.output<typeof s.auditQuery>>) => {
      const platform = Boolean(query.all || query.company);
      const scope = platform ? { allCompanies: true as const } : { companyId: ctx.actor.companyId };
      const filters = {
        event: query.event,
        actor: query.actor,
        from: query.from,
        to: query.to,
        company: platform ? query.company : undefined,
        cursor: query.cursor,
      };
      const r = await listAuditEntries(ctx.person, scope, filters, { limit: query.limit });
      return { body: { items: r.items, nextCursor: r.nextCursor } };
    },
  },
  // ---- plans, requests, company sign-up (lib/management/plan-routes.ts) ----
  ...PLAN_ROUTES,
];
