import "server-only";
// Notes an app's first access token (AppMilestone), which the client_credentials grant leaves no other
// trace of. Fire and forget from the token endpoint: never slows or fails a token request.
import { db } from "../db";
import { errorFields, logger } from "../observability/log";

const MAX_REMEMBERED = 10_000;
// memo: apps already noted by this instance, so a busy app costs one insert per instance, not one per token.
const noted = new Set<string>();

export function noteFirstToken(appId: string): void {
  if (noted.has(appId)) return;
  if (noted.size >= MAX_REMEMBERED) noted.clear();
  noted.add(appId);
  void db()
    .appMilestone.upsert({ where: { appId }, create: { appId }, update: {} })
    .catch((error: unknown) => {
      noted.delete(appId);
      logger().warn({ ...errorFields(error), appId }, "could not note the app's first token");
    });
}
