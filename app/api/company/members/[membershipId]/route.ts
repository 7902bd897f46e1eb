// GET: one member of the active company, with the apps they own there. Another company's member is 404.
import { getMember } from "@/lib/companies/members";
import { handle, json } from "@/lib/http";
import { memberDetailOut } from "@/lib/management/schemas";
import { jsonOut } from "@/lib/management/session-routes";
import { actorOf, companyOr404, requireViewerForRoute } from "@/lib/server/session";

export function GET(_request: Request, { params }: { params: Promise<{ membershipId: string }> }): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const company = companyOr404(viewer, "members.read");
    const { membershipId } = await params;
    const member = await getMember(actorOf(viewer), company.companyId, membershipId);
    return json(jsonOut(memberDetailOut, { ...member, apps: member.allApps }));
  });
}
