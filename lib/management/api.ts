import "server-only";
// The one wrapper every /api/v1 route goes through (like Dub's withWorkspace): the personal access
// token (lib/users/personal-tokens.ts) → lib/limiter per token (RateLimit headers) → the route's
// scope and its permission (lib/permissions.ts, the owner's CURRENT roles) → zod for params, query and
// body → the handler, which calls the same domain modules the pages use → zod for the answer → RFC 9457
// problem JSON for any error, with the same codes as the pages (lib/errors.ts). POST honours
// Idempotency-Key (lib/idempotency). Every call is audited with the token's id.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { AppActor } from "../apps/access";
import { withAuditVia, writeAuditEntry } from "../audit";
import type { Person } from "../companies/guards";
import { AppError, type ErrorCode, toAppError, zodFieldErrors } from "../errors";
import { runIdempotent } from "../idempotency";
import { hit, ruleFor } from "../limiter";
import { errorFields, logger } from "../observability/log";
import { type Action, can, canPlatform, type PlatformAction, type TokenScope } from "../permissions";
import { contextFromHeaders, type RequestContext } from "../server/request-context";
import type { Viewer } from "../server/session";
import { authenticatePersonalToken, type TokenPrincipal } from "../users/personal-tokens";

export const API_BASE = "/api/v1";
const MAX_BODY_BYTES = 64 * 1024;

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler may use: who calls (the token and its owner as each domain module wants them). */
export interface ApiContext {
  principal: TokenPrincipal;
  actor: AppActor;
  person: Person;
  viewer: Viewer;
  request: Request;
  requestContext: RequestContext;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: Method;
  /** OpenAPI path under /api/v1, e.g. "/apps/{appId}". */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** The scope the token needs (null: any valid token). */
  scope: TokenScope | null;
  /** Checked before the handler: any of these company actions (403 otherwise) or this platform action (404 otherwise). */
  permission?: { company: readonly Action[] } | { platform: PlatformAction };
  params?: z.ZodObject;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success answer's schema (JSON); omitted for 204 or a non-JSON answer. */
  response?: z.ZodType;
  successStatus: number;
  /** Non-JSON success answers (e.g. text/csv) for the OpenAPI document. */
  alsoProduces?: string[];
  /** Error statuses this route may answer besides 401, 403, 422 and 429. */
  errors?: number[];
  /** Sends an ETag with the answer; If-Match is checked by the handler against the current one. */
  etag?: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each row's handler names its own parsed query/body types
  handler: (ctx: ApiContext, input: { params: Record<string, string>; query: any; body: any }) => Promise<ApiResult | Response>;
}

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  unauthenticated: "Unauthenticated",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  validation: "Validation failed",
  rate_limited: "Too many requests",
  unavailable: "Service unavailable",
  internal: "Internal server error",
};

/** Problem type URIs: one per error code of lib/errors.ts (RFC 9457 section 3.1.1). */
export const problemType = (code: string) => `urn:api-console:problem:${code}`;

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

/** RFC 9457 problem JSON for any error (a generic 500 without the message for unknown ones). */
export function problemResponse(error: unknown, instance?: string, extraHeaders: Record<string, string> = {}): Response {
  const e = toAppError(error);
  if (e.code === "internal") logger().error(errorFields(error), "[api/v1] unhandled error");
  const status = e.status;
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store", ...extraHeaders };
  if (e.retryAfterSeconds) headers["retry-after"] = String(e.retryAfterSeconds);
  if (status === 401) headers["www-authenticate"] = `Bearer realm="api-console", error="invalid_token"`;
  const body = {
    type: problemType(e.code),
    title: TITLES[e.code],
    status,
    detail: e.message,
    code: e.code,
    ...(instance ? { instance } : {}),
    ...(e.fieldErrors ? { errors: e.fieldErrors } : {}),
  };
  return new Response(JSON.stringify(body), { status, headers });
}

/** A precondition failure (If-Match): 412 with the problem code "conflict". */
export function preconditionFailed(detail = "The resource changed since you read it (ETag mismatch). Read it again and retry."): AppError {
  const e = new AppError("conflict", detail);
  Object.defineProperty(e, "status", { value: 412 }); // the code stays "conflict", as on the pages
  return e;
}

/** A strong ETag of a JSON representation. */
export function etagOf(body: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 27)}"`;
}

