import "server-only";

/**
 * An app's OAuth client settings as the token service and the app's page both read them: the columns to
 * select, and their values with the rules applied (a public client always requires PKCE).
 */
export const clientSettingsSelect = {
  kind: true,
  clientType: true,
  requirePkce: true,
  requireDpop: true,
  requirePar: true,
  postLogoutRedirectUri: true,
  allowedOrigins: true,
  clientAuthMethod: true,
  jwks: true,
  jwksUri: true,
} as const;

export interface ClientSettings {
  /** Kind of app, null for apps registered without one (confidential, as before kinds existed). */
  kind: string | null;
  /** public: client_id only, PKCE S256 required (Single-page, Native / mobile, Device or CLI). */
  clientType: "confidential" | "public";
  requirePkce: boolean;
  requireDpop: boolean;
  requirePar: boolean;
  postLogoutRedirectUri: string | null;
  /** Allowed web origins (Single-page apps): CORS is answered for these only. */
  allowedOrigins: string[];
  /** client_secret, or private_key_jwt (RFC 7523: a signed client assertion, no secret). */
  clientAuthMethod: "client_secret" | "private_key_jwt";
  /** The app's public keys (private_key_jwt): a JWK Set's JSON, or where it is published. */
  jwks: string | null;
  jwksUri: string | null;
}

type ClientSettingsRow = Omit<ClientSettings, "clientType" | "allowedOrigins" | "clientAuthMethod"> & {
  clientType: string;
  allowedOrigins: string;
  clientAuthMethod: string;
};

export function clientSettingsOf(app: ClientSettingsRow): ClientSettings {
  return {
    kind: app.kind,
    clientType: app.clientType === "public" ? "public" : "confidential",
    requirePkce: app.clientType === "public" || app.requirePkce,
    requireDpop: app.requireDpop,
    requirePar: app.requirePar,
    postLogoutRedirectUri: app.postLogoutRedirectUri,
    allowedOrigins: app.allowedOrigins.split(" ").filter(Boolean),
    clientAuthMethod: app.clientAuthMethod === "private_key_jwt" ? "private_key_jwt" : "client_secret",
    jwks: app.jwks,
    jwksUri: app.jwksUri,
  };
}
