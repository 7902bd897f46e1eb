import "server-only";
// The database layer's own liveness query (lib/observability/health.ts bounds it in time).
import { db } from "../db";

/** A trivial query: settles when the database answers. */
export function pingDatabase(): Promise<unknown> {
  return db().$queryRawUnsafe("SELECT 1");
}
