// The rules of registering and editing an app, in one pure module: the registration form checks them
// in the browser for a quick answer, and lib/apps checks them again on the server. No server imports.
import { z } from "zod";
import {
  APIS_MAX,
  APP_KINDS,
  APP_RULE_TEXT,
  type AppKind,
  clientTypeOf,
  CONFIDENTIAL_ONLY_GRANTS,
  GRANT_TYPES,
  type GrantType,
  isPublicKind,
  REDIRECT_GRANTS,
  REDIRECT_URI_MAX,
  REFRESHABLE_GRANTS,
} from "./app-choices";
// The app's choices are exported with its rules: the forms and lib/apps import both from here.
export {
  APIS_MAX,
  APP_KIND_ADVICE,
  APP_KIND_GRANTS,
  APP_KIND_LABELS,
  APP_KINDS,
  APP_RULE_TEXT,
  type AppKind,
  clientTypeOf,
  CONFIDENTIAL_ONLY_GRANTS,
  DEVICE_CODE_GRANT,
  GRANT_TYPE_ADVICE,
  GRANT_TYPE_LABELS,
  GRANT_TYPES,
  type GrantType,
  isPublicKind,
  PUBLIC_KINDS,
  REDIRECT_GRANTS,
  REDIRECT_URI_MAX,
  REFRESHABLE_GRANTS,
  tokenEndpointAuthMethodOf,
} from "./app-choices";

// The limits the app page's forms show live in a zod-free module, so those client forms do not ship zod.
import { DEFAULT_ROTATION_GRACE_HOURS, DESCRIPTION_MAX, NAME_MAX, ROTATION_GRACE_HOURS } from "./app-limits";
export { DEFAULT_ROTATION_GRACE_HOURS, DESCRIPTION_MAX, NAME_MAX, ROTATION_GRACE_HOURS };

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]); // read-only

/** Why a Redirect URL is refused, or null when it is acceptable. Pure, same answer in browser and server. */
export function redirectUriProblem(value: string, kind: AppKind | null = null): string | null {
  if (value.length > REDIRECT_URI_MAX) return APP_RULE_TEXT.redirectTooLong;
  if (/\s/.test(value)) return APP_RULE_TEXT.redirectSpaces;
  if (value.includes("*")) return APP_RULE_TEXT.redirectWildcard;
  if (value.includes("#")) return APP_RULE_TEXT.redirectFragment;
  if (isPrivateUseScheme(value)) return kind === "native" ? null : APP_RULE_TEXT.privateSchemeOnlyNative;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return APP_RULE_TEXT.redirectAbsolute;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return APP_RULE_TEXT.redirectAbsolute;
  }
  if (!url.hostname) return APP_RULE_TEXT.redirectAbsolute;
  if (url.username || url.password) return APP_RULE_TEXT.redirectCredentials;
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) return null;
  return APP_RULE_TEXT.redirectScheme;
}

/**
 * A private-use URI scheme redirect of a native app (RFC 8252 7.1): a reverse domain name scheme with
 * a period, e.g. com.example.app:/oauth2redirect.
 */
export function isPrivateUseScheme(value: string): boolean {
  const m = /^([a-z][a-z0-9+-]*(?:\.[a-z0-9+-]+)+):\/?[^/]/i.exec(value);
  return !!m && !/^https?$/i.test(m[1]!);
}

/** An IP-literal loopback redirect (http://127.0.0.1/… or http://[::1]/…). */
export function isLoopbackIpRedirect(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "[::1]");
  } catch {
    return false;
  }
}

/**
 * RFC 8252 7.3: for a Native / mobile app registered with an IP-literal loopback URL, any port of that
 * loopback matches (same scheme, host, path and query).
 */
export function loopbackRedirectMatches(registered: string, given: string): boolean {
  if (!isLoopbackIpRedirect(registered) || !isLoopbackIpRedirect(given)) return false;
  const a = new URL(registered);
  const b = new URL(given);
  return a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search && !b.username && !b.password && !b.hash;
}

export const ORIGINS_MAX = 20;

