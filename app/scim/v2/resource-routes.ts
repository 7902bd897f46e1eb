// The handlers of a SCIM 2.0 resource type (Users, Groups; RFC 7644), built once from its module's
// operations: every handler goes through scimRoute (bearer token, audit, SCIM errors) and answers
// SCIM JSON, so the two resource types cannot answer differently.
import { readScimBody, scimBaseUrl, scimJson, scimRoute } from "@/lib/scim/http";
import type { ScimCaller } from "@/lib/scim/tokens";
import type { RequestContext } from "@/lib/server/request-context";

type Params = { params: Promise<{ id: string }> };

/** The collection: list with filter (GET), create (POST, 201 with its location). */
export function scimCollectionRoutes(ops: {
  list: (caller: ScimCaller, query: URLSearchParams, baseUrl: string) => Promise<unknown>;
  create: (caller: ScimCaller, input: unknown, baseUrl: string, ctx: RequestContext) => Promise<{ meta: { location: string } }>;
}) {
  return {
    GET(request: Request): Promise<Response> {
      return scimRoute(request, async (caller) => scimJson(await ops.list(caller, new URL(request.url).searchParams, scimBaseUrl())));
    },
    POST(request: Request): Promise<Response> {
      return scimRoute(request, async (caller, ctx) => {
        const created = await ops.create(caller, await readScimBody(request), scimBaseUrl(), ctx);
        return scimJson(created, 201, { location: created.meta.location });
      });
    },
  };
}

/** One resource: read (GET), PATCH, PUT, DELETE (204). */
export function scimResourceRoutes(ops: {
  get: (caller: ScimCaller, id: string, baseUrl: string, query: URLSearchParams) => Promise<unknown>;
  patch: (caller: ScimCaller, id: string, input: unknown, baseUrl: string, ctx: RequestContext) => Promise<unknown>;
  replace: (caller: ScimCaller, id: string, input: unknown, baseUrl: string, ctx: RequestContext) => Promise<unknown>;
  remove: (caller: ScimCaller, id: string, ctx: RequestContext) => Promise<unknown>;
}) {
  return {
    async GET(request: Request, { params }: Params): Promise<Response> {
      const { id } = await params;
      return scimRoute(request, async (caller) => scimJson(await ops.get(caller, id, scimBaseUrl(), new URL(request.url).searchParams)));
    },
    async PATCH(request: Request, { params }: Params): Promise<Response> {
      const { id } = await params;
      return scimRoute(request, async (caller, ctx) =>
        scimJson(await ops.patch(caller, id, await readScimBody(request), scimBaseUrl(), ctx)),
      );
    },
    async PUT(request: Request, { params }: Params): Promise<Response> {
      const { id } = await params;
      return scimRoute(request, async (caller, ctx) =>
        scimJson(await ops.replace(caller, id, await readScimBody(request), scimBaseUrl(), ctx)),
      );
    },
    async DELETE(request: Request, { params }: Params): Promise<Response> {
      const { id } = await params;
      return scimRoute(request, async (caller, ctx) => {
        await ops.remove(caller, id, ctx);
        return new Response(null, { status: 204 });
      });
    },
  };
}
