import { preflight } from "@/lib/oauth/cors";
import { OAuthError, oauthErrorResponse } from "@/lib/oauth/errors";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleTokenRequest(request);
}

export function GET(): Response {
  return oauthErrorResponse(new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } }));
}

/** CORS preflight from a Single-page app's allowed web origin. */
export function OPTIONS(request: Request): Promise<Response> {
  return preflight(request, "POST");
}
