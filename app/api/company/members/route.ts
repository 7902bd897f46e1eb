// GET: the active company's members with their roles (Delegated Administrators), and its pending invitations:
// the /api/v1 rows listMembers and listInvitations, answered in this route's shape.
import type { z } from "zod";
import { handle, json } from "@/lib/http";
import type { invitationListOut, memberListOut } from "@/lib/management/schemas";
import { runAsViewer } from "@/lib/management/session-routes";
import { companyOr404, requireViewerForRoute } from "@/lib/server/session";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const company = companyOr404(viewer, "members.read");
    const [members, invitations] = (await Promise.all([
      runAsViewer("listMembers", viewer, request),
      runAsViewer("listInvitations", viewer, request),
    ])) as [z.output<typeof memberListOut>, z.output<typeof invitationListOut>];
    return json({ company: { id: company.companyId, name: company.companyName }, members: members.items, invitations: invitations.items });
  });
}
