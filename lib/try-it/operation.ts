import "server-only";
import { type CatalogScope, getApi } from "../apis/catalog";
import { dereferencedOpenApi, parseStoredOpenApi } from "../apis/openapi";
import { fillPath, operations, type RefOperation, tryableOperations } from "../apis/reference";
import { type AppActor, appFor } from "../apps/access";
import { currentSecret } from "../apps/secrets";
import { writeAudit } from "../audit";
// "Try it" from an API reference: the developer picks one of their apps subscribed to the API; the
// console gets a token on the server (the secret never reaches the browser; the real token endpoint
// through its Web adapter, as lib/try-it/hello.ts) and sends the request to the API's own handler on
// this console (so the call counts in the app's usage). The token comes from the app's Client Credentials
// when it has them; otherwise, for an Authorization Code app, from a real authorization-code grant for the
// developer themselves (lib/oauth/own-authorization.ts: the console authorizes the app as the consent page
// would, with PKCE, and redeems the code like the app would — with its secret, or client_id only for a
// public app), whose tokens (and a consent made only for the try) are revoked when the try ends.
// Only operations on paths this console serves can be tried; for an API with an upstream, every operation,
// sent through the gateway (lib/gateway/web.ts), so it is checked, counted and logged like any call.
// Every try is audited (app.api_tried).
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { gatewayResponse } from "../gateway/web";
import { authorizeOwnApp, endOwnAuthorization, type OwnAuthorization } from "../oauth/own-authorization";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { consoleApiHandler } from "../resource/console-apis";
import type { RequestContext } from "../server/request-context";
import { abbreviate } from "./hello";

export const TRY_IT_NOT_ELIGIBLE =
  "Try it needs an active app of yours registered for Client Credentials or Authorization Code and subscribed to this API.";

/** The grant Try it uses for an app: Client Credentials when registered, else Authorization Code, else none. */
export function tryItGrant(app: { grantTypes: unknown; redirectUri: string | null }): "client_credentials" | "authorization_code" | null {
  const grants = Array.isArray(app.grantTypes) ? (app.grantTypes as string[]) : [];
  if (grants.includes("client_credentials")) return "client_credentials";
  if (grants.includes("authorization_code") && app.redirectUri) return "authorization_code";
  return null;
}
const MAX_BODY_CHARS = 64 * 1024;

export interface TryItInput {
  appId: string;
  operation: string; // "GET /api/hello"
  params: Record<string, string>; // path and query parameters by name
  body?: string;
}

export interface TryItResult {
  request: { method: string; url: string; headers: Record<string, string>; body: string | null };
  /** The grant the token came from. */
  grantType: "client_credentials" | "authorization_code";
  tokenStatus: number;
  tokenError: string | null;
  response: { status: number; headers: Record<string, string>; body: string } | null;
}

/** The API (in the viewer's scope) and its operations that Try it may call. */
export async function tryableFor(
  scope: CatalogScope,
  slug: string,
): Promise<{ api: Awaited<ReturnType<typeof getApi>>; ops: RefOperation[] }> {
  const api = await getApi(scope, slug);
  const doc = parseStoredOpenApi(api.openapi);
  if (!doc) return { api, ops: [] };
  const all = operations(await dereferencedOpenApi(doc));
  // An API behind the gateway: every operation, called through CONSOLE_URL/gateway/<slug> (its paths are the upstream's).
  if (api.upstreamUrl) return { api, ops: all };
  return { api, ops: tryableOperations(all, api.endpoint).filter((op) => consoleApiHandler(op.path) !== null) };
}

/** Where Try it sends an operation: through the gateway for an API with an upstream, else the console's own handler. */
function targetOf(api: { slug: string; upstreamUrl: string | null }, opPath: string) {
  if (api.upstreamUrl) return { prefix: `/gateway/${api.slug}`, handler: gatewayResponse };
  return { prefix: "", handler: consoleApiHandler(opPath) };
}

