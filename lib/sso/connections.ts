import "server-only";
// A company's identity-provider connections (one per protocol) as a Delegated Administrator sets them on
// /company/sso: OpenID Connect ("Issuer URL", "Client ID", "Client secret": sealed like client secrets),
// the "Default roles" of people arriving through it and an optional group → role mapping.
import { z } from "zod";
import { writeAudit } from "../audit";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db, type DbOrTx } from "../db";
import { AppError, zodFieldErrors } from "../errors";
import { newId } from "../ids";
import { grantableRoles, isRole, type Role, ROLE_LABELS, ROLES } from "../permissions";
import { decrypt, encrypt } from "../security/crypto";
import type { RequestContext } from "../server/request-context";
import { discoverIssuer, forgetConfiguration } from "./oidc-client";

export type Protocol = "OIDC" | "SAML";

export interface ConnectionView {
  id: string;
  protocol: Protocol;
  issuer: string | null;
  clientId: string | null;
  hasClientSecret: boolean;
  defaultRoles: Role[];
  groupRoles: Record<string, Role[]>;
  updatedAt: Date;
}

export interface ConnectionSecrets extends ConnectionView {
  companyId: string;
  clientSecret: string | null;
}

const rolesOf = (v: unknown): Role[] => (Array.isArray(v) ? ROLES.filter((r) => v.includes(r)) : []);
export function groupRolesOf(v: unknown): Record<string, Role[]> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([g, roles]) => [g, rolesOf(roles)]));
}

type Row = {
  id: string;
  companyId: string;
  protocol: string;
  issuer: string | null;
  clientId: string | null;
  clientSecretSealed: string | null;
  defaultRoles: unknown;
  groupRoles: unknown;
  updatedAt: Date;
};

function viewOf(row: Row): ConnectionView {
  return {
    id: row.id,
    protocol: row.protocol === "SAML" ? "SAML" : "OIDC",
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: Boolean(row.clientSecretSealed),
    defaultRoles: rolesOf(row.defaultRoles),
    groupRoles: groupRolesOf(row.groupRoles),
    updatedAt: row.updatedAt,
  };
}

const sealAad = (connectionId: string) => `sso-connection:${connectionId}`;

/** The connection with its secret opened (for the sign-in flows only; never leaves the server). */
export function withSecrets(row: Row): ConnectionSecrets {
  return {
    ...viewOf(row),
    companyId: row.companyId,
    clientSecret: row.clientSecretSealed ? decrypt(row.clientSecretSealed, "secret-encryption", sealAad(row.id)) : null,
  };
}

export async function connectionById(client: DbOrTx, id: string): Promise<ConnectionSecrets | null> {
  const row = await client.ssoConnection.findUnique({ where: { id } });
  return row ? withSecrets(row) : null;
}

/** The connection people of the company sign in through: OpenID Connect when set, else SAML. */
export async function signInConnectionOf(companyId: string): Promise<ConnectionSecrets | null> {
  const rows = await db().ssoConnection.findMany({ where: { companyId } });
  const row = rows.find((r) => r.protocol === "OIDC" && r.issuer) ?? rows.find((r) => r.protocol === "SAML" && r.samlMetadata);
  return row ? withSecrets(row) : null;
}

export async function listConnections(actor: Person, companyId: string): Promise<ConnectionView[]> {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const rows = await db().ssoConnection.findMany({ where: { companyId }, orderBy: { protocol: "asc" } });
  return rows.map(viewOf);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]); // read-only
/** https, or http on a loopback host (a provider on the same machine, as in tests). */
export function isAllowedIdpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    if (u.username || u.password || u.hash) return false;
    return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.has(u.hostname));
  } catch {
    return false;
  }
}

/** "group = API Developer, Delegated Administrator" lines → { group: roles }. */
export function parseGroupRoles(text: string): { map: Record<string, Role[]>; error?: string } {
  const map: Record<string, Role[]> = {};
  const byLabel = new Map<string, Role>(
    ROLES.flatMap((r) => [[r.toLowerCase(), r] as [string, Role], [ROLE_LABELS[r].toLowerCase(), r] as [string, Role]]),
  );
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.lastIndexOf("=");
    const group = eq > 0 ? line.slice(0, eq).trim() : "";
    const names =
      eq > 0
        ? line
            .slice(eq + 1)
            .split(",")
            .map((n) => n.trim().toLowerCase())
            .filter(Boolean)
        : [];
    const roles = names.map((n) => byLabel.get(n));
    if (!group || !names.length || roles.some((r) => !r)) {
      return { map, error: `Line ${i + 1}: write “group = API Developer” (roles: ${ROLES.map((r) => ROLE_LABELS[r]).join(", ")}).` };
    }
    map[group] = [...new Set([...(map[group] ?? []), ...(roles as Role[])])];
  }
  return { map };
}

export function formatGroupRoles(map: Record<string, Role[]>): string {
  return Object.entries(map)
    .map(([g, roles]) => `${g} = ${roles.map((r) => ROLE_LABELS[r]).join(", ")}`)
    .join("\n");
}

const oidcSchema = z.object({
  issuer: z
    .string()
    .trim()
    .min(1, "Enter the issuer URL of your identity provider.")
    .max(500)
    .refine(isAllowedIdpUrl, "Enter an https:// URL (http:// only for a provider on this machine).")
    .transform((v) => v.replace(/\/+$/, "")),
  clientId: z.string().trim().min(1, "Enter the client ID the identity provider gave you.").max(500),
  clientSecret: z.string().trim().max(2000),
  defaultRoles: z.array(z.string()),
  groupRoles: z.string().max(20_000),
});

