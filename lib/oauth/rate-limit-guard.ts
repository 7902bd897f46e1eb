import "server-only";
import { OAuthError } from "./errors";
import { limitClient } from "./rate-limit";

/** Throws a 429 (with Retry-After) when the client has used up its requests at this endpoint. */
export async function enforceClientRateLimit(endpoint: "token" | "revoke" | "introspect", clientId: string): Promise<void> {
  const result = await limitClient(endpoint, clientId);
  if (!result.allowed) {
    throw new OAuthError("invalid_request", `Too many requests from this client. Retry after ${result.retryAfterSeconds} seconds.`, {
      status: 429,
      headers: { "retry-after": String(result.retryAfterSeconds) },
    });
  }
}
