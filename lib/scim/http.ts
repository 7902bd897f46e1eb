import "server-only";
// The one wrapper of the SCIM routes: bearer token (limited guessing) → the operation, inside
// withAuditVia(scim_token) so every audit entry names the token → SCIM JSON (application/scim+json);
// errors as RFC 7644 3.12 bodies, never a raw message for an unexpected one.
import { withAuditVia } from "../audit";
import { env } from "../env";
import { logger } from "../observability/log";
import { contextFromHeaders, type RequestContext } from "../server/request-context";
import { authenticateScim, ScimAuthError, type ScimCaller } from "./tokens";
import { ERROR_SCHEMA, ScimError } from "./users";

const HEADERS = { "content-type": "application/scim+json", "cache-control": "no-store" };

export const scimBaseUrl = () => `${env().consoleUrl}/scim/v2`;

export function scimJson(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

function scimError(status: number, detail: string, scimType?: string, extra: Record<string, string> = {}): Response {
  return scimJson({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail }, status, extra);
}

export async function readScimBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 100_000) throw new ScimError(413, "The request body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new ScimError(400, "The body is not JSON.", "invalidSyntax");
  }
}

export async function scimRoute(request: Request, work: (caller: ScimCaller, ctx: RequestContext) => Promise<Response>): Promise<Response> {
  const ctx = contextFromHeaders(request.headers);
  try {
    const caller = await authenticateScim(request.headers.get("authorization"), ctx.ip);
    return await withAuditVia({ kind: "scim_token", id: caller.tokenId }, () => work(caller, ctx));
  } catch (error) {
    if (error instanceof ScimAuthError) {
      return error.status === 401
        ? scimError(401, error.message, undefined, { "www-authenticate": 'Bearer realm="scim"' })
        : scimError(429, error.message, undefined, { "retry-after": String(error.retryAfterSeconds) });
    }
    if (error instanceof ScimError) return scimError(error.status, error.detail, error.scimType);
    logger().error({ err: error }, "[scim] unhandled error");
    return scimError(500, "Something went wrong on our side.");
  }
}
