import "server-only";
// Dynamic client registration (RFC 7591) and its management protocol (RFC 7592).
// A Delegated Administrator creates initial access tokens for the company (`apci_…`: expiry, number of
// uses, the grant types and APIs a registration may ask for, and the Terms of Service the DA accepts for
// apps registered with it). POST /oauth2/register with one maps the RFC 7591 metadata onto the
// registration form's input (`registrationFromClientMetadata`, the one mapping) and registers the app
// through lib/apps/register-app.ts, as the token's creator, under the form's rules. The answer carries a
// registration access token (`apcr_…`, digest only) and the registration_client_uri for GET/PUT/DELETE.
import { z } from "zod";
import { companyMayUse } from "../apis/catalog";
import type { AppActor } from "../apps/access";
import { generateChecksummedToken, isWellFormedToken, lastFour } from "../apps/credentials";
import { deleteApp, updateApp, updateAppSecuritySettings } from "../apps/manage-app";
import { registerApp } from "../apps/register-app";
import { newAppSecret } from "../apps/secrets";
import { withAuditVia, writeAudit } from "../audit";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db } from "../db";
import { AppError } from "../errors";
import { newId } from "../ids";
import { can, isRole } from "../permissions";
import { digest, safeEqual } from "../security/crypto";
import type { RequestContext } from "../server/request-context";
import { currentTerms } from "../terms";
import {
  type AppKind,
  DEVICE_CODE_GRANT,
  GRANT_TYPES,
  type GrantType,
  isLoopbackIpRedirect,
  isPrivateUseScheme,
  parseGrantTypes,
  REDIRECT_GRANTS,
  tokenEndpointAuthMethodOf,
} from "../validation/app-registration";
import { parseInput } from "../validation/common";
import { ENDPOINTS, issuer } from "./config";

const DAY_MS = 86_400_000;

// ---------- RFC 7591 errors ----------
export type RegistrationErrorCode = "invalid_redirect_uri" | "invalid_client_metadata" | "invalid_token" | "invalid_request";

export class RegistrationError extends Error {
  constructor(
    readonly error: RegistrationErrorCode,
    readonly description: string,
    readonly status = error === "invalid_token" ? 401 : 400,
  ) {
    super(description);
  }
}

/** RFC 7591 section 3.2.2 / RFC 6750 answers. */
export function registrationErrorResponse(error: unknown): Response {
  if (!(error instanceof RegistrationError)) {
    console.error("[oauth2/register] unhandled error", error);
    return Response.json(
      { error: "server_error", error_description: "Something went wrong on our side." },
      { status: 500, headers: { "cache-control": "no-store" } },
    );
  }
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.status === 401)
    headers["www-authenticate"] = `Bearer error="invalid_token", error_description="${error.description.replace(/"/g, "'")}"`;
  if (error.status === 429) headers["retry-after"] = "60";
  return Response.json({ error: error.error, error_description: error.description }, { status: error.status, headers });
}

// ---------- initial access tokens (DA, company page) ----------
export const initialTokenSchema = z.object({
  name: z
    .string({ error: "Enter a name for the token." })
    .trim()
    .min(1, "Enter a name for the token.")
    .max(100, "Use at most 100 characters."),
  expiresInDays: z.coerce
    .number({ error: "Choose when it expires." })
    .int()
    .min(1, "Choose when it expires.")
    .max(366, "At most one year."),
  maxUses: z.coerce
    .number({ error: "Enter how many registrations it allows." })
    .int()
    .min(1, "At least one registration.")
    .max(1000, "At most 1000 registrations."),
  grantTypes: z.array(z.enum(GRANT_TYPES, { error: "Choose grant types from the list." })).min(1, "Choose at least one grant type."),
  apiIds: z.array(z.string().max(64)).min(1, "Choose at least one API."),
  acceptTerms: z.literal(true, { error: "Agree to the Terms of Service for the apps registered with this token." }),
});

export interface InitialTokenRow {
  id: string;
  name: string;
  lastFour: string;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  grantTypes: GrantType[];
  apiIds: string[];
  createdAt: Date;
  revokedAt: Date | null;
  createdByEmail: string | null;
  state: "active" | "expired" | "used up" | "revoked";
}

