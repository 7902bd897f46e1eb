import "server-only";
// "Try it" on an app's page: the app's owner gets a token with Client Credentials and calls the Hello
// API, all server side (the secret never leaves the server). It goes through the real token endpoint
// (processTokenRequest via its Web adapter) and the real Hello API handler (so the call is counted in
// usage like any other), and shows each step with the secret masked and the access token abbreviated.
// Every try is audited (app.hello_tried): it used the app's secret.
import { decodeJwt } from "jose";
import { HELLO_API_SLUG } from "../apis/defaults";
import { type AppActor, appFor } from "../apps/access";
import { readSecretAudited } from "../apps/secrets";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { handleHello } from "../resource/hello";
import type { RequestContext } from "../server/request-context";

export interface HelloTrial {
  tokenRequest: { method: "POST"; url: string; headers: Record<string, string>; body: string };
  tokenResponse: { status: number; body: Record<string, unknown> };
  helloRequest: { method: "GET"; url: string; headers: Record<string, string> } | null;
  helloResponse: { status: number; body: unknown } | null;
  claims: Record<string, unknown> | null;
}

export const TRY_HELLO_NOT_ELIGIBLE = "Try it needs an active app registered for Client Credentials and subscribed to Hello API.";

/** `apcs_abcd…wxyz`-style: enough to recognise, not enough to use. */
export function abbreviate(value: string, keep = 8): string {
  return value.length <= keep * 2 + 1 ? "…" : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}

/** True when the page should offer the button (the action checks again). */
export function mayTryHello(app: { status: string; grantTypes: readonly string[]; apis: readonly { slug?: string }[] }): boolean {
  return app.status === "ACTIVE" && app.grantTypes.includes("client_credentials") && app.apis.some((a) => a.slug === HELLO_API_SLUG);
}

export async function tryHelloApi(actor: AppActor, appId: string, ctx: RequestContext | null): Promise<HelloTrial> {
  // "reveal": only the developer who registered the app may use its secret.
  const app = await appFor(
    (where) => db().app.findFirst({ where, include: { subscriptions: { select: { api: { select: { slug: true } } } } } }),
    actor,
    appId,
    "reveal",
  );
  const grantTypes = Array.isArray(app.grantTypes) ? (app.grantTypes as string[]) : [];
  if (!mayTryHello({ status: app.status, grantTypes, apis: app.subscriptions.map((s) => s.api) })) {
    throw new AppError("conflict", TRY_HELLO_NOT_ELIGIBLE);
  }
  const { secret } = await readSecretAudited(actor, app, "app.hello_tried", ctx, new Date());

  const origin = env().consoleUrl.replace(/\/$/, "");
  const basic = "Basic " + Buffer.from(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(secret)}`).toString("base64");
  const body = "grant_type=client_credentials";
  const tokenUrl = `${origin}/oauth2/token`;
  const tokenRes = await handleTokenRequest(
    new Request(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic, "x-forwarded-for": ctx?.ip ?? "127.0.0.1" },
      body,
    }),
  );
  const tokenJson = (await tokenRes.json().catch(() => ({}))) as Record<string, unknown>;
  const trial: HelloTrial = {
    tokenRequest: {
      method: "POST",
      url: tokenUrl,
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Authorization: `Basic base64(${app.clientId}:${"•".repeat(8)}${secret.slice(-4)})`,
      },
      body,
    },
    tokenResponse: { status: tokenRes.status, body: { ...tokenJson } },
    helloRequest: null,
    helloResponse: null,
    claims: null,
  };
  const accessToken = typeof tokenJson.access_token === "string" ? tokenJson.access_token : null;
  if (!accessToken) return trial;
  trial.tokenResponse.body.access_token = abbreviate(accessToken);
  const helloUrl = `${origin}/api/hello`;
  const helloRes = await handleHello(new Request(helloUrl, { headers: { authorization: `Bearer ${accessToken}` } }));
  trial.helloRequest = { method: "GET", url: helloUrl, headers: { Authorization: `Bearer ${abbreviate(accessToken)}` } };
  trial.helloResponse = { status: helloRes.status, body: await helloRes.json().catch(() => null) };
  try {
    trial.claims = { ...decodeJwt(accessToken) };
  } catch {
    trial.claims = null;
  }
  return trial;
}
