// GET: every company's audit log (?event=&actor=&from=&to=&company=&cursor=), for the platform administrator.
import { z } from "zod";
import { listAuditEntries } from "@/lib/audit/query";
import { handle, json, queryOf } from "@/lib/http";
import { auditEntryOut } from "@/lib/management/schemas";
import { jsonOut } from "@/lib/management/session-routes";
import { actorOf, requirePlatformAdmin, requireViewerForRoute } from "@/lib/server/session";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    requirePlatformAdmin(viewer, "audit.read.all");
    const page = await listAuditEntries(actorOf(viewer), { allCompanies: true }, queryOf(request));
    return json({ entries: jsonOut(z.array(auditEntryOut), page.items), nextCursor: page.nextCursor });
  });
}
