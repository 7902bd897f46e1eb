// Factories for token-service tests: apps as registration leaves them (grant types, redirect URI, a
// sealed secret, the Hello API subscription) and the client as the token endpoint authenticates it.
import { generateClientId, generateClientSecret } from "../lib/apps/credentials";
import { sealSecret } from "../lib/apps/secret-store";
import { db } from "../lib/db";
import { newId } from "../lib/ids";
import { authenticateClient, type AuthenticatedClient } from "../lib/oauth/clients";
import { parseParams } from "../lib/oauth/params";
import { ensureCatalogDefaults, HELLO_API_SLUG } from "../lib/server/bootstrap";
import { makeCompany } from "./factories";

export interface OAuthTestApp {
  appId: string;
  clientId: string;
  clientSecret: string;
  companyId: string;
  name: string;
  redirectUri: string | null;
}

let n = 0;

export async function addSecret(appId: string, opts: { expiresAt?: Date | null; revokedAt?: Date | null } = {}): Promise<string> {
  const secret = generateClientSecret();
  const id = newId("secret");
  const sealed = sealSecret(secret, id);
  await db().clientSecret.create({ data: { id, appId, ...sealed, expiresAt: opts.expiresAt ?? null, revokedAt: opts.revokedAt ?? null } });
  return secret;
}

export interface OAuthAppSettings {
  kind?: string | null;
  clientType?: "public" | "confidential";
  requirePkce?: boolean;
  requireDpop?: boolean;
  requirePar?: boolean;
  postLogoutRedirectUri?: string | null;
  allowedOrigins?: string;
}

export async function makeOAuthApp(
  opts: { grantTypes: string[]; redirectUri?: string | null; subscribeHello?: boolean; companyId?: string; settings?: OAuthAppSettings } = { grantTypes: ["client_credentials"] },
): Promise<OAuthTestApp> {
  await ensureCatalogDefaults();
  const companyId = opts.companyId ?? (await makeCompany()).id;
  const name = `OAuth App ${process.pid}-${Date.now().toString(36)}-${++n}`;
  const app = await db().app.create({
    data: {
      id: newId("app"),
      clientId: generateClientId(),
      companyId,
      name,
      nameKey: name.toLowerCase(),
      grantTypes: opts.grantTypes,
      redirectUri: opts.redirectUri === undefined ? "https://client.example/callback" : opts.redirectUri,
      termsVersion: "1",
      termsAcceptedAt: new Date(),
      ...opts.settings,
    },
  });
  if (opts.subscribeHello ?? true) {
    const hello = await db().api.findUniqueOrThrow({ where: { slug: HELLO_API_SLUG } });
    await db().appApiSubscription.create({ data: { appId: app.id, apiId: hello.id } });
  }
  const clientSecret = opts.settings?.clientType === "public" ? "" : await addSecret(app.id);
  return { appId: app.id, clientId: app.clientId, clientSecret, companyId, name, redirectUri: app.redirectUri };
}

export function basicHeader(clientId: string, secret: string): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return "Basic " + Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString("base64");
}

/** The client as the token endpoint sees it after authentication. */
export async function authenticated(app: OAuthTestApp): Promise<AuthenticatedClient> {
  return authenticateClient(basicHeader(app.clientId, app.clientSecret), parseParams(new URLSearchParams()));
}

export const form = (values: Record<string, string>) => parseParams(new URLSearchParams(values));
