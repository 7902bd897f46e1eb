// GET: the active company's members with their roles (Delegated Administrators), and its pending invitations.
import { z } from "zod";
import { listPendingInvitations } from "@/lib/companies/invitations";
import { listMembers } from "@/lib/companies/members";
import { handle, json } from "@/lib/http";
import { actorOf, companyOr404, requireViewerForRoute } from "@/lib/server/session";
import { invitationOut, memberOut } from "@/lib/validation/company-output";

export function GET(): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const company = companyOr404(viewer, "members.read");
    const actor = actorOf(viewer);
    const [members, invitations] = await Promise.all([
      listMembers(actor, company.companyId),
      listPendingInvitations(actor, company.companyId),
    ]);
    return json({
      company: { id: company.companyId, name: company.companyName },
      members: z.array(memberOut).parse(members),
      invitations: z.array(invitationOut).parse(invitations),
    });
  });
}
