import "server-only";
// Dynamic client registration (RFC 7591) and its management protocol (RFC 7592). POST /oauth2/register
// with an initial access token (lib/oauth/registration/initial-tokens.ts) maps the metadata onto the
// registration form's input (metadata.ts) and registers the app through lib/apps/register-app.ts, as the
// token's creator, under the form's rules. The answer carries a registration access token (`apcr_…`,
// digest only) and the registration_client_uri for GET/PUT/DELETE.
import type { AppActor } from "../../apps/access";
import { checkedClientAuthentication, setClientAuthentication } from "../../apps/client-authentication";
import { generateChecksummedToken, isWellFormedToken } from "../../apps/credentials";
import { deleteApp, updateApp, updateAppSecuritySettings } from "../../apps/manage-app";
import { registerApp } from "../../apps/register-app";
import { newAppSecret } from "../../apps/secrets";
import { withAuditVia, writeAudit } from "../../audit";
import { db } from "../../db";
import { can, isRole } from "../../permissions";
import { digest, safeEqual } from "../../security/crypto";
import type { RequestContext } from "../../server/request-context";
import { currentTerms } from "../../terms";
import { GRANT_TYPES, type GrantType, parseGrantTypes, tokenEndpointAuthMethodOf } from "../../validation/app-registration";
import { ENDPOINTS, issuer } from "../config";
import { metadataError, RegistrationError } from "./errors";
import { idList } from "./initial-tokens";
import { type ClientMetadata, clientMetadataSchema, registrationFromClientMetadata } from "./metadata";

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
    clientAuthMethod: string;
    jwks: string | null;
    jwksUri: string | null;
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
    ...(rec.app.jwksUri ? { jwks_uri: rec.app.jwksUri } : rec.app.jwks ? { jwks: JSON.parse(rec.app.jwks) as unknown } : {}),
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
      clientAuthMethod: true,
      jwks: true,
      jwksUri: true,
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

/** The private_key_jwt setting of the metadata's jwks / jwks_uri, checked as on the app's Settings tab. */
function checkedKeys(meta: ClientMetadata) {
  const input = {
    method: "private_key_jwt",
    jwks: meta.jwks === undefined ? "" : JSON.stringify(meta.jwks),
    jwksUri: meta.jwks_uri ?? "",
  };
  try {
    checkedClientAuthentication(input);
  } catch (error) {
    metadataError(error);
  }
  return input;
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
  // private_key_jwt: the keys are checked before anything is registered (the app is then set to them).
  const keyAuth = authMethod === "private_key_jwt" ? checkedKeys(parsed.data) : null;
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
    const app = await withAuditVia({ kind: "initial_access_token", id: iat.id }, async () => {
      const registered = await registerApp(actor, { ...input, termsVersion: iat.termsVersion }, ctx);
      // A key instead of a secret: the secret registration issued is revoked at once.
      if (keyAuth) await setClientAuthentication(actor, registered.id, keyAuth, ctx);
      return registered;
    });
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
    // A public client (token_endpoint_auth_method "none") and a private_key_jwt one have no secret to give (RFC 7591 3.2.1).
    if (rec.app.clientType === "public" || rec.app.clientAuthMethod === "private_key_jwt")
      return clientInformation(rec, { registration_access_token: registrationToken });
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
  const usesKey = current.app.clientAuthMethod === "private_key_jwt";
  if ((authMethod === "private_key_jwt") !== usesKey)
    throw new RegistrationError("invalid_client_metadata", "token_endpoint_auth_method private_key_jwt is fixed at registration.");
  const keyAuth = usesKey ? checkedKeys(parsed.data) : null;
  try {
    await withAuditVia({ kind: "registration_access_token", id: reg.app.id }, async () => {
      if (keyAuth) await setClientAuthentication(actor, reg.app.id, keyAuth, ctx);
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
