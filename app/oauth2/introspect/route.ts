import { OAuthError, oauthErrorResponse } from "@/lib/oauth/errors";
import { handleIntrospectionRequest } from "@/lib/oauth/introspect";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleIntrospectionRequest(request);
}

export function GET(): Response {
  return oauthErrorResponse(new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } }));
}
