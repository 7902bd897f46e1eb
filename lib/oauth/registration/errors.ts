import "server-only";
// RFC 7591 section 3.2.2 errors of dynamic client registration, and the registration form's refusals
// mapped onto them.
import { AppError } from "../../errors";
import { errorFields, logger } from "../../observability/log";

// ---------- RFC 7591 errors ----------
export type RegistrationErrorCode = "invalid_redirect_uri" | "invalid_client_metadata" | "invalid_token" | "invalid_request";

export class RegistrationError extends Error {
  constructor(
    readonly error: RegistrationErrorCode,
    readonly description: string,
    readonly status = error === "invalid_token" ? 401 : 400,
  ) {
    super(description);
  }
}

/** RFC 7591 section 3.2.2 / RFC 6750 answers. */
export function registrationErrorResponse(error: unknown): Response {
  if (!(error instanceof RegistrationError)) {
    logger().error(errorFields(error), "[oauth2/register] unhandled error");
    return Response.json(
      { error: "server_error", error_description: "Something went wrong on our side." },
      { status: 500, headers: { "cache-control": "no-store" } },
    );
  }
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (error.status === 401)
    headers["www-authenticate"] = `Bearer error="invalid_token", error_description="${error.description.replace(/"/g, "'")}"`;
  if (error.status === 429) headers["retry-after"] = "60";
  return Response.json({ error: error.error, error_description: error.description }, { status: error.status, headers });
}

/** The form's field errors → RFC 7591 errors (a Redirect URL problem is invalid_redirect_uri). */
export function metadataError(error: unknown): never {
  if (error instanceof RegistrationError) throw error;
  if (error instanceof AppError) {
    if (error.code === "validation" || error.code === "conflict") {
      const fields = error.fieldErrors ?? {};
      const text = Object.values(fields).flat().join(" ") || error.message;
      throw new RegistrationError(fields.redirectUri ? "invalid_redirect_uri" : "invalid_client_metadata", text);
    }
    if (error.code === "forbidden" || error.code === "unauthenticated" || error.code === "not_found")
      throw new RegistrationError("invalid_token", error.message);
    if (error.code === "rate_limited") throw new RegistrationError("invalid_request", error.message, 429);
  }
  throw error;
}
