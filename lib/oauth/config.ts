import "server-only";
// The token service's fixed numbers and names. The issuer is the console's public origin.
import { env } from "../env";

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const AUTHORIZATION_CODE_TTL_SECONDS = 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** How long a retired signing key stays published after it stopped signing: every token it signed has expired by then. */
export const RETIRING_KEY_GRACE_SECONDS = ACCESS_TOKEN_TTL_SECONDS + 300;
export const SIGNING_ALG = "ES256" as const;

// The grant types an app may register: one list, the registration rules' (lib/validation/app-registration.ts).
export { GRANT_TYPES, type GrantType } from "../validation/app-registration";
/** Grant types the token endpoint accepts as `grant_type` (implicit is only an authorization response). */
export const DEVICE_CODE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code" as const;
export const TOKEN_GRANT_TYPES = ["authorization_code", "client_credentials", "password", "refresh_token", DEVICE_CODE_GRANT_TYPE] as const;

export const ENDPOINTS = {
  authorization: "/oauth2/authorize",
  token: "/oauth2/token",
  revocation: "/oauth2/revoke",
  introspection: "/oauth2/introspect",
  jwks: "/oauth2/jwks",
  pushedAuthorization: "/oauth2/par",
  userinfo: "/oauth2/userinfo",
  endSession: "/oauth2/logout",
  deviceAuthorization: "/oauth2/device_authorization",
  device: "/device",
  registration: "/oauth2/register",
} as const;

export function issuer(): string {
  return env().consoleUrl;
}

/** The audience of every access token: the platform's APIs, served under /api of the console. */
export function apiAudience(): string {
  return `${env().consoleUrl}/api`;
}

/** Prefixes so secret scanners and support staff recognise what they see. */
export const TOKEN_PREFIX = { code: "apcode_", refresh: "aprt_" } as const;
