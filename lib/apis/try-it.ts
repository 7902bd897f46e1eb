import "server-only";
// "Try it" from an API reference: the developer picks one of their apps subscribed to the API; the
// console gets a token with the app's Client Credentials on the server (the secret never reaches the
// browser; same path as lib/apps/try-hello.ts: the real token endpoint through its Web adapter) and
// sends the request to the API's own handler on this console (so the call counts in the app's usage).
// Only operations on paths this console serves can be tried. Every try is audited (app.api_tried).
import { db } from "../db";
import { writeAudit } from "../audit";
import { env } from "../env";
import { AppError } from "../errors";
import type { RequestContext } from "../request-context";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { consoleApiHandler } from "../resource/console-apis";
import { appFor, type AppActor } from "../apps/access";
import { currentSecret } from "../apps/secrets";
import { abbreviate } from "../apps/try-hello";
import { fillPath, operations, tryableOperations, type RefOperation } from "./reference";
import { parseStoredOpenApi, dereferencedOpenApi } from "./openapi";
import { getApi, type CatalogScope } from "./catalog";

export const TRY_IT_NOT_ELIGIBLE = "Try it needs an active app of yours registered for Client Credentials and subscribed to this API.";
const MAX_BODY_CHARS = 64 * 1024;

export interface TryItInput {
  appId: string;
  operation: string; // "GET /api/hello"
  params: Record<string, string>; // path and query parameters by name
  body?: string;
}

export interface TryItResult {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  tokenStatus: number;
  tokenError: string | null;
  response: { status: number; headers: Record<string, string>; body: string } | null;
}

/** The API (in the viewer's scope) and its operations that Try it may call. */
export async function tryableFor(scope: CatalogScope, slug: string): Promise<{ api: Awaited<ReturnType<typeof getApi>>; ops: RefOperation[] }> {
  const api = await getApi(scope, slug);
  const doc = parseStoredOpenApi(api.openapi);
  if (!doc) return { api, ops: [] };
  return { api, ops: tryableOperations(operations(await dereferencedOpenApi(doc)), api.endpoint).filter((op) => consoleApiHandler(op.path) !== null) };
}

export async function tryApiOperation(actor: AppActor, scope: CatalogScope, slug: string, input: TryItInput, ctx: RequestContext | null): Promise<TryItResult> {
  const { api, ops } = await tryableFor(scope, slug);
  const op = ops.find((o) => o.key === input.operation);
  if (!op) throw new AppError("bad_request", "Choose an operation of this API that the console serves.");
  // "reveal": only the developer who registered the app may use its secret.
  const app = await appFor(
    (where) => db().app.findFirst({ where, include: { subscriptions: { select: { apiId: true } } } }),
    actor,
    input.appId,
    "reveal",
  );
  const grantTypes = Array.isArray(app.grantTypes) ? (app.grantTypes as string[]) : [];
  if (app.status !== "ACTIVE" || !grantTypes.includes("client_credentials") || !app.subscriptions.some((s) => s.apiId === api.id)) {
    throw new AppError("conflict", TRY_IT_NOT_ELIGIBLE);
  }
  const path = fillPath(op.path, input.params);
  if (path === null) throw new AppError("validation", "Fill in every path parameter.", { fieldErrors: { params: ["Fill in every path parameter."] } });
  const handler = consoleApiHandler(op.path);
  if (!handler) throw new AppError("bad_request", "Try it calls only APIs this console serves.");
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const v = input.params[p.name];
    if (p.in === "query" && v !== undefined && v !== "") query.set(p.name, v.slice(0, 2000));
  }

  const { secret, secretId } = await currentSecret(db(), app.id, new Date());
  await db().$transaction((tx) =>
    writeAudit(tx, actor.user, { event: "app.api_tried", targetType: "app", targetId: app.id, companyId: app.companyId, metadata: { credentialId: secretId, api: api.slug, operation: op.key } }, ctx),
  );

  const origin = env().consoleUrl.replace(/\/$/, "");
  const basic = "Basic " + Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(secret)}`).toString("base64");
  const tokenRes = await handleTokenRequest(
    new Request(`${origin}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic, "x-forwarded-for": ctx?.ip ?? "127.0.0.1" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: api.slug }).toString(),
    }),
  );
  const tokenJson = (await tokenRes.json().catch(() => ({}))) as Record<string, unknown>;
  const url = `${origin}${path}${query.size ? `?${query}` : ""}`;
  const hasBody = !["GET", "HEAD", "DELETE", "OPTIONS"].includes(op.method) && input.body !== undefined && input.body !== "";
  const accessToken = typeof tokenJson.access_token === "string" ? tokenJson.access_token : null;
  const shownHeaders: Record<string, string> = { Authorization: `Bearer ${accessToken ? abbreviate(accessToken) : "(no token)"}` };
  if (hasBody) shownHeaders["Content-Type"] = "application/json";
  const result: TryItResult = {
    request: { method: op.method, url, headers: shownHeaders, body: hasBody ? input.body!.slice(0, MAX_BODY_CHARS) : null },
    tokenStatus: tokenRes.status,
    tokenError: accessToken ? null : typeof tokenJson.error === "string" ? tokenJson.error : "no access token",
    response: null,
  };
  if (!accessToken) return result;
  const res = await handler(
    new Request(url, {
      method: op.method,
      headers: { authorization: `Bearer ${accessToken}`, ...(hasBody ? { "content-type": "application/json" } : {}), "x-forwarded-for": ctx?.ip ?? "127.0.0.1" },
      body: hasBody ? input.body!.slice(0, MAX_BODY_CHARS) : undefined,
    }),
  );
  const text = await res.text();
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {}
  result.response = { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: pretty.slice(0, MAX_BODY_CHARS) };
  return result;
}

/** The viewer's apps that may try this API (their own, active, Client Credentials, subscribed). */
export async function appsThatMayTry(actor: AppActor, apiId: string) {
  const apps = await db().app.findMany({
    where: { companyId: actor.companyId, createdById: actor.user.id, status: "ACTIVE", subscriptions: { some: { apiId } } },
    select: { id: true, name: true, grantTypes: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return apps.filter((a) => Array.isArray(a.grantTypes) && (a.grantTypes as string[]).includes("client_credentials")).map((a) => ({ id: a.id, name: a.name }));
}