/** A web origin (scheme://host[:port]), https or http on a loopback host; null when invalid. */
export function normaliseOrigin(value: string): string | null {
  const v = value.trim();
  if (!/^https?:\/\/[^/?#\s]+$/i.test(v.replace(/\/$/, ""))) return null;
  try {
    const url = new URL(v);
    if (url.username || url.password) return null;
    if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) return null;
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Allowed web origins from a textarea (one per line, or separated by spaces/commas). */
export const allowedOriginsSchema = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const parts = v.split(/[\s,]+/).filter(Boolean);
    const out: string[] = [];
    for (const p of parts) {
      const o = normaliseOrigin(p);
      if (!o) {
        ctx.addIssue({ code: "custom", message: APP_RULE_TEXT.originInvalid });
        return z.NEVER;
      }
      if (!out.includes(o)) out.push(o);
    }
    if (out.length > ORIGINS_MAX) {
      ctx.addIssue({ code: "custom", message: APP_RULE_TEXT.originsTooMany });
      return z.NEVER;
    }
    return out;
  });

/** A post-logout redirect URL: the same rules as a Redirect URL; empty means none. */
export const postLogoutRedirectSchema = z
  .string()
  .default("")
  .transform((v, ctx) => {
    const t = v.trim();
    if (!t) return null;
    if (redirectUriProblem(t) || isPrivateUseScheme(t)) {
      ctx.addIssue({ code: "custom", message: APP_RULE_TEXT.postLogoutInvalid });
      return z.NEVER;
    }
    return t;
  });

/** Names are trimmed, inner whitespace collapsed, Unicode-normalised. */
export function normaliseAppName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ");
}

/** The key that makes names unique in a company regardless of case (App.nameKey). */
export function appNameKey(name: string): string {
  return normaliseAppName(name).toLowerCase();
}

export const appNameSchema = z
  .string({ error: APP_RULE_TEXT.nameRequired })
  .transform(normaliseAppName)
  .pipe(
    z
      .string()
      .min(1, APP_RULE_TEXT.nameRequired)
      .max(NAME_MAX, APP_RULE_TEXT.nameTooLong)
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), APP_RULE_TEXT.nameControl),
  );

export const appDescriptionSchema = z
  .string()
  .default("")
  .transform((v) => v.trim().replace(/\r\n/g, "\n"))
  .pipe(z.string().max(DESCRIPTION_MAX, APP_RULE_TEXT.descriptionTooLong));

const apiIdsSchema = z
  .array(z.string().max(64))
  .max(APIS_MAX, APP_RULE_TEXT.apiUnknown)
  .default([])
  .transform((ids) => [...new Set(ids.filter(Boolean))]);

function requireApis(apiIds: string[], ctx: z.RefinementCtx): void {
  if (apiIds.length === 0) ctx.addIssue({ code: "custom", path: ["apiIds"], message: APP_RULE_TEXT.apiRequired });
}

/** What the registration form sends. Cross-field rules report at the field that broke them. */
export const appRegistrationSchema = z
  .object({
    name: appNameSchema,
    description: appDescriptionSchema,
    grantTypes: z.array(z.string()).default([]),
    redirectUri: z.string().default(""),
    apiIds: apiIdsSchema,
    acceptTerms: z.boolean().default(false),
    /** The terms version the form showed; the server refuses when it is no longer current. */
    termsVersion: z.string().max(100).default(""),
    /** Kind of app; empty: none (a confidential app, as before kinds existed). */
    kind: z.string().default(""),
    allowedOrigins: z.string().default(""),
    postLogoutRedirectUri: z.string().default(""),
  })
  .superRefine((v, ctx) => {
    const unknown = v.grantTypes.filter((g) => !(GRANT_TYPES as readonly string[]).includes(g));
    const grants = new Set(v.grantTypes);
    const kind = (APP_KINDS as readonly string[]).includes(v.kind) ? (v.kind as AppKind) : null;
    if (v.kind && !kind) ctx.addIssue({ code: "custom", path: ["kind"], message: APP_RULE_TEXT.kindUnknown });
    if (unknown.length) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.grantTypeUnknown });
    } else if (grants.size === 0) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.grantTypeRequired });
    } else if (grants.has("refresh_token") && !REFRESHABLE_GRANTS.some((g) => grants.has(g))) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.refreshAlone });
    } else if (isPublicKind(kind) && CONFIDENTIAL_ONLY_GRANTS.some((g) => grants.has(g))) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.publicNoSecretGrants });
    }
    const origins = allowedOriginsSchema.safeParse(v.allowedOrigins);
    if (!origins.success) {
      ctx.addIssue({ code: "custom", path: ["allowedOrigins"], message: origins.error.issues[0]?.message ?? APP_RULE_TEXT.originInvalid });
    } else if (origins.data.length && kind !== "spa") {
      ctx.addIssue({ code: "custom", path: ["allowedOrigins"], message: APP_RULE_TEXT.originsOnlySpa });
    }
    const postLogout = postLogoutRedirectSchema.safeParse(v.postLogoutRedirectUri);
    if (!postLogout.success) ctx.addIssue({ code: "custom", path: ["postLogoutRedirectUri"], message: APP_RULE_TEXT.postLogoutInvalid });
    const redirect = v.redirectUri.trim();
    const needsRedirect = REDIRECT_GRANTS.some((g) => grants.has(g));
    if (needsRedirect) {
      const problem = redirect ? redirectUriProblem(redirect, kind) : APP_RULE_TEXT.redirectRequired;
      if (problem) ctx.addIssue({ code: "custom", path: ["redirectUri"], message: problem });
    } else if (redirect && grants.size > 0 && !unknown.length) {
      ctx.addIssue({ code: "custom", path: ["redirectUri"], message: APP_RULE_TEXT.redirectNotUsed });
    }
    requireApis(v.apiIds, ctx);
    if (!v.acceptTerms) ctx.addIssue({ code: "custom", path: ["acceptTerms"], message: APP_RULE_TEXT.termsRequired });
  })
  .transform((v) => ({
    name: v.name,
    nameKey: v.name.toLowerCase(),
    description: v.description,
    // Stored in the form's order, without duplicates.
    grantTypes: GRANT_TYPES.filter((g) => v.grantTypes.includes(g)),
    redirectUri: REDIRECT_GRANTS.some((g) => v.grantTypes.includes(g)) ? v.redirectUri.trim() : null,
    apiIds: v.apiIds,
    termsVersion: v.termsVersion,
    kind: (APP_KINDS as readonly string[]).includes(v.kind) ? (v.kind as AppKind) : null,
    clientType: clientTypeOf(v.kind),
    // The contract's decision on PKCE: required for public apps and on for new confidential ones.
    requirePkce: true,
    allowedOrigins: allowedOriginsSchema.parse(v.allowedOrigins),
    postLogoutRedirectUri: postLogoutRedirectSchema.parse(v.postLogoutRedirectUri),
  }));

