// Apps as registration leaves them — grant types, redirect URI, one live sealed secret, the Hello API
// subscription — for the token service; secrets sealed as lib/apps/secret-store.ts seals them.
import { generateClientId, generateClientSecret } from "../../lib/apps/credentials";
import { newId } from "../../lib/ids";
import { digestWith, encryptWith } from "../../lib/security/crypto-core";
import type { TestDb } from "./client";
import { makeCompany } from "./companies";
import { TERMS_VERSION, unique } from "./constants";
import { keyFor } from "./keys";

export type GrantType =
  "authorization_code" | "client_credentials" | "implicit" | "password" | "refresh_token" | "urn:ietf:params:oauth:grant-type:device_code";

/** OpenID Connect settings of an app (kinds of app, public clients, PKCE/DPoP/PAR switches). */
export interface AppSettings {
  kind?: string | null;
  clientType?: "public" | "confidential";
  requirePkce?: boolean;
  requireDpop?: boolean;
  requirePar?: boolean;
  postLogoutRedirectUri?: string | null;
  allowedOrigins?: string;
}

export interface TestApp {
  appId: string;
  name: string;
  clientId: string;
  clientSecret: string;
  companyId: string;
  redirectUri: string | null;
}

/** Seals a new secret (or `value`) for the app and returns it. */
export async function addSecret(
  db: TestDb,
  appId: string,
  opts: { expiresAt?: Date | null; revokedAt?: Date | null; value?: string } = {},
): Promise<string> {
  const secret = opts.value ?? generateClientSecret();
  const id = newId("secret");
  await db.clientSecret.create({
    data: {
      id,
      appId,
      ciphertext: encryptWith(keyFor("secret-encryption"), secret, `client-secret:${id}`),
      digest: digestWith(keyFor("secret-digest"), secret),
      lastFour: secret.slice(-4),
      expiresAt: opts.expiresAt ?? null,
      revokedAt: opts.revokedAt ?? null,
    },
  });
  return secret;
}

/**
 * An app as registration would leave it (in a new company unless `companyId`). The Hello API must be in
 * the catalog: the server under test seeds it; Vitest files call catalog() (./domain.ts) first.
 */
export async function makeOAuthApp(
  db: TestDb,
  opts: {
    grantTypes: GrantType[];
    redirectUri?: string | null;
    subscribeHello?: boolean;
    companyId?: string;
    name?: string;
    settings?: AppSettings;
  } = { grantTypes: ["client_credentials"] },
): Promise<TestApp> {
  const companyId = opts.companyId ?? (await makeCompany(db)).id;
  const name = opts.name ?? unique("OAuth App");
  const redirectUri = opts.redirectUri === undefined ? "https://client.example/callback" : opts.redirectUri;
  const app = await db.app.create({
    data: {
      id: newId("app"),
      clientId: generateClientId(),
      companyId,
      name,
      nameKey: name.toLowerCase(),
      grantTypes: opts.grantTypes,
      redirectUri,
      termsVersion: TERMS_VERSION,
      termsAcceptedAt: new Date(),
      ...opts.settings,
    },
  });
  if (opts.subscribeHello ?? true) {
    const hello = await db.api.findUniqueOrThrow({ where: { slug: "hello" } });
    await db.appApiSubscription.create({ data: { appId: app.id, apiId: hello.id } });
  }
  const clientSecret = opts.settings?.clientType === "public" ? "" : await addSecret(db, app.id);
  return { appId: app.id, name, clientId: app.clientId, clientSecret, companyId, redirectUri };
}

/** HTTP Basic client authentication as RFC 6749 §2.3.1 says: each part form-urlencoded first. */
export function basicHeader(clientId: string, secret: string): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return "Basic " + Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString("base64");
}
