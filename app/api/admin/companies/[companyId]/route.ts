// GET: one company with its members, pending invitations, API access and apps (platform administrator).
import { getCompanyForAdmin } from "@/lib/companies/companies";
import { handle, json } from "@/lib/http";
import { actorOf, requirePlatformAdmin, requireViewerForRoute } from "@/lib/server/session";
import { companyDetailOut } from "@/lib/validation/company-output";

export function GET(_request: Request, { params }: { params: Promise<{ companyId: string }> }): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    requirePlatformAdmin(viewer, "companies.read");
    const { companyId } = await params;
    return json(companyDetailOut.parse(await getCompanyForAdmin(actorOf(viewer), companyId)));
  });
}
