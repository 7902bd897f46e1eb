// GET / PUT / DELETE /oauth2/register/<client_id>: RFC 7592 client configuration with the registration
// access token. Thin: lib/oauth/registration/client-registration.ts decides.
import { deleteClient, readClient, readRegistrationJson, updateClient } from "@/lib/oauth/registration/client-registration";
import { registrationErrorResponse } from "@/lib/oauth/registration/errors";
import { contextFromHeaders } from "@/lib/server/request-context";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ clientId: string }> };
const noStore = { "cache-control": "no-store", pragma: "no-cache" };

export async function GET(request: Request, { params }: Ctx): Promise<Response> {
  try {
    return Response.json(await readClient(request, (await params).clientId), { headers: noStore });
  } catch (error) {
    return registrationErrorResponse(error);
  }
}

export async function PUT(request: Request, { params }: Ctx): Promise<Response> {
  try {
    const info = await updateClient(
      request,
      (await params).clientId,
      await readRegistrationJson(request),
      contextFromHeaders(request.headers),
    );
    return Response.json(info, { headers: noStore });
  } catch (error) {
    return registrationErrorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: Ctx): Promise<Response> {
  try {
    await deleteClient(request, (await params).clientId, contextFromHeaders(request.headers));
    return new Response(null, { status: 204, headers: noStore });
  } catch (error) {
    return registrationErrorResponse(error);
  }
}
