// The rules of registering and editing an app, in one pure module: the registration form checks them
// in the browser for a quick answer, and lib/apps checks them again on the server. No server imports.
import { z } from "zod";

/** Grant types as stored in App.grantTypes (a JSON array), in the order the form shows them. */
export const GRANT_TYPES = ["authorization_code", "client_credentials", "implicit", "password", "refresh_token"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const GRANT_TYPE_LABELS: Record<GrantType, string> = {
  authorization_code: "Authorization Code",
  client_credentials: "Client Credentials",
  implicit: "Implicit",
  password: "Resource Owner Credentials",
  refresh_token: "Refresh Token",
};

/** The recommendation shown beside each choice. */
export const GRANT_TYPE_ADVICE: Record<GrantType, string> = {
  authorization_code: "Recommended for web server apps that act for a signed-in person.",
  client_credentials: "Recommended for machine to machine: a server or job calling APIs as itself, no person involved.",
  implicit: "For browser and native apps that cannot keep a secret (the token comes back in the URL fragment).",
  password: "Not recommended (legacy): your app handles the person's password. Only for trusted first-party apps.",
  refresh_token: "Adds refresh tokens to Authorization Code or Resource Owner Credentials, so people need not sign in again.",
};

/** Grant types that send a person's browser back to the app, so they need a Redirect URL. */
export const REDIRECT_GRANTS: readonly GrantType[] = ["authorization_code", "implicit"];
/** Grant types a refresh token can extend. */
export const REFRESHABLE_GRANTS: readonly GrantType[] = ["authorization_code", "password"];

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;
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
  refreshAlone: "Refresh Token works only together with Authorization Code or Resource Owner Credentials.",
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
export function redirectUriProblem(value: string): string | null {
  if (value.length > REDIRECT_URI_MAX) return APP_RULE_TEXT.redirectTooLong;
  if (/\s/.test(value)) return APP_RULE_TEXT.redirectSpaces;
  if (value.includes("*")) return APP_RULE_TEXT.redirectWildcard;
  if (value.includes("#")) return APP_RULE_TEXT.redirectFragment;
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
  })
  .superRefine((v, ctx) => {
    const unknown = v.grantTypes.filter((g) => !(GRANT_TYPES as readonly string[]).includes(g));
    const grants = new Set(v.grantTypes);
    if (unknown.length) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.grantTypeUnknown });
    } else if (grants.size === 0) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.grantTypeRequired });
    } else if (grants.has("refresh_token") && !REFRESHABLE_GRANTS.some((g) => grants.has(g))) {
      ctx.addIssue({ code: "custom", path: ["grantTypes"], message: APP_RULE_TEXT.refreshAlone });
    }
    const redirect = v.redirectUri.trim();
    const needsRedirect = REDIRECT_GRANTS.some((g) => grants.has(g));
    if (needsRedirect) {
      const problem = redirect ? redirectUriProblem(redirect) : APP_RULE_TEXT.redirectRequired;
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

/** Grace periods offered when rotating a secret (hours the old secret keeps working). */
export const ROTATION_GRACE_HOURS = [0, 1, 24, 72, 168] as const;
export const DEFAULT_ROTATION_GRACE_HOURS = 24;
export const rotationSchema = z.object({
  graceHours: z.coerce
    .number()
    .int()
    .refine((h) => (ROTATION_GRACE_HOURS as readonly number[]).includes(h), "Choose a grace period from the list.")
    .default(DEFAULT_ROTATION_GRACE_HOURS),
});
