// The choices and messages of registering an app, without zod: the registration form (a client
// component) imports these, so its first load ships no zod; lib/validation/app-registration.ts
// re-exports them beside its schemas (which the form loads only after the page is interactive).
import { DESCRIPTION_MAX, NAME_MAX } from "./app-limits";
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

// ---- Kinds of app (the contract's decisions "Kinds of app" and "PKCE") ---------------------------
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
