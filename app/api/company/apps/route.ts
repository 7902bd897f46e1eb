// GET: the active company's apps with owner and status (Delegated Administrators), newest first, in cursor
// pages: ?cursor= (the previous page's next_cursor) and ?limit= (at most 100, the default).
import { z } from "zod";
import { companyAppsPage } from "@/lib/companies/app-ownership";
import { handle, json, queryOf } from "@/lib/http";
import { companyAppOut } from "@/lib/management/schemas";
import { jsonOut } from "@/lib/management/session-routes";
import { actorOf, companyOr404, requireViewerForRoute } from "@/lib/server/session";
import { parseInput } from "@/lib/validation/common";

const MAX_APPS = 100;
const appsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_APPS).optional(),
});

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const company = companyOr404(viewer, "apps.read.company");
    const { cursor, limit } = parseInput(appsQuery, queryOf(request));
    const page = await companyAppsPage(actorOf(viewer), company.companyId, { after: cursor, limit: limit ?? MAX_APPS });
    return json({
      company: { id: company.companyId, name: company.companyName },
      apps: jsonOut(z.array(companyAppOut), page.apps),
      next_cursor: page.nextCursor,
    });
  });
}
