import { registeredOriginHeaders } from "@/lib/oauth/cors";
import { openIdConfiguration } from "@/lib/oauth/metadata";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return Response.json(await openIdConfiguration(), {
    headers: { "cache-control": "public, max-age=300", ...(await registeredOriginHeaders(request.headers.get("origin"))) },
  });
}
