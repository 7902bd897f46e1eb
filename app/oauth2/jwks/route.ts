import { preflight, registeredOriginHeaders } from "@/lib/oauth/cors";
import { publishedJwks } from "@/lib/oauth/keys";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  // Short caching: after a rotation, verifiers see the new key within a minute (the old one stays published).
  return Response.json(await publishedJwks(), {
    headers: {
      "content-type": "application/jwk-set+json",
      "cache-control": "public, max-age=60",
      ...(await registeredOriginHeaders(request.headers.get("origin"))),
    },
  });
}

export function OPTIONS(request: Request): Promise<Response> {
  return preflight(request, "GET");
}
