import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import { resolveUsageScope } from "@/lib/metrics/access";
import { parseRange, usageCsv, usageReport } from "@/lib/metrics/queries";
import { getViewer } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** CSV of a usage report; the same visibility rules as the pages (checked here again). */
export async function GET(request: Request): Promise<Response> {
  try {
    const viewer = await getViewer();
    if (!viewer) throw new AppError("unauthenticated", "Sign in to export usage.");
    const q = new URL(request.url).searchParams;
    const resolved = await resolveUsageScope(viewer, {
      app: q.get("app"),
      company: q.get("company"),
      api: q.get("api"),
      all: q.get("all"),
    });
    const range = parseRange(q.get("range"));
    const csv = usageCsv(await usageReport(resolved.scope, range));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${resolved.filename}-${range}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