const idList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export async function createInitialAccessToken(
  actor: Person,
  companyId: string,
  input: unknown,
  ctx: RequestContext | null,
  now = new Date(),
) {
  const data = parseInput(initialTokenSchema, input);
  await requireCompanyRole(db(), actor, companyId, "apps.registration_tokens.manage");
  if (!(await companyMayUse(companyId, data.apiIds))) {
    const message = "Your company may not use one of the chosen APIs.";
    throw new AppError("validation", message, { fieldErrors: { apiIds: [message] } });
  }
  const terms = await currentTerms();
  if (!terms) throw new AppError("unavailable", "The Terms of Service are not published yet.");
  const token = generateChecksummedToken("initialAccess");
  const id = newId("initialToken");
  const grantTypes = GRANT_TYPES.filter((g) => data.grantTypes.includes(g));
  const expiresAt = new Date(now.getTime() + data.expiresInDays * DAY_MS);
  await db().$transaction(async (tx) => {
    await tx.initialAccessToken.create({
      data: {
        id,
        companyId,
        createdById: actor.id,
        name: data.name,
        digest: digest(token, "token-digest"),
        lastFour: lastFour(token),
        expiresAt,
        maxUses: data.maxUses,
        grantTypes,
        apiIds: [...new Set(data.apiIds)],
        termsVersion: terms.version,
        createdAt: now,
      },
    });
    await writeAudit(
      tx,
      actor,
      {
        event: "initial_access_token.created",
        targetType: "initial_access_token",
        targetId: id,
        companyId,
        metadata: {
          name: data.name,
          maxUses: data.maxUses,
          grantTypes,
          apiIds: data.apiIds,
          expiresAt: expiresAt.toISOString(),
          termsVersion: terms.version,
        },
      },
      ctx,
    );
  });
  return { token, id };
}

export async function listInitialAccessTokens(actor: Person, companyId: string, now = new Date()): Promise<InitialTokenRow[]> {
  await requireCompanyRole(db(), actor, companyId, "apps.registration_tokens.manage");
  const rows = await db().initialAccessToken.findMany({
    where: { companyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const people = await db().user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } },
    select: { id: true, email: true },
  });
  const emails = new Map(people.map((p) => [p.id, p.email]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lastFour: r.lastFour,
    expiresAt: r.expiresAt,
    maxUses: r.maxUses,
    uses: r.uses,
    grantTypes: parseGrantTypes(r.grantTypes),
    apiIds: idList(r.apiIds),
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
    createdByEmail: emails.get(r.createdById) ?? null,
    state: r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : r.uses >= r.maxUses ? "used up" : "active",
  }));
}

export async function revokeInitialAccessToken(
  actor: Person,
  companyId: string,
  tokenId: unknown,
  ctx: RequestContext | null,
): Promise<{ name: string }> {
  if (typeof tokenId !== "string" || tokenId.length > 64) throw new AppError("not_found", "That token was not found.");
  return db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "apps.registration_tokens.manage");
    const row = await tx.initialAccessToken.findFirst({ where: { id: tokenId, companyId } });
    if (!row) throw new AppError("not_found", "That token was not found.");
    if (!row.revokedAt) {
      await tx.initialAccessToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
      await writeAudit(
        tx,
        actor,
        {
          event: "initial_access_token.revoked",
          targetType: "initial_access_token",
          targetId: row.id,
          companyId,
          metadata: { name: row.name },
        },
        ctx,
      );
    }
    return { name: row.name };
  });
}

