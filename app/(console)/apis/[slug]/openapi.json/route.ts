// GET /apis/<slug>/openapi.json: the API's OpenAPI document as a download, for a signed-in viewer who
// may see the API (like the reference page); 404 otherwise, and when the API has no document. An API
// behind the gateway gets its gateway address as `servers`.
import { getApi } from "@/lib/apis/catalog";
import { publishedOpenApi } from "@/lib/apis/openapi";
import { catalogScopeFor } from "@/lib/apis/scope";
import { getViewer } from "@/lib/server/session";

const notFound = () =>
  new Response(JSON.stringify({ error: "not_found" }), { status: 404, headers: { "content-type": "application/json" } });

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await getViewer();
  if (!viewer)
    return new Response(JSON.stringify({ error: "unauthenticated" }), { status: 401, headers: { "content-type": "application/json" } });
  const scope = catalogScopeFor(viewer);
  if (!scope) return notFound();
  const api = await getApi(scope, slug).catch(() => null);
  if (!api?.openapi) return notFound();
  return new Response(JSON.stringify(publishedOpenApi({ ...api, openapi: api.openapi }), null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${api.slug}-openapi.json"`,
      "cache-control": "private, no-store",
    },
  });
}
