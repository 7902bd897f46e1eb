// GET: companies (?q= name contains, ?after= the previous page's nextAfter), for the platform administrator.
import { z } from "zod";
import { listCompanies } from "@/lib/companies/companies";
import { handle, json, queryOf } from "@/lib/http";
import { actorOf, requirePlatformAdmin, requireViewerForRoute } from "@/lib/server/session";
import { companyRowOut } from "@/lib/validation/company-output";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    requirePlatformAdmin(viewer, "companies.read");
    const q = queryOf(request);
    const page = await listCompanies(actorOf(viewer), { q: q.q, after: q.after });
    return json({ companies: z.array(companyRowOut).parse(page.items), nextAfter: page.nextAfter });
  });
}
