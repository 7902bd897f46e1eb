// GET: every app of the active company with its owner and status (Delegated Administrators).
import { z } from "zod";
import { listCompanyApps } from "@/lib/companies/app-ownership";
import { handle, json } from "@/lib/http";
import { actorOf, companyOr404, requireViewerForRoute } from "@/lib/server/session";
import { appOut } from "@/lib/validation/company-output";

export function GET(): Promise<Response> {
  return handle(async () => {
    const viewer = await requireViewerForRoute();
    const company = companyOr404(viewer, "apps.read.company");
    const apps = await listCompanyApps(actorOf(viewer), company.companyId);
    return json({ company: { id: company.companyId, name: company.companyName }, apps: z.array(appOut).parse(apps) });
  });
}