export type AppRegistrationInput = z.input<typeof appRegistrationSchema>;
export type AppRegistration = z.output<typeof appRegistrationSchema>;

/** What may change after registration: never the Redirect URL or the grant types. */
export const appUpdateSchema = z
  .object({ name: appNameSchema, description: appDescriptionSchema, apiIds: apiIdsSchema })
  .superRefine((v, ctx) => requireApis(v.apiIds, ctx))
  .transform((v) => ({ ...v, nameKey: v.name.toLowerCase() }));

export type AppUpdate = z.output<typeof appUpdateSchema>;

/** The registration form's fields → the schema's input (the browser and the server read it alike). */
export function registrationFromForm(form: FormData): AppRegistrationInput {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const list = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  return {
    name: text("name"),
    description: text("description"),
    grantTypes: list("grantTypes"),
    redirectUri: text("redirectUri"),
    apiIds: list("apiIds"),
    acceptTerms: form.get("acceptTerms") !== null,
    termsVersion: text("termsVersion"),
    kind: text("kind"),
    allowedOrigins: text("allowedOrigins"),
    postLogoutRedirectUri: text("postLogoutRedirectUri"),
  };
}

export function updateFromForm(form: FormData): z.input<typeof appUpdateSchema> {
  const v = registrationFromForm(form);
  return { name: v.name, description: v.description, apiIds: v.apiIds };
}

/** Parses App.grantTypes (JSON) into known grant types; anything else is dropped. */
export function parseGrantTypes(value: unknown): GrantType[] {
  if (!Array.isArray(value)) return [];
  return GRANT_TYPES.filter((g) => value.includes(g));
}

export const rotationSchema = z.object({
  graceHours: z.coerce
    .number()
    .int()
    .refine((h) => (ROTATION_GRACE_HOURS as readonly number[]).includes(h), "Choose a grace period from the list.")
    .default(DEFAULT_ROTATION_GRACE_HOURS),
});

/** The app-page settings editable after registration (audited): not the Redirect URL, grant types or kind. */
export const appSecuritySettingsSchema = z.object({
  postLogoutRedirectUri: postLogoutRedirectSchema,
  allowedOrigins: allowedOriginsSchema,
  requirePkce: z.boolean().default(false),
  requireDpop: z.boolean().default(false),
  requirePar: z.boolean().default(false),
});
export type AppSecuritySettings = z.output<typeof appSecuritySettingsSchema>;

export function securitySettingsFromForm(form: FormData): z.input<typeof appSecuritySettingsSchema> {
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  return {
    postLogoutRedirectUri: text("postLogoutRedirectUri"),
    allowedOrigins: text("allowedOrigins"),
    requirePkce: form.get("requirePkce") !== null,
    requireDpop: form.get("requireDpop") !== null,
    requirePar: form.get("requirePar") !== null,
  };
}