// ---------- RFC 7591 metadata → the registration form ----------
/** RFC 7591 section 2 client metadata, as far as the console supports it (unknown members are ignored). */
export const clientMetadataSchema = z.object({
  redirect_uris: z.array(z.string()).optional(),
  token_endpoint_auth_method: z.string().optional(),
  grant_types: z.array(z.string()).optional(),
  response_types: z.array(z.string()).optional(),
  client_name: z.string().optional(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  /** OpenID Connect Dynamic Client Registration 1.0, section 2: "web" (default) or "native". */
  application_type: z.string().optional(),
  /** OIDC Dynamic Registration 2.0 / RFC 7591 extension: where the person goes after signing out. */
  post_logout_redirect_uris: z.array(z.string()).optional(),
});
export type ClientMetadata = z.infer<typeof clientMetadataSchema>;

/** Token endpoint authentication methods: a confidential client's secret, or "none" for a public client. */
export const SUPPORTED_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"] as const;

/** The origin of a redirect URI ("" when it is not a URL: the form's Redirect URL rule then answers). */
function originOf(uri: string | undefined): string {
  try {
    return uri ? new URL(uri).origin : "";
  } catch {
    return "";
  }
}

/**
 * The kind of app a public registration (token_endpoint_auth_method "none") becomes, from the kinds of
 * lib/validation/app-registration.ts: the device grant → "Device or CLI"; application_type "native", or a
 * private-use scheme or IP-literal loopback redirect (RFC 8252) → "Native / mobile"; otherwise a browser
 * app with an https (or localhost) redirect → "Single-page". Confidential registrations keep no kind (the
 * contract: an app without a kind is confidential and its grant types decide).
 */
export function publicKindFor(meta: Pick<ClientMetadata, "application_type" | "redirect_uris">, grantTypes: readonly GrantType[]): AppKind {
  if (grantTypes.includes(DEVICE_CODE_GRANT) && !grantTypes.some((g) => REDIRECT_GRANTS.includes(g))) return "device";
  const uri = meta.redirect_uris?.[0] ?? "";
  if (meta.application_type === "native" || isPrivateUseScheme(uri) || isLoopbackIpRedirect(uri)) return "native";
  return "spa";
}

/**
 * THE mapping from RFC 7591 metadata to the registration form's input (lib/validation/app-registration.ts).
 * Every rule beyond the form's (one redirect URI, supported auth methods, response types matching grant
 * types, what the initial access token allows) is decided here.
 */
export function registrationFromClientMetadata(
  meta: ClientMetadata,
  allowed: { grantTypes: readonly GrantType[]; apis: readonly { id: string; slug: string }[] },
): {
  input: {
    name: string;
    description: string;
    grantTypes: GrantType[];
    redirectUri: string;
    apiIds: string[];
    acceptTerms: true;
    kind: string;
    allowedOrigins: string;
    postLogoutRedirectUri: string;
  };
  authMethod: string;
} {
  const authMethod = meta.token_endpoint_auth_method ?? "client_secret_basic";
  if (!(SUPPORTED_AUTH_METHODS as readonly string[]).includes(authMethod)) {
    throw new RegistrationError(
      "invalid_client_metadata",
      `token_endpoint_auth_method must be one of ${SUPPORTED_AUTH_METHODS.join(", ")}.`,
    );
  }
  const grants = meta.grant_types ?? ["authorization_code"];
  const unknown = grants.filter((g) => !(GRANT_TYPES as readonly string[]).includes(g));
  if (unknown.length)
    throw new RegistrationError("invalid_client_metadata", `Unsupported grant_types: ${unknown.join(", ").slice(0, 100)}.`);
  const grantTypes = GRANT_TYPES.filter((g) => grants.includes(g));
  const notAllowed = grantTypes.filter((g) => !allowed.grantTypes.includes(g));
  if (notAllowed.length)
    throw new RegistrationError("invalid_client_metadata", `The initial access token does not allow grant_types ${notAllowed.join(", ")}.`);
  const responseTypes =
    meta.response_types ?? (grantTypes.includes("implicit") ? ["token"] : grantTypes.includes("authorization_code") ? ["code"] : []);
  for (const rt of responseTypes) {
    const needs: GrantType | undefined = rt === "code" ? "authorization_code" : rt === "token" ? "implicit" : undefined;
    if (!needs || !grantTypes.includes(needs))
      throw new RegistrationError("invalid_client_metadata", `response_types ${rt} does not match the grant_types.`);
  }
  const uris = meta.redirect_uris ?? [];
  const needsRedirect = REDIRECT_GRANTS.some((g) => grantTypes.includes(g));
  if (uris.length > 1) throw new RegistrationError("invalid_redirect_uri", "Register exactly one redirect URI.");
  if (needsRedirect && uris.length === 0)
    throw new RegistrationError("invalid_redirect_uri", "authorization_code and implicit need exactly one redirect URI.");
  if (!needsRedirect && uris.length)
    throw new RegistrationError("invalid_redirect_uri", "A redirect URI is used only with authorization_code or implicit.");
  const slugs = meta.scope ? [...new Set(meta.scope.split(" ").filter(Boolean))] : allowed.apis.map((a) => a.slug);
  const apis = slugs.map((slug) => allowed.apis.find((a) => a.slug === slug));
  if (apis.some((a) => !a) || apis.length === 0)
    throw new RegistrationError("invalid_client_metadata", "scope must name APIs the initial access token allows (their slugs).");
  if (!meta.client_name?.trim())
    throw new RegistrationError("invalid_client_metadata", "client_name is required (the app's name in the console).");
  if (meta.application_type !== undefined && meta.application_type !== "web" && meta.application_type !== "native") {
    throw new RegistrationError("invalid_client_metadata", 'application_type must be "web" or "native".');
  }
  const postLogout = meta.post_logout_redirect_uris ?? [];
  if (postLogout.length > 1) throw new RegistrationError("invalid_client_metadata", "Register at most one post-logout redirect URI.");
  // A public client becomes a public kind of app (no secret, PKCE S256 required); the form's rules then
  // refuse what a public kind may not do (Client Credentials, Resource Owner Credentials).
  const kind: AppKind | null = authMethod === "none" ? publicKindFor(meta, grantTypes) : null;
  return {
    input: {
      name: meta.client_name,
      description: "Registered through dynamic client registration (RFC 7591).",
      grantTypes,
      redirectUri: uris[0] ?? "",
      apiIds: apis.map((a) => a!.id),
      acceptTerms: true,
      kind: kind ?? "",
      // A Single-page app calls the token endpoint from the origin that receives its redirect: that origin
      // is its allowed web origin (CORS), as a person registering it on the form would enter.
      allowedOrigins: kind === "spa" ? originOf(uris[0]) : "",
      postLogoutRedirectUri: postLogout[0] ?? "",
    },
    authMethod,
  };
}

/** The form's field errors → RFC 7591 errors (a Redirect URL problem is invalid_redirect_uri). */
function metadataError(error: unknown): never {
  if (error instanceof RegistrationError) throw error;
  if (error instanceof AppError) {
    if (error.code === "validation" || error.code === "conflict") {
      const fields = error.fieldErrors ?? {};
      const text = Object.values(fields).flat().join(" ") || error.message;
      throw new RegistrationError(fields.redirectUri ? "invalid_redirect_uri" : "invalid_client_metadata", text);
    }
    if (error.code === "forbidden" || error.code === "unauthenticated" || error.code === "not_found")
      throw new RegistrationError("invalid_token", error.message);
    if (error.code === "rate_limited") throw new RegistrationError("invalid_request", error.message, 429);
  }
  throw error;
}

const bearer = (request: Request): string | null => {
  const m = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization")?.trim() ?? "");
  return m ? m[1]! : null;
};

/** The person who acts for a registration: the token's creator, with their roles now. */
async function actorFor(userId: string, companyId: string): Promise<AppActor> {
  const [user, membership, company] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { id: true, email: true, status: true } }),
    db().membership.findUnique({ where: { companyId_userId: { companyId, userId } }, select: { roles: { select: { role: true } } } }),
    db().company.findUnique({ where: { id: companyId }, select: { status: true } }),
  ]);
  if (!user || user.status !== "ACTIVE" || !membership || !company)
    throw new RegistrationError("invalid_token", "The token's creator no longer belongs to the company.");
  return {
    user: { id: user.id, email: user.email },
    companyId,
    companyStatus: company.status,
    roles: membership.roles.map((r) => r.role).filter(isRole),
  };
}

