// POST /oauth2/register: RFC 7591 dynamic client registration with an initial access token.
// Thin: limits, JSON, then lib/oauth/registration/client-registration.ts; RFC 7591 error JSON.
import { hit } from "@/lib/limiter";
import { readRegistrationJson, registerClient } from "@/lib/oauth/registration/client-registration";
import { RegistrationError, registrationErrorResponse } from "@/lib/oauth/registration/errors";
import { contextFromHeaders } from "@/lib/server/request-context";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  try {
    const ctx = contextFromHeaders(request.headers);
    const limit = await hit("dynamicRegistration", ctx.ip);
    if (!limit.ok) throw new RegistrationError("invalid_request", "Too many registration requests. Try again later.", 429);
    const info = await registerClient(request, await readRegistrationJson(request), ctx);
    return Response.json(info, {
      status: 201,
      headers: { "cache-control": "no-store", pragma: "no-cache", location: String(info.registration_client_uri) },
    });
  } catch (error) {
    return registrationErrorResponse(error);
  }
}