export async function tryApiOperation(
  actor: AppActor,
  scope: CatalogScope,
  slug: string,
  input: TryItInput,
  ctx: RequestContext | null,
): Promise<TryItResult> {
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
  const grantType = tryItGrant(app);
  if (app.status !== "ACTIVE" || !grantType || !app.subscriptions.some((s) => s.apiId === api.id)) {
    throw new AppError("conflict", TRY_IT_NOT_ELIGIBLE);
  }
  const filled = fillPath(op.path, input.params);
  if (filled === null)
    throw new AppError("validation", "Fill in every path parameter.", { fieldErrors: { params: ["Fill in every path parameter."] } });
  const { prefix, handler } = targetOf(api, op.path);
  if (!handler) throw new AppError("bad_request", "Try it calls only APIs this console serves.");
  const path = prefix + filled;
  const query = new URLSearchParams();
  for (const p of op.parameters) {
    const v = input.params[p.name];
    if (p.in === "query" && v !== undefined && v !== "") query.set(p.name, v.slice(0, 2000));
  }

  // A public app (Single-page, Native / mobile) has no secret: it sends client_id only, as it would itself.
  const confidential = app.clientType !== "public";
  const credential = confidential ? await currentSecret(db(), app.id, new Date()) : null;
  await db().$transaction((tx) =>
    writeAudit(
      tx,
      actor.user,
      {
        event: "app.api_tried",
        targetType: "app",
        targetId: app.id,
        companyId: app.companyId,
        metadata: { credentialId: credential?.secretId ?? null, api: api.slug, operation: op.key, grantType },
      },
      ctx,
    ),
  );

  const origin = env().consoleUrl.replace(/\/$/, "");
  let own: OwnAuthorization | null = null;
  try {
    const form =
      grantType === "client_credentials"
        ? new URLSearchParams({ grant_type: "client_credentials", scope: api.slug })
        : await (async () => {
            own = await authorizeOwnApp(actor.user, app.clientId, [api.slug], ctx);
            return new URLSearchParams({
              grant_type: "authorization_code",
              code: own.code,
              redirect_uri: own.redirectUri,
              code_verifier: own.codeVerifier,
              ...(confidential ? {} : { client_id: app.clientId }),
            });
          })();
    const authorization: Record<string, string> = credential
      ? {
          authorization:
            "Basic " + Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(credential.secret)}`).toString("base64"),
        }
      : {};
    const tokenRes = await handleTokenRequest(
      new Request(`${origin}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...authorization, "x-forwarded-for": ctx?.ip ?? "127.0.0.1" },
        body: form.toString(),
      }),
    );
    return await callWithToken(tokenRes, { op, path, query, input, handler, origin, ctx, grantType });
  } finally {
    if (own) await endOwnAuthorization(actor.user, own, ctx);
  }
}

async function callWithToken(
  tokenRes: Response,
  c: {
    op: RefOperation;
    path: string;
    query: URLSearchParams;
    input: TryItInput;
    handler: (request: Request) => Promise<Response>;
    origin: string;
    ctx: RequestContext | null;
    grantType: TryItResult["grantType"];
  },
): Promise<TryItResult> {
  const { op, path, query, input, handler, origin, ctx, grantType } = c;
  const tokenJson = (await tokenRes.json().catch(() => ({}))) as Record<string, unknown>;
  const url = `${origin}${path}${query.size ? `?${query}` : ""}`;
  const hasBody = !["GET", "HEAD", "DELETE", "OPTIONS"].includes(op.method) && input.body !== undefined && input.body !== "";
  const accessToken = typeof tokenJson.access_token === "string" ? tokenJson.access_token : null;
  const shownHeaders: Record<string, string> = { Authorization: `Bearer ${accessToken ? abbreviate(accessToken) : "(no token)"}` };
  if (hasBody) shownHeaders["Content-Type"] = "application/json";
  const result: TryItResult = {
    request: { method: op.method, url, headers: shownHeaders, body: hasBody ? input.body!.slice(0, MAX_BODY_CHARS) : null },
    grantType,
    tokenStatus: tokenRes.status,
    tokenError: accessToken ? null : typeof tokenJson.error === "string" ? tokenJson.error : "no access token",
    response: null,
  };
  if (!accessToken) return result;
  const res = await handler(
    new Request(url, {
      method: op.method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(hasBody ? { "content-type": "application/json" } : {}),
        "x-forwarded-for": ctx?.ip ?? "127.0.0.1",
      },
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

/** The viewer's apps that may try this API (their own, active, Client Credentials or Authorization Code, subscribed). */
export async function appsThatMayTry(actor: AppActor, apiId: string) {
  const apps = await db().app.findMany({
    where: { companyId: actor.companyId, createdById: actor.user.id, status: "ACTIVE", subscriptions: { some: { apiId } } },
    select: { id: true, name: true, grantTypes: true, redirectUri: true },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  return apps.flatMap((a) => {
    const grantType = tryItGrant(a);
    return grantType ? [{ id: a.id, name: a.name, grantType }] : [];
  });
}