function fieldError(field: string, message: string): AppError {
  return new AppError("validation", message, { fieldErrors: { [field]: [message] } });
}

/**
 * Parses a connection form (either protocol) and checks its roles: the actor manages SSO for the company,
 * the default roles and the group mapping are well formed, and they give only roles the actor holds.
 * A form with a `groupsAttribute` field (SAML) needs it named whenever groups are mapped.
 */
export async function checkConnectionRoles<T extends { defaultRoles: string[]; groupRoles: string; groupsAttribute?: string }>(
  actor: Person,
  companyId: string,
  schema: z.ZodType<T>,
  input: unknown,
): Promise<{ data: T; defaultRoles: Role[]; groupRoles: Record<string, Role[]> }> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", "Check the highlighted fields.", { fieldErrors: zodFieldErrors(parsed.error) });
  const data = parsed.data;
  const actorRoles = await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  if (data.defaultRoles.some((r) => !isRole(r))) throw fieldError("defaultRoles", "Choose roles from the list.");
  const defaultRoles = ROLES.filter((r) => data.defaultRoles.includes(r));
  if (!defaultRoles.length) throw fieldError("defaultRoles", "Choose at least one default role.");
  const groups = parseGroupRoles(data.groupRoles);
  if (groups.error) throw fieldError("groupRoles", groups.error);
  if (data.groupsAttribute !== undefined && Object.keys(groups.map).length && !data.groupsAttribute)
    throw fieldError("groupsAttribute", "Name the attribute that lists the person's groups, or leave the mapping empty.");
  const grantable = grantableRoles(actorRoles);
  if ([...defaultRoles, ...Object.values(groups.map).flat()].some((r) => !grantable.includes(r)))
    throw fieldError("defaultRoles", "You can give only roles you hold yourself.");
  return { data, defaultRoles, groupRoles: groups.map };
}

interface ConnectionValues {
  issuer: string | null;
  clientId?: string;
  clientSecretSealed?: string;
  samlMetadata?: string | null;
  groupsAttribute?: string | null;
  defaultRoles: Role[];
  groupRoles: Record<string, Role[]>;
}

/** Writes a connection row (new or changed) and its "sso.connection.added"/"updated" audit entry together. */
export async function storeConnection(
  actor: Person,
  target: { id: string; companyId: string; protocol: Protocol; created: boolean },
  values: ConnectionValues,
  auditMetadata: Record<string, unknown>,
  ctx: RequestContext | null,
): Promise<void> {
  const { id, companyId, protocol, created } = target;
  await db().$transaction(async (tx) => {
    if (created) await tx.ssoConnection.create({ data: { id, companyId, protocol, createdById: actor.id, ...values } });
    else await tx.ssoConnection.update({ where: { id }, data: values });
    await writeAudit(
      tx,
      actor,
      {
        event: created ? "sso.connection.added" : "sso.connection.updated",
        targetType: "sso_connection",
        targetId: id,
        companyId,
        metadata: { protocol, ...auditMetadata },
      },
      ctx,
    );
  });
}

/** Creates or updates the company's OpenID Connect connection; checks discovery before saving. */
export async function saveOidcConnection(actor: Person, companyId: string, input: unknown, ctx: RequestContext | null) {
  const { data, defaultRoles, groupRoles } = await checkConnectionRoles(actor, companyId, oidcSchema, input);

  const existing = await db().ssoConnection.findUnique({ where: { companyId_protocol: { companyId, protocol: "OIDC" } } });
  const clientSecret = data.clientSecret || (existing ? withSecrets(existing).clientSecret : null);
  if (!clientSecret) throw fieldError("clientSecret", "Enter the client secret the identity provider gave you.");
  try {
    await discoverIssuer(data.issuer, data.clientId, clientSecret);
  } catch {
    throw fieldError("issuer", `No OpenID Connect discovery document answered at ${data.issuer}/.well-known/openid-configuration.`);
  }
  const id = existing?.id ?? newId("ssoConnection");
  await storeConnection(
    actor,
    { id, companyId, protocol: "OIDC", created: !existing },
    {
      issuer: data.issuer,
      clientId: data.clientId,
      clientSecretSealed: encrypt(clientSecret, "secret-encryption", sealAad(id)),
      defaultRoles,
      groupRoles,
    },
    { issuer: data.issuer, clientId: data.clientId, clientSecretChanged: Boolean(data.clientSecret), defaultRoles, groupRoles },
    ctx,
  );
  forgetConfiguration(id);
  return { id, created: !existing };
}

export async function removeConnection(actor: Person, companyId: string, connectionId: unknown, ctx: RequestContext | null) {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const id = typeof connectionId === "string" ? connectionId : "";
  const row = id ? await db().ssoConnection.findFirst({ where: { id, companyId } }) : null;
  if (!row) throw new AppError("not_found", "That connection was not found in this company.");
  await db().$transaction(async (tx) => {
    await tx.ssoConnection.delete({ where: { id } });
    await writeAudit(
      tx,
      actor,
      { event: "sso.connection.removed", targetType: "sso_connection", targetId: id, companyId, metadata: { protocol: row.protocol } },
      ctx,
    );
  });
  forgetConfiguration(id);
  return { protocol: row.protocol };
}
