// GET: companies (?q= name contains, ?after= the previous page's nextAfter), for the platform administrator:
// the /api/v1 row listCompanies, answered in this route's shape.
import type { z } from "zod";
import { handle, json, queryOf } from "@/lib/http";
import type { companyListOut } from "@/lib/management/schemas";
import { runAsViewer } from "@/lib/management/session-routes";
import { requirePlatformAdmin, requireViewerForRoute } from "@/lib/server/session";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    requirePlatformAdmin(viewer, "companies.read");
    const q = queryOf(request);
    const page = (await runAsViewer("listCompanies", viewer, request, { query: { q: q.q, cursor: q.after } })) as z.output<
      typeof companyListOut
    >;
    return json({ companies: page.items, nextAfter: page.nextCursor });
  });
}
