import "server-only";
// A company's SAML 2.0 connection as a Delegated Administrator sets it on /company/sso: the identity
// provider's metadata XML (its entityID, single sign-on URL and signing certificates are read from it),
// "Default roles", the attribute naming groups and the group → role mapping. The console's side (SP
// entity ID = its metadata URL, ACS URL) is per connection; the row can be saved without metadata first
// so that the DA has these addresses to give the identity provider. XML signatures are checked by
// @node-saml/node-saml (see saml-signin.ts); this file only reads the metadata document.
import { X509Certificate } from "node:crypto";
import { type CacheProvider, SAML, ValidateInResponseTo } from "@node-saml/node-saml";
import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { z } from "zod";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db, type DbOrTx } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { newId } from "../ids";
import type { Role } from "../permissions";
import type { RequestContext } from "../server/request-context";
import { checkConnectionRoles, type ConnectionSecrets, isAllowedIdpUrl, storeConnection, withSecrets } from "./connections";

export const SAML_BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
export const SAML_BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
export const NAMEID_EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
/** Accepted difference between the identity provider's clock and ours (NotBefore / NotOnOrAfter). */
export const SAML_CLOCK_SKEW_MS = 60_000;

const base = (connectionId: string) => `${env().consoleUrl}/sso/saml/${encodeURIComponent(connectionId)}`;
/** The console's SAML entity ID for this connection: its metadata URL (a common convention). */
export const spEntityId = (connectionId: string) => `${base(connectionId)}/metadata`;
export const spMetadataUrl = spEntityId;
export const acsUrl = (connectionId: string) => `${base(connectionId)}/acs`;

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  binding: "HTTP-Redirect" | "HTTP-POST";
  /** PEM certificates the identity provider signs with. */
  certificates: string[];
}

const MAX_METADATA = 200_000;

function metadataError(message: string): AppError {
  return new AppError("validation", message, { fieldErrors: { samlMetadata: [message] } });
}

function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, "");
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}

const attr = (node: xpath.SelectReturnType, name: string) =>
  node && typeof node === "object" && "getAttribute" in node ? ((node as Element).getAttribute(name) ?? "").trim() : "";

/** Reads an IdP metadata document (EntityDescriptor, or the first IdP of an EntitiesDescriptor). */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const text = xml.trim();
  if (!text) throw metadataError("Paste the metadata XML of your identity provider.");
  if (text.length > MAX_METADATA) throw metadataError("That metadata is too long (200 000 characters at most).");
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw metadataError("Metadata with a DOCTYPE is not accepted.");
  let broken = false;
  const doc = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: () => {
        broken = true;
      },
      fatalError: () => {
        broken = true;
      },
    },
  }).parseFromString(text, "text/xml");
  if (broken || !doc?.documentElement) throw metadataError("That is not well-formed XML. Paste the whole metadata document.");
  const descriptor = xpath.select1("//*[local-name()='EntityDescriptor'][*[local-name()='IDPSSODescriptor']]", doc as unknown as Node) as
    Element | undefined;
  if (!descriptor) throw metadataError("No identity provider (IDPSSODescriptor) was found in that metadata.");
  const entityId = attr(descriptor, "entityID");
  if (!entityId) throw metadataError("The metadata names no entityID.");
  const idp = xpath.select1("*[local-name()='IDPSSODescriptor']", descriptor as unknown as Node) as Element;
  const services = xpath.select("*[local-name()='SingleSignOnService']", idp as unknown as Node) as Element[];
  const redirect = services.find((s) => attr(s, "Binding") === SAML_BINDING_REDIRECT);
  const post = services.find((s) => attr(s, "Binding") === SAML_BINDING_POST);
  const service = redirect ?? post;
  if (!service) throw metadataError("The metadata has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding.");
  const ssoUrl = attr(service, "Location");
  if (!isAllowedIdpUrl(ssoUrl)) throw metadataError("The single sign-on URL in the metadata must be an https:// URL.");
  const keys = xpath.select("*[local-name()='KeyDescriptor']", idp as unknown as Node) as Element[];
  const certificates: string[] = [];
  for (const key of keys) {
    const use = attr(key, "use");
    if (use && use !== "signing") continue;
    for (const node of xpath.select(".//*[local-name()='X509Certificate']", key as unknown as Node) as Element[]) {
      const pem = toPem(node.textContent ?? "");
      try {
        new X509Certificate(pem);
      } catch {
        throw metadataError("A signing certificate in the metadata could not be read.");
      }
      if (!certificates.includes(pem)) certificates.push(pem);
    }
  }
  if (!certificates.length) throw metadataError('The metadata has no signing certificate (KeyDescriptor use="signing").');
  return { entityId, ssoUrl, binding: redirect ? "HTTP-Redirect" : "HTTP-POST", certificates };
}

export interface SamlConnection extends ConnectionSecrets {
  metadata: IdpMetadata | null;
  groupsAttribute: string | null;
}

type SamlRow = Parameters<typeof withSecrets>[0] & { samlMetadata: string | null; groupsAttribute: string | null };

function samlOf(row: SamlRow): SamlConnection {
  let metadata: IdpMetadata | null = null;
  try {
    metadata = row.samlMetadata ? parseIdpMetadata(row.samlMetadata) : null;
  } catch {
    metadata = null;
  }
  return { ...withSecrets(row), metadata, groupsAttribute: row.groupsAttribute };
}

