import "server-only";
// Liveness, readiness and "is a dependency down?". /api/health says which dependency failed (503 when
// the database does not answer); /api/ready is for load balancers (503 while draining at shutdown or
// when the database does not answer). isUnavailableError() tells a dependency outage from a bug, so the
// token service and the APIs answer 503 + Retry-After instead of a 500.
import { pingDatabase } from "../db/ping";
import { env } from "../env";
import { limiterStoreHealthy } from "../limiter";
import { singleton } from "../runtime/singleton";

export { RETRY_AFTER_SECONDS, isUnavailableError } from "../http/unavailable";

function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timeout")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** True when the database answers a trivial query within two seconds. */
export async function databaseHealthy(): Promise<boolean> {
  try {
    await bounded(pingDatabase(), 2000);
    return true;
  } catch {
    return false;
  }
}

export type DependencyState = "ok" | "unavailable" | "not_configured";

export interface Health {
  ok: boolean;
  checks: { database: DependencyState; redis: DependencyState };
  failed: string[];
}

/** The state of each dependency. Only the database makes the console unhealthy (Redis fails open). */
export async function checkDependencies(): Promise<Health> {
  const [database, redis] = await Promise.all([
    databaseHealthy().then((ok): DependencyState => (ok ? "ok" : "unavailable")),
    env().redisUrl
      ? bounded(limiterStoreHealthy(), 2000).then(
          (ok): DependencyState => (ok ? "ok" : "unavailable"),
          (): DependencyState => "unavailable",
        )
      : Promise.resolve<DependencyState>("not_configured"),
  ]);
  const checks = { database, redis };
  return {
    ok: database === "ok",
    checks,
    failed: Object.entries(checks)
      .filter(([, s]) => s === "unavailable")
      .map(([name]) => name),
  };
}

const lifecycle = singleton("health.lifecycle", () => ({ draining: false }));

/** scripts/serve.ts calls this at SIGTERM: /api/ready answers 503 from then on. */
export function markDraining(): void {
  lifecycle.draining = true;
}

export function isDraining(): boolean {
  return lifecycle.draining;
}
