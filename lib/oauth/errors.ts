import "server-only";
// OAuth errors and responses. The token, revocation and introspection endpoints answer only the
// error codes of RFC 6749 section 5.2, as JSON, with Cache-Control: no-store and Pragma: no-cache.
export const TOKEN_ERROR_CODES = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  // RFC 8628 3.5 (device flow polling), RFC 8707 2, RFC 9449 (DPoP)
  "authorization_pending",
  "slow_down",
  "expired_token",
  "access_denied",
  "invalid_target",
  "invalid_dpop_proof",
  "use_dpop_nonce",
] as const;
export type TokenErrorCode = (typeof TOKEN_ERROR_CODES)[number];

/** Errors of the authorization endpoint's redirect (RFC 6749 4.1.2.1 / 4.2.2.1). */
export type AuthorizeErrorCode =
  | "invalid_request"
  | "unauthorized_client"
  | "access_denied"
  | "unsupported_response_type"
  | "invalid_scope"
  | "server_error"
  | "temporarily_unavailable"
  // OpenID Connect Core 3.1.2.6
  | "login_required"
  | "consent_required"
  | "interaction_required"
  // RFC 8707
  | "invalid_target";

export class OAuthError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    readonly description: string,
    readonly options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(description);
    this.name = "OAuthError";
  }

  get status(): number {
    return this.options.status ?? (this.code === "invalid_client" ? 401 : 400);
  }
}

export const NO_STORE_HEADERS = {
  "content-type": "application/json;charset=UTF-8",
  "cache-control": "no-store",
  pragma: "no-cache",
} as const;

/** A transport-neutral HTTP answer: the Next.js routes and the fast token path (scripts/serve.ts) send it. */
export interface OAuthHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): OAuthHttpResponse {
  return { status, headers: { ...NO_STORE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The JSON error answer for anything thrown while serving a token-service endpoint. */
export function oauthError(error: unknown): OAuthHttpResponse {
  if (error instanceof OAuthError) {
    return oauthJson({ error: error.code, error_description: error.description }, error.status, error.options.headers);
  }
  console.error("[oauth] unhandled error", error);
  // RFC 6749 5.2 has no server error code; the status says it, the code stays one of 5.2's.
  return oauthJson({ error: "invalid_request", error_description: "The server could not handle the request. Try again." }, 500);
}

export function toWebResponse(r: OAuthHttpResponse): Response {
  return new Response(r.body, { status: r.status, headers: r.headers });
}

export function oauthErrorResponse(error: unknown): Response {
  return toWebResponse(oauthError(error));
}
