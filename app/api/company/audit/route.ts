// GET: the active company's audit log (?event=&actor=&from=&to=&cursor=), newest first, 50 a page.
import { z } from "zod";
import { listAuditEntries } from "@/lib/audit/query";
import { handle, json, queryOf } from "@/lib/http";
import { auditEntryOut } from "@/lib/management/schemas";
import { jsonOut } from "@/lib/management/session-routes";
import { actorOf, companyOr404, requireViewerForRoute } from "@/lib/server/session";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const company = companyOr404(viewer, "audit.read.company");
    const { company: _ignored, ...filters } = queryOf(request);
    const page = await listAuditEntries(actorOf(viewer), { companyId: company.companyId }, filters);
    return json({ entries: jsonOut(z.array(auditEntryOut), page.items), nextCursor: page.nextCursor });
  });
}
