"use server";
// Server actions of /company/sso (Delegated Administrators). Thin: the session here, the rules in lib/sso.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { generateScimToken } from "@/lib/scim/tokens";
import { checkbox, viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import { startSsoTest } from "@/lib/sso/connection-test";
import { removeConnection, saveOidcConnection } from "@/lib/sso/connections";
import { addDomain, removeDomain, setRequireSso, verifyDomain } from "@/lib/sso/domains";
import { saveSamlConnection } from "@/lib/sso/saml";
import type { FormState } from "@/lib/validation/form-state";
import { redirectToIdentityProvider } from "./identity-provider-redirect";

const returnTo = "/company/sso";

// Each form's fields, declared beside its action: the form's shape only; lib/sso checks the values
// (domain names, issuer URLs, metadata, role names) and answers with field errors.
const domainInput = z.object({ domain: z.string() });
export async function addDomainAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: domainInput, form, keepFields: ["domain"] }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "sso.manage.company");
    const row = await addDomain(actorOf(viewer), company.companyId, input.domain, request);
    revalidatePath(returnTo);
    return { ok: true, message: `${row.domain} was added. Publish its TXT record, then press Verify.` };
  });
}

const domainIdInput = z.object({ domainId: z.string() });
/** Verify or Remove on one of the company's domains, then the page again with `said(domain)`. */
function onDomain(form: FormData, change: typeof verifyDomain | typeof removeDomain, said: (domain: string) => string) {
  return viewerAction({ returnTo, schema: domainIdInput, form }, async ({ viewer, request, input }) => {
    const { domain } = await change(actorOf(viewer), companyFor(viewer, "sso.manage.company").companyId, input.domainId, request);
    revalidatePath(returnTo);
    return { ok: true, message: said(domain) };
  });
}

export async function verifyDomainAction(_prev: FormState, form: FormData): Promise<FormState> {
  return onDomain(form, verifyDomain, (domain) => `${domain} is verified.`);
}

export async function removeDomainAction(_prev: FormState, form: FormData): Promise<FormState> {
  return onDomain(form, removeDomain, (domain) => `${domain} was removed.`);
}

export interface ConnectionFormState extends FormState {
  keepRoles?: string[];
}

/** A failed save keeps the ticked default roles (the client secret is never sent back). */
const keepRoles = (fields: { defaultRoles: string[] }) => ({ keepRoles: fields.defaultRoles });

const oidcInput = z.object({
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  groupRoles: z.string(),
  defaultRoles: z.array(z.string()),
});
export async function saveOidcConnectionAction(_prev: ConnectionFormState, form: FormData): Promise<ConnectionFormState> {
  const declared = { schema: oidcInput, form, keepFields: ["issuer", "clientId", "groupRoles"], keepState: keepRoles } as const;
  return viewerAction({ returnTo, ...declared }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "sso.manage.company");
    const r = await saveOidcConnection(actorOf(viewer), company.companyId, input, request);
    revalidatePath(returnTo);
    return { ok: true, message: r.created ? "The OpenID Connect connection was saved." : "The OpenID Connect connection was updated." };
  });
}

const samlInput = z.object({
  samlMetadata: z.string(),
  groupsAttribute: z.string(),
  groupRoles: z.string(),
  defaultRoles: z.array(z.string()),
});
export async function saveSamlConnectionAction(_prev: ConnectionFormState, form: FormData): Promise<ConnectionFormState> {
  const declared = {
    schema: samlInput,
    form,
    keepFields: ["samlMetadata", "groupsAttribute", "groupRoles"],
    keepState: keepRoles,
  } as const;
  return viewerAction({ returnTo, ...declared }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "sso.manage.company");
    const r = await saveSamlConnection(actorOf(viewer), company.companyId, input, request);
    revalidatePath(returnTo);
    revalidatePath(`${returnTo}/saml`);
    return {
      ok: true,
      message: !r.complete
        ? "The SAML connection was saved. Give your identity provider the console's addresses, then paste its metadata here."
        : r.created
          ? "The SAML connection was saved."
          : "The SAML connection was updated.",
    };
  });
}

const connectionInput = z.object({ connectionId: z.string() });
export async function removeConnectionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: connectionInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "sso.manage.company");
    await removeConnection(actorOf(viewer), company.companyId, input.connectionId, request);
    revalidatePath(returnTo);
    return { ok: true, message: "The connection was removed." };
  });
}

export async function testConnectionAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: connectionInput, form }, async ({ viewer, input }) => {
    const company = companyFor(viewer, "sso.manage.company");
    return redirectToIdentityProvider(await startSsoTest(actorOf(viewer), company.companyId, input.connectionId));
  });
}

const requireSsoInput = z.object({ domainId: z.string(), requireSso: checkbox() });
export async function setRequireSsoAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: requireSsoInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "sso.manage.company");
    const row = await setRequireSso(actorOf(viewer), company.companyId, input.domainId, input.requireSso, request);
    revalidatePath(returnTo);
    return {
      ok: true,
      message: row.requireSso ? `${row.domain} now signs in only through SSO.` : `${row.domain} may sign in with passwords again.`,
    };
  });
}

export interface ScimTokenState extends FormState {
  token?: string;
}

export async function generateScimTokenAction(_prev: ScimTokenState): Promise<ScimTokenState> {
  return viewerAction({ returnTo }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "sso.manage.company");
    const r = await generateScimToken(actorOf(viewer), company.companyId, request);
    revalidatePath(returnTo);
    return { ok: true, token: r.token, message: "Copy the SCIM token now: it is shown only once. Any earlier token stopped working." };
  });
}