export const registrationClientUri = (clientId: string) => `${issuer()}${ENDPOINTS.registration}/${encodeURIComponent(clientId)}`;

interface ClientRecord {
  app: {
    id: string;
    clientId: string;
    name: string;
    createdAt: Date;
    grantTypes: GrantType[];
    redirectUri: string | null;
    kind: string | null;
    clientType: string;
    postLogoutRedirectUri: string | null;
    allowedOrigins: string;
    requirePkce: boolean;
    requireDpop: boolean;
    requirePar: boolean;
    apis: { id: string; slug: string }[];
  };
  metadata: ClientMetadata & { token_endpoint_auth_method?: string };
}

function clientInformation(rec: ClientRecord, extra: Record<string, unknown> = {}) {
  const grants = rec.app.grantTypes;
  const isPublic = rec.app.clientType === "public";
  return {
    client_id: rec.app.clientId,
    client_id_issued_at: Math.floor(rec.app.createdAt.getTime() / 1000),
    ...extra,
    client_name: rec.app.name,
    redirect_uris: rec.app.redirectUri ? [rec.app.redirectUri] : [],
    grant_types: grants,
    response_types: [...(grants.includes("authorization_code") ? ["code"] : []), ...(grants.includes("implicit") ? ["token"] : [])],
    // A public app has no secret whatever was asked; a confidential one keeps the method it registered.
    token_endpoint_auth_method: isPublic
      ? tokenEndpointAuthMethodOf(rec.app.kind)
      : (rec.metadata.token_endpoint_auth_method ?? "client_secret_basic"),
    application_type: rec.app.kind === "native" ? "native" : "web",
    ...(rec.app.postLogoutRedirectUri ? { post_logout_redirect_uris: [rec.app.postLogoutRedirectUri] } : {}),
    scope: rec.app.apis.map((a) => a.slug).join(" "),
    registration_client_uri: registrationClientUri(rec.app.clientId),
  };
}

