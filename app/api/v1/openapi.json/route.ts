// GET /api/v1/openapi.json: the management API's OpenAPI 3.1 document (public, generated from zod).
import { openApiDocument } from "@/lib/management/openapi";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
}
