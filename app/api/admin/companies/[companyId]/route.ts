// GET: one company with its members, pending invitations, API access and apps (platform administrator):
// the /api/v1 row getCompany.
import { handle, json } from "@/lib/http";
import { runAsViewer } from "@/lib/management/session-routes";
import { requirePlatformAdmin, requireViewerForRoute } from "@/lib/server/session";

export function GET(request: Request, { params }: { params: Promise<{ companyId: string }> }): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    requirePlatformAdmin(viewer, "companies.read");
    const { companyId } = await params;
    return json(await runAsViewer("getCompany", viewer, request, { params: { companyId } }));
  });
}
