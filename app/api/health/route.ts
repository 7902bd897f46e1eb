import { checkDependencies } from "@/lib/observability/health";

export const dynamic = "force-dynamic";

// Liveness and dependencies: 200 {"status":"ok", …} once the database answers, 503 otherwise; `checks`
// says the state of each dependency and `failed` names the ones that do not answer.
export async function GET(): Promise<Response> {
  const health = await checkDependencies();
  return Response.json(
    { status: health.ok ? "ok" : "unavailable", checks: health.checks, failed: health.failed },
    { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store", ...(health.ok ? {} : { "retry-after": "5" }) } },
  );
}
