import "server-only";
// OAuth errors and responses. The token, revocation and introspection endpoints answer only the
// error codes of RFC 6749 section 5.2, as JSON, with Cache-Control: no-store and Pragma: no-cache.
import { type HttpAnswer, toResponse } from "../http/answer";
import { BodyTooLarge } from "../http/body";
import { isUnavailableError, RETRY_AFTER_SECONDS } from "../http/unavailable";
import { errorFields, logger } from "../observability/log";

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

/** A 429 with Retry-After (RFC 6585), in RFC 6749 5.2 shape. */
export function tooManyRequests(message: string, retryAfterSeconds: number): OAuthError {
  return new OAuthError("invalid_request", `${message} Retry after ${retryAfterSeconds} seconds.`, {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

export function oauthJson(body: unknown, status = 200, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { ...NO_STORE_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/**
 * The JSON error answer for anything thrown while serving a token-service endpoint: an OAuthError as
 * it says; an oversized body 413; a dependency outage (database unreachable) 503 with Retry-After and
 * `temporarily_unavailable` (the OAuth error registry's code for it); anything else a generic 500.
 */
export function oauthError(error: unknown): HttpAnswer {
  if (error instanceof OAuthError) {
    return oauthJson({ error: error.code, error_description: error.description }, error.status, error.options.headers);
  }
  if (error instanceof BodyTooLarge) {
    return oauthJson({ error: "invalid_request", error_description: `The request body is limited to ${error.limit} bytes.` }, 413, {
      connection: "close",
    });
  }
  if (isUnavailableError(error)) {
    logger().error(errorFields(error), "token service: a dependency is unavailable");
    return oauthJson({ error: "temporarily_unavailable", error_description: "The service is temporarily unavailable. Retry later." }, 503, {
      "retry-after": String(RETRY_AFTER_SECONDS),
    });
  }
  logger().error(errorFields(error), "token service: unhandled error");
  // RFC 6749 5.2 has no server error code; the status says it, the code stays one of 5.2's.
  return oauthJson({ error: "invalid_request", error_description: "The server could not handle the request. Try again." }, 500);
}

export function oauthErrorResponse(error: unknown): Response {
  return toResponse(oauthError(error));
}