async function loadClient(appId: string, metadata: unknown): Promise<ClientRecord> {
  const app = await db().app.findUniqueOrThrow({
    where: { id: appId },
    select: {
      id: true,
      clientId: true,
      name: true,
      createdAt: true,
      grantTypes: true,
      redirectUri: true,
      kind: true,
      clientType: true,
      postLogoutRedirectUri: true,
      allowedOrigins: true,
      requirePkce: true,
      requireDpop: true,
      requirePar: true,
      subscriptions: { select: { api: { select: { id: true, slug: true } } } },
    },
  });
  return {
    app: {
      ...app,
      grantTypes: parseGrantTypes(app.grantTypes),
      apis: app.subscriptions.map((s) => s.api).sort((a, b) => a.slug.localeCompare(b.slug)),
    },
    metadata: (metadata ?? {}) as ClientMetadata,
  };
}

/** POST /oauth2/register (RFC 7591). */
export async function registerClient(request: Request, body: unknown, ctx: RequestContext): Promise<Record<string, unknown>> {
  const presented = bearer(request);
  if (!presented || !isWellFormedToken("initialAccess", presented))
    throw new RegistrationError("invalid_token", "Send an initial access token as a Bearer token.");
  const parsed = clientMetadataSchema.safeParse(body);
  if (!parsed.success) throw new RegistrationError("invalid_client_metadata", "The client metadata is not valid JSON of RFC 7591's shape.");
  const now = new Date();
  const iat = await db().initialAccessToken.findUnique({ where: { digest: digest(presented, "token-digest") } });
  if (!iat || iat.revokedAt || iat.expiresAt <= now)
    throw new RegistrationError("invalid_token", "The initial access token is not valid (unknown, expired or revoked).");
  const actor = await actorFor(iat.createdById, iat.companyId);
  if (!can(actor.roles, "apps.registration_tokens.manage") || !can(actor.roles, "apps.register")) {
    throw new RegistrationError("invalid_token", "The token's creator may no longer register apps for the company.");
  }
  const allowedApis = await db().api.findMany({ where: { id: { in: idList(iat.apiIds) } }, select: { id: true, slug: true } });
  const { input, authMethod } = registrationFromClientMetadata(parsed.data, {
    grantTypes: parseGrantTypes(iat.grantTypes),
    apis: allowedApis,
  });
  // The DA accepted these terms for apps registered with the token; a newer version needs a new token.
  const terms = await currentTerms();
  if (!terms || terms.version !== iat.termsVersion)
    throw new RegistrationError(
      "invalid_token",
      "The Terms of Service changed since the token was created: ask for a new initial access token.",
    );
  // One use, claimed atomically (concurrent registrations cannot exceed maxUses); given back on failure.
  const claimed = await db().initialAccessToken.updateMany({
    where: { id: iat.id, uses: { lt: iat.maxUses }, revokedAt: null },
    data: { uses: { increment: 1 } },
  });
  if (claimed.count === 0) throw new RegistrationError("invalid_token", "The initial access token has no registrations left.");
  const registrationToken = generateChecksummedToken("registrationAccess");
  try {
    const app = await withAuditVia({ kind: "initial_access_token", id: iat.id }, () =>
      registerApp(actor, { ...input, termsVersion: iat.termsVersion }, ctx),
    );
    const stored = { ...parsed.data, token_endpoint_auth_method: authMethod, client_secret: undefined, client_id: undefined };
    await db().$transaction(async (tx) => {
      await tx.clientRegistration.create({
        data: {
          appId: app.id,
          companyId: iat.companyId,
          initialTokenId: iat.id,
          accessDigest: digest(registrationToken, "token-digest"),
          metadata: JSON.parse(JSON.stringify(stored)),
        },
      });
      await writeAudit(
        tx,
        actor.user,
        {
          event: "app.dynamically_registered",
          targetType: "app",
          targetId: app.id,
          companyId: iat.companyId,
          metadata: { initialAccessTokenId: iat.id, clientId: app.clientId },
        },
        ctx,
      );
    });
    const rec = await loadClient(app.id, stored);
    // A public client (token_endpoint_auth_method "none") has no secret to give (RFC 7591 3.2.1).
    if (rec.app.clientType === "public") return clientInformation(rec, { registration_access_token: registrationToken });
    const secret = await newAppSecret(actor, app.id);
    return clientInformation(rec, {
      client_secret: secret.secret,
      client_secret_expires_at: 0,
      registration_access_token: registrationToken,
    });
  } catch (error) {
    await db().initialAccessToken.updateMany({ where: { id: iat.id, uses: { gt: 0 } }, data: { uses: { decrement: 1 } } });
    metadataError(error);
  }
}