/** The SAML connection with this id (any company: the caller scopes it), or null. */
export async function samlConnectionById(client: DbOrTx, id: string): Promise<SamlConnection | null> {
  const row = id ? await client.ssoConnection.findUnique({ where: { id } }) : null;
  return row && row.protocol === "SAML" ? samlOf(row) : null;
}

export interface SamlConnectionView {
  id: string;
  metadataXml: string;
  metadata: IdpMetadata | null;
  groupsAttribute: string;
  defaultRoles: Role[];
  groupRoles: Record<string, Role[]>;
  spEntityId: string;
  acsUrl: string;
  spMetadataUrl: string;
}

export async function samlConnectionOf(actor: Person, companyId: string): Promise<SamlConnectionView | null> {
  await requireCompanyRole(db(), actor, companyId, "sso.manage.company");
  const row = await db().ssoConnection.findUnique({ where: { companyId_protocol: { companyId, protocol: "SAML" } } });
  if (!row) return null;
  const c = samlOf(row);
  return {
    id: c.id,
    metadataXml: row.samlMetadata ?? "",
    metadata: c.metadata,
    groupsAttribute: c.groupsAttribute ?? "",
    defaultRoles: c.defaultRoles,
    groupRoles: c.groupRoles,
    spEntityId: spEntityId(c.id),
    acsUrl: acsUrl(c.id),
    spMetadataUrl: spMetadataUrl(c.id),
  };
}

const samlSchema = z.object({
  samlMetadata: z.string().max(MAX_METADATA, "That metadata is too long (200 000 characters at most)."),
  groupsAttribute: z.string().trim().max(300),
  defaultRoles: z.array(z.string()),
  groupRoles: z.string().max(20_000),
});

/**
 * Creates or updates the company's SAML connection. Empty metadata saves the connection without an
 * identity provider (the console's addresses exist from then on; nobody signs in through it yet).
 */
export async function saveSamlConnection(actor: Person, companyId: string, input: unknown, ctx: RequestContext | null) {
  const { data, defaultRoles, groupRoles } = await checkConnectionRoles(actor, companyId, samlSchema, input);
  const xml = data.samlMetadata.trim();
  const metadata = xml ? parseIdpMetadata(xml) : null;

  const existing = await db().ssoConnection.findUnique({ where: { companyId_protocol: { companyId, protocol: "SAML" } } });
  const id = existing?.id ?? newId("ssoConnection");
  const groupsAttribute = data.groupsAttribute || null;
  await storeConnection(
    actor,
    { id, companyId, protocol: "SAML", created: !existing },
    { issuer: metadata?.entityId ?? null, samlMetadata: xml || null, groupsAttribute, defaultRoles, groupRoles },
    {
      idpEntityId: metadata?.entityId ?? null,
      ssoUrl: metadata?.ssoUrl ?? null,
      certificates: metadata?.certificates.map((pem) => new X509Certificate(pem).fingerprint256) ?? [],
      metadataChanged: (existing?.samlMetadata ?? "") !== xml,
      groupsAttribute,
      defaultRoles,
      groupRoles,
    },
    ctx,
  );
  return { id, created: !existing, complete: Boolean(metadata) };
}

/**
 * The node-saml service provider of a connection. `requestId` is the AuthnRequest ID (the SsoLogin id);
 * `pending` answers node-saml's InResponseTo check: only that one request is outstanding.
 */
export function serviceProvider(connection: SamlConnection, requestId: string, pending: { createdAt: Date } | null): SAML {
  const md = connection.metadata;
  if (!md) throw new AppError("unavailable", "The SAML connection has no identity provider metadata yet.");
  const cacheProvider: CacheProvider = {
    saveAsync: async (key, value) => ({ value, createdAt: Date.now() }),
    getAsync: async (key) => (pending && key === requestId ? pending.createdAt.toISOString() : null),
    removeAsync: async () => null,
  };
  return new SAML({
    entryPoint: md.ssoUrl,
    issuer: spEntityId(connection.id),
    audience: spEntityId(connection.id),
    callbackUrl: acsUrl(connection.id),
    idpCert: md.certificates,
    // A signed assertion is required; a signature over the whole response is accepted but not needed.
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: 10 * 60_000,
    cacheProvider,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    identifierFormat: NAMEID_EMAIL,
    disableRequestedAuthnContext: true,
    authnRequestBinding: md.binding === "HTTP-POST" ? "HTTP-POST" : "HTTP-Redirect",
    generateUniqueId: () => requestId,
  });
}

/** The console's SP metadata for the connection (entity ID, ACS URL, NameID format; nothing signed). */
export async function serviceProviderMetadata(connectionId: string): Promise<string | null> {
  const connection = await samlConnectionById(db(), connectionId);
  if (!connection) return null;
  const id = connection.id;
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<?xml version="1.0"?>
<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${esc(spEntityId(id))}" ID="${esc(id.replace(/[^A-Za-z0-9_-]/g, "_"))}">
  <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="false" WantAssertionsSigned="true">
    <NameIDFormat>${NAMEID_EMAIL}</NameIDFormat>
    <AssertionConsumerService index="1" isDefault="true" Binding="${SAML_BINDING_POST}" Location="${esc(acsUrl(id))}"/>
  </SPSSODescriptor>
</EntityDescriptor>
`;
}
