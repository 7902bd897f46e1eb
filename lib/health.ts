import "server-only";
import { db } from "./db";

/** True when the database answers a trivial query within two seconds. */
export async function databaseHealthy(): Promise<boolean> {
  try {
    await Promise.race([
      db().$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}
