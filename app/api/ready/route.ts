import { databaseHealthy, isDraining } from "@/lib/observability/health";

export const dynamic = "force-dynamic";

// For load balancers: 200 {"status":"ready"} when this instance should get traffic; 503 while it drains
// at shutdown (SIGTERM) or when the database does not answer.
export async function GET(): Promise<Response> {
  const draining = isDraining();
  const ready = !draining && (await databaseHealthy());
  return Response.json(
    { status: ready ? "ready" : draining ? "draining" : "unavailable" },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store", ...(ready ? {} : { "retry-after": "5" }) } },
  );
}