/** True when If-Match is absent, "*", or lists the current ETag. */
export function ifMatchAllows(request: Request, current: string): boolean {
  const header = request.headers.get("if-match");
  if (!header) return true;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .map((v) => v.trim().replace(/^W\//, ""))
    .includes(current);
}

function bearerOf(request: Request): string | null {
  const h = request.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m ? m[1]! : null;
}

function viewerOf(p: TokenPrincipal): Viewer {
  const active = { companyId: p.company.id, companyName: p.company.name, companyStatus: p.company.status, roles: p.roles };
  // A token call has no console session: its "session" is the token itself.
  return { user: p.user, sessionId: `token:${p.tokenId}`, authTime: 0, memberships: p.roles.length ? [active] : [], active };
}

async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("bad_request", `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (!text.trim()) return {};
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new AppError("bad_request", "Send the body as application/json.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The body is not valid JSON.");
  }
}

function parsePart<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError(where === "path" ? "not_found" : "validation", where === "path" ? "Not found." : "Some fields need attention.", {
    fieldErrors: where === "path" ? undefined : zodFieldErrors(r.error),
  });
}

function rateHeaders(limit: number, remaining: number, windowSeconds: number, resetSeconds: number | undefined): Record<string, string> {
  const reset = resetSeconds ?? windowSeconds;
  return {
    "ratelimit-policy": `${limit};w=${windowSeconds}`,
    ratelimit: `limit=${limit}, remaining=${remaining}, reset=${reset}`,
    "ratelimit-limit": String(limit),
    "ratelimit-remaining": String(remaining),
    "ratelimit-reset": String(reset),
  };
}

function checkPermission(spec: RouteSpec, p: TokenPrincipal): void {
  if (spec.scope && !p.scopes.includes(spec.scope)) {
    throw new AppError("forbidden", `This token lacks the scope ${spec.scope}.`);
  }
  const perm = spec.permission;
  if (!perm) return;
  if ("platform" in perm) {
    if (!canPlatform(p.user, perm.platform)) throw new AppError("not_found", "Not found.");
  } else if (!perm.company.some((a) => can(p.roles, a))) {
    throw new AppError("forbidden", "Your roles in this company do not allow that.");
  }
}

function toResponse(spec: RouteSpec, result: ApiResult | Response, baseHeaders: Record<string, string>): Response {
  if (result instanceof Response) {
    for (const [k, v] of Object.entries(baseHeaders)) result.headers.set(k, v);
    return result;
  }
  const status = result.status ?? spec.successStatus;
  const headers: Record<string, string> = { "cache-control": "no-store", ...baseHeaders, ...(result.headers ?? {}) };
  if (status === 204 || result.body === undefined) return new Response(null, { status, headers });
  // Dates become ISO strings, then the output schema decides what leaves the server.
  const plain = JSON.parse(JSON.stringify(result.body)) as unknown;
  const body = spec.response ? spec.response.parse(plain) : plain;
  if (spec.etag && !headers.etag) headers.etag = etagOf(body);
  headers["content-type"] = "application/json";
  return new Response(JSON.stringify(body), { status, headers });
}

/** Runs one route for one request. */
export async function runRoute(
  spec: RouteSpec,
  request: Request,
  rawParams: Record<string, string | string[] | undefined>,
): Promise<Response> {
  const url = new URL(request.url);
  const instance = url.pathname;
  let rate: Record<string, string> = {};
  try {
    const principal = await authenticatePersonalToken(bearerOf(request));
    const rule = ruleFor("managementApi");
    const limited = await hit("managementApi", principal.tokenId);
    rate = rateHeaders(rule.limit, limited.remaining, rule.windowSeconds, limited.resetSeconds);
    if (!limited.ok) {
      throw new AppError("rate_limited", `Too many requests for this token. Try again in ${limited.retryAfterSeconds} seconds.`, {
        retryAfterSeconds: limited.retryAfterSeconds,
      });
    }
    const ctx: ApiContext = {
      principal,
      actor: {
        user: { id: principal.user.id, email: principal.user.email },
        companyId: principal.company.id,
        companyStatus: principal.company.status,
        roles: principal.roles,
      },
      person: { id: principal.user.id, email: principal.user.email },
      viewer: viewerOf(principal),
      request,
      requestContext: contextFromHeaders(request.headers),
    };
    return await withAuditVia({ kind: "personal_access_token", id: principal.tokenId }, async () => {
      let response: Response;
      try {
        checkPermission(spec, principal);
        const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : (v ?? "")]));
        if (spec.params) parsePart(spec.params, params, "path");
        const query = spec.query ? parsePart(spec.query, Object.fromEntries(url.searchParams), "query") : {};
        const bodyText = spec.method === "GET" || spec.method === "DELETE" ? "" : await request.clone().text();
        const body = spec.body ? parsePart(spec.body, await readBody(request), "body") : {};
        const run = async () => toResponse(spec, await spec.handler(ctx, { params, query, body }), rate);
        const key = request.headers.get("idempotency-key");
        response =
          spec.method === "POST" && key !== null
            ? await runIdempotent(principal.tokenId, key, `${spec.method} ${instance}\n${bodyText}`, run, (e) =>
                problemResponse(e, instance, rate),
              )
            : await run();
      } catch (error) {
        response = problemResponse(error, instance, rate);
      }
      await auditCall(ctx, spec, response.status);
      return response;
    });
  } catch (error) {
    return problemResponse(error, instance, rate);
  }
}

async function auditCall(ctx: ApiContext, spec: RouteSpec, status: number): Promise<void> {
  try {
    await writeAuditEntry(
      ctx.person,
      {
        event: "api.called",
        targetType: "personal_token",
        targetId: ctx.principal.tokenId,
        companyId: ctx.principal.company.id,
        metadata: { operation: spec.operationId, method: spec.method, path: new URL(ctx.request.url).pathname, status },
      },
      ctx.requestContext,
    );
  } catch (error) {
    logger().error(errorFields(error), "[api/v1] could not audit a call");
  }
}

/** The Next.js route handlers of one path: `export const { GET, POST } = routeHandlers(ROUTES, "/apps")`. */
export function routeHandlers(routes: readonly RouteSpec[], path: string) {
  const out: Partial<
    Record<Method, (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>>
  > = {};
  for (const spec of routes.filter((r) => r.path === path)) {
    out[spec.method] = async (request, context) => runRoute(spec, request, (await context?.params) ?? {});
  }
  return out as Record<
    Method,
    (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>
  >;
}
