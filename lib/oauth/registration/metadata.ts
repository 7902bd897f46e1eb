import "server-only";
// RFC 7591 client metadata → the registration form's input (`registrationFromClientMetadata`, the one
// mapping), so a registered client passes the form's rules.
import { z } from "zod";
import {
  type AppKind,
  DEVICE_CODE_GRANT,
  GRANT_TYPES,
  type GrantType,
  isLoopbackIpRedirect,
  isPrivateUseScheme,
  REDIRECT_GRANTS,
} from "../../validation/app-registration";
import { RegistrationError } from "./errors";

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
  /** private_key_jwt (RFC 7523): the client's public keys, by value or by reference (one of them). */
  jwks: z.unknown().optional(),
  jwks_uri: z.string().optional(),
});
export type ClientMetadata = z.infer<typeof clientMetadataSchema>;

/**
 * Token endpoint authentication methods: a confidential client's secret, a private key JWT (RFC 7523,
 * with `jwks` or `jwks_uri`: no secret is issued), or "none" for a public client.
 */
export const SUPPORTED_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"] as const;

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
  if (authMethod === "private_key_jwt" && (meta.jwks === undefined) === (meta.jwks_uri === undefined))
    throw new RegistrationError("invalid_client_metadata", "private_key_jwt needs exactly one of jwks and jwks_uri.");
  if (authMethod !== "private_key_jwt" && (meta.jwks !== undefined || meta.jwks_uri !== undefined))
    throw new RegistrationError(
      "invalid_client_metadata",
      "jwks and jwks_uri are used only with token_endpoint_auth_method private_key_jwt.",
    );
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
