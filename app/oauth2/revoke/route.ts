import { OAuthError, oauthErrorResponse } from "@/lib/oauth/errors";
import { handleRevocationRequest } from "@/lib/oauth/revoke";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleRevocationRequest(request);
}

export function GET(): Response {
  return oauthErrorResponse(new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } }));
}