/** The registration a registration access token manages, or invalid_token (RFC 7592 section 3). */
async function registrationFor(request: Request, clientId: string) {
  const presented = bearer(request);
  if (!presented || !isWellFormedToken("registrationAccess", presented))
    throw new RegistrationError("invalid_token", "Send the registration access token as a Bearer token.");
  const reg = await db().clientRegistration.findUnique({
    where: { accessDigest: digest(presented, "token-digest") },
    include: { app: { select: { id: true, clientId: true, createdById: true, companyId: true, name: true } } },
  });
  if (!reg || !safeEqual(reg.app.clientId, clientId))
    throw new RegistrationError("invalid_token", "The registration access token is not valid for this client.");
  if (!reg.app.createdById) throw new RegistrationError("invalid_token", "The client has no owner any more.");
  const actor = await actorFor(reg.app.createdById, reg.app.companyId);
  return { reg, actor };
}

/** GET /oauth2/register/<client_id> (RFC 7592 section 2.1). The Client Secret is not sent again. */
export async function readClient(request: Request, clientId: string): Promise<Record<string, unknown>> {
  const { reg } = await registrationFor(request, clientId);
  return clientInformation(await loadClient(reg.app.id, reg.metadata));
}

/** PUT (RFC 7592 section 2.2): name and scope (APIs) may change; redirect URIs and grant types are fixed. */
export async function updateClient(
  request: Request,
  clientId: string,
  body: unknown,
  ctx: RequestContext,
): Promise<Record<string, unknown>> {
  const { reg, actor } = await registrationFor(request, clientId);
  const parsed = clientMetadataSchema.safeParse(body);
  if (!parsed.success) throw new RegistrationError("invalid_client_metadata", "The client metadata is not valid JSON of RFC 7591's shape.");
  if (parsed.data.client_id !== clientId) throw new RegistrationError("invalid_client_metadata", "client_id must be the client's own.");
  const current = await loadClient(reg.app.id, reg.metadata);
  const iat = reg.initialTokenId ? await db().initialAccessToken.findUnique({ where: { id: reg.initialTokenId } }) : null;
  const allowedApis = await db().api.findMany({
    where: { id: { in: iat ? idList(iat.apiIds) : current.app.apis.map((a) => a.id) } },
    select: { id: true, slug: true },
  });
  const { input, authMethod } = registrationFromClientMetadata(
    {
      ...parsed.data,
      // Omitted members keep what was registered (RFC 7592 2.2 lets the server supply values).
      grant_types: parsed.data.grant_types ?? current.app.grantTypes,
      token_endpoint_auth_method: parsed.data.token_endpoint_auth_method ?? clientInformation(current).token_endpoint_auth_method,
      application_type: parsed.data.application_type ?? (current.app.kind === "native" ? "native" : undefined),
    },
    { grantTypes: GRANT_TYPES, apis: allowedApis },
  );
  const sameGrants =
    input.grantTypes.length === current.app.grantTypes.length && input.grantTypes.every((g) => current.app.grantTypes.includes(g));
  if (!sameGrants || (input.redirectUri || null) !== current.app.redirectUri) {
    throw new RegistrationError("invalid_client_metadata", "The redirect URI and the grant types are fixed at registration.");
  }
  // The kind is fixed too (contract): a public client stays public, a confidential one confidential.
  if ((input.kind || null) !== (current.app.clientType === "public" ? current.app.kind : null)) {
    throw new RegistrationError(
      "invalid_client_metadata",
      "token_endpoint_auth_method and application_type (the kind of app) are fixed at registration.",
    );
  }
  try {
    await withAuditVia({ kind: "registration_access_token", id: reg.app.id }, async () => {
      await updateApp(
        actor,
        reg.app.id,
        { name: input.name, description: "Registered through dynamic client registration (RFC 7591).", apiIds: input.apiIds },
        ctx,
      );
      // The post-logout redirect URL is editable (audited as on the app's page); the other switches stay.
      if ((input.postLogoutRedirectUri || null) !== current.app.postLogoutRedirectUri) {
        await updateAppSecuritySettings(
          actor,
          reg.app.id,
          {
            postLogoutRedirectUri: input.postLogoutRedirectUri,
            allowedOrigins: current.app.allowedOrigins,
            requirePkce: current.app.requirePkce,
            requireDpop: current.app.requireDpop,
            requirePar: current.app.requirePar,
          },
          ctx,
        );
      }
    });
  } catch (error) {
    metadataError(error);
  }
  const stored = { ...parsed.data, token_endpoint_auth_method: authMethod, client_secret: undefined, client_id: undefined };
  await db().clientRegistration.update({ where: { appId: reg.app.id }, data: { metadata: JSON.parse(JSON.stringify(stored)) } });
  return clientInformation(await loadClient(reg.app.id, stored));
}

/** DELETE (RFC 7592 section 2.3): the app and its tokens go, as "delete" on its page. */
export async function deleteClient(request: Request, clientId: string, ctx: RequestContext): Promise<void> {
  const { reg, actor } = await registrationFor(request, clientId);
  try {
    await withAuditVia({ kind: "registration_access_token", id: reg.app.id }, () => deleteApp(actor, reg.app.id, reg.app.name, ctx));
  } catch (error) {
    metadataError(error);
  }
}

/** The request's JSON body (application/json, at most 32 KiB), or invalid_client_metadata. */
export async function readRegistrationJson(request: Request): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? ""))
    throw new RegistrationError("invalid_client_metadata", "Send the client metadata as application/json.");
  const text = await request.text();
  if (text.length > 32_768) throw new RegistrationError("invalid_client_metadata", "The client metadata is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new RegistrationError("invalid_client_metadata", "The body is not valid JSON.");
  }
}
