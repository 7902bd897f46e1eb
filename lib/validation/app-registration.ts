// The rules of registering and editing an app, in one pure module: the registration form checks them
// in the browser for a quick answer, and lib/apps checks them again on the server. No server imports.
import { z } from "zod";

/** Grant types as stored in App.grantTypes (a JSON array), in the order the form shows them. */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code" as const;
export const GRANT_TYPES = [
  "authorization_code",
  "client_credentials",
  "implicit",
  "password",
  "refresh_token",
  DEVICE_CODE_GRANT,
] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const GRANT_TYPE_LABELS: Record<GrantType, string> = {
  authorization_code: "Authorization Code",
  client_credentials: "Client Credentials",
  implicit: "Implicit",
  password: "Resource Owner Credentials",
  refresh_token: "Refresh Token",
  [DEVICE_CODE_GRANT]: "Device Code",
};

/** The recommendation shown beside each choice. */
export const GRANT_TYPE_ADVICE: Record<GrantType, string> = {
  authorization_code: "Recommended for web server apps that act for a signed-in person.",
  client_credentials: "Recommended for machine to machine: a server or job calling APIs as itself, no person involved.",
  implicit: "For browser and native apps that cannot keep a secret (the token comes back in the URL fragment).",
  password: "Not recommended (legacy): your app handles the person's password. Only for trusted first-party apps.",
  refresh_token: "Adds refresh tokens to Authorization Code, Resource Owner Credentials or Device Code, so people need not sign in again.",
  [DEVICE_CODE_GRANT]: "For TVs, consoles and command-line tools: the person types a short code on another device (RFC 8628).",
};

/** Grant types that send a person's browser back to the app, so they need a Redirect URL. */
export const REDIRECT_GRANTS: readonly GrantType[] = ["authorization_code", "implicit"];
/** Grant types a refresh token can extend. */
export const REFRESHABLE_GRANTS: readonly GrantType[] = ["authorization_code", "password", DEVICE_CODE_GRANT];

// The limits the app page's forms show live in a zod-free module, so those client forms do not ship zod.
import { DEFAULT_ROTATION_GRACE_HOURS, DESCRIPTION_MAX, NAME_MAX, ROTATION_GRACE_HOURS } from "./app-limits";
export { DEFAULT_ROTATION_GRACE_HOURS, DESCRIPTION_MAX, NAME_MAX, ROTATION_GRACE_HOURS };
export const REDIRECT_URI_MAX = 2000;
export const APIS_MAX = 50;

export const APP_RULE_TEXT = {
  nameRequired: "Enter a name for your application.",
  nameTooLong: `Use at most ${NAME_MAX} characters.`,
  nameControl: "Remove control characters from the name.",
  nameTaken: "Your company already has an application with this name. Choose another name.",
  descriptionTooLong: `Use at most ${DESCRIPTION_MAX} characters.`,
  grantTypeRequired: "Choose at least one grant type.",
  grantTypeUnknown: "Choose grant types from the list.",
  refreshAlone: "Refresh Token works only together with Authorization Code, Resource Owner Credentials or Device Code.",
  kindUnknown: "Choose a kind of app from the list.",
  publicNoSecretGrants:
    "Single-page, Native / mobile and Device or CLI apps cannot keep a secret: they cannot use Client Credentials or Resource Owner Credentials.",
  originsOnlySpa: "Allowed web origins are for Single-page apps.",
  originInvalid: "Enter origins such as https://app.example.com (scheme, host and port only; http only on localhost), one per line.",
  originsTooMany: "List at most 20 origins.",
  postLogoutInvalid:
    "Enter an absolute https URL for the post-logout redirect (http only on 127.0.0.1, [::1] or localhost), no # fragment.",
  privateSchemeOnlyNative: "Only Native / mobile apps may use a private-use URI scheme (such as com.example.app:/callback).",
  redirectRequired: "Enter a Redirect URL: Authorization Code and Implicit send people back to it.",
  redirectNotUsed: "A Redirect URL is used only with Authorization Code or Implicit. Clear it, or choose one of them.",
  redirectTooLong: `Use at most ${REDIRECT_URI_MAX} characters.`,
  redirectSpaces: "Remove spaces from the Redirect URL.",
  redirectWildcard: "Wildcards (*) are not allowed: enter the exact URL your app receives people at.",
  redirectFragment: "Remove the fragment (# and what follows): a Redirect URL cannot have one.",
  redirectAbsolute: "Enter an absolute URL such as https://app.example.com/callback.",
  redirectScheme: "Use https (http only on 127.0.0.1, [::1] or localhost).",
  redirectCredentials: "Remove the user name and password from the URL.",
  redirectHint:
    "Required for Authorization Code and Implicit: an absolute https URL (http only on 127.0.0.1, [::1] or localhost), with no # fragment and no wildcards. It cannot be changed later.",
  apiRequired: "Choose at least one API.",
  apiUnknown: "Your company may not use one of the chosen APIs. Choose from the list.",
  termsRequired: "Agree to the Terms of Service to register.",
  termsChanged: "The Terms of Service changed since you opened this form. Read the current version and agree again.",
} as const;

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

// ---- Kinds of app (issue 13; the contract's decisions "Kinds of app" and "PKCE") -------------------
// Shared by the registration form, lib/apps/register-app.ts and dynamic client registration.

export const APP_KINDS = ["web", "spa", "native", "m2m", "device"] as const;
export type AppKind = (typeof APP_KINDS)[number];
export const APP_KIND_LABELS: Record<AppKind, string> = {
  web: "Web server",
  spa: "Single-page",
  native: "Native / mobile",
  m2m: "Machine to machine",
  device: "Device or CLI",
};
export const APP_KIND_ADVICE: Record<AppKind, string> = {
  web: "A server-side web app that keeps a Client Secret and signs people in.",
  spa: "Runs in the browser (React, Angular …): no secret, PKCE, and the web origins allowed to call the token endpoint.",
  native: "An iOS, Android or desktop app: no secret, PKCE, loopback or private-use scheme redirects.",
  m2m: "A server, job or service calling APIs as itself, with no person involved.",
  device: "A TV, console or command-line tool where the person types a code on another device.",
};
/** The grant types a kind pre-sets on the form (the person may still change them). */
export const APP_KIND_GRANTS: Record<AppKind, GrantType[]> = {
  web: ["authorization_code", "refresh_token"],
  spa: ["authorization_code"],
  native: ["authorization_code", "refresh_token"],
  m2m: ["client_credentials"],
  device: [DEVICE_CODE_GRANT],
};
/** Kinds that cannot keep a secret: public clients (token_endpoint_auth_method none, PKCE S256 required). */
export const PUBLIC_KINDS: readonly AppKind[] = ["spa", "native", "device"];
/** Grant types a public app may not register. */
export const CONFIDENTIAL_ONLY_GRANTS: readonly GrantType[] = ["client_credentials", "password"];

export function isPublicKind(kind: string | null | undefined): boolean {
  return (PUBLIC_KINDS as readonly string[]).includes(kind ?? "");
}

/** The client type a kind makes: only Single-page, Native / mobile and Device or CLI are public. */
export function clientTypeOf(kind: string | null | undefined): "public" | "confidential" {
  return isPublicKind(kind) ? "public" : "confidential";
}

/** RFC 7591 token_endpoint_auth_method for an app of this kind. */
export function tokenEndpointAuthMethodOf(kind: string | null | undefined): "none" | "client_secret_basic" {
  return isPublicKind(kind) ? "none" : "client_secret_basic";
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
