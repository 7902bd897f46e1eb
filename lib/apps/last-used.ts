import "server-only";
// "Last used": when a token was last issued to an app (and with which of its secrets), and to which
// address. Recorded without slowing the token endpoint: recordLastUse() only sets an entry in a
// process-wide map (one per app, one per secret digest: the latest time wins); a timer writes the
// map every FLUSH_INTERVAL_MS with one conditional UPDATE per app and secret (only when the stored
// time is older, so several instances never move it back), and flushLastUsed() runs at shutdown
// (scripts/serve.ts). A failed write keeps the entries for the next try. Stale apps (lib/apps/stale.ts)
// are judged from App.lastUsedAt.
import { db } from "../db";
import { errorFields, logger } from "../observability/log";
import { singleton } from "../runtime/singleton";

export const LAST_USED_FLUSH_INTERVAL_MS = 5_000;
/** The buffer is written at once past this many entries. */
const MAX_ENTRIES = 10_000;

interface Use {
  at: number;
  ip: string;
}

interface Buffer {
  apps: Map<string, Use>;
  /** key: `${appId} ${secretDigest}` */
  secrets: Map<string, Use>;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
}

const buffer = singleton<Buffer>("apps.lastUsed", () => ({ apps: new Map(), secrets: new Map(), timer: null, flushing: null }));

function keep(map: Map<string, Use>, key: string, use: Use): void {
  const seen = map.get(key);
  if (!seen || seen.at <= use.at) map.set(key, use);
}

/**
 * Notes that a token was issued to `appId` for a request from `ip`, authenticated with the secret whose
 * digest is `secretDigest` (as client authentication matched it; null for public clients and other
 * methods). Memory only.
 */
export function recordLastUse(appId: string, ip: string, secretDigest: string | null, at = Date.now()): void {
  const use = { at, ip: ip.slice(0, 64) };
  keep(buffer.apps, appId, use);
  if (secretDigest) keep(buffer.secrets, `${appId} ${secretDigest}`, use);
  if (buffer.apps.size + buffer.secrets.size >= MAX_ENTRIES) void flushLastUsed().catch(() => undefined);
  else schedule();
}

function schedule(): void {
  if (buffer.timer) return;
  buffer.timer = setTimeout(() => {
    buffer.timer = null;
    flushLastUsed().catch((error) => logger().error(errorFields(error), "last used: write failed; kept for the next try"));
  }, LAST_USED_FLUSH_INTERVAL_MS);
  buffer.timer.unref();
}

/** The entries not written yet (tests, shutdown log). */
export function pendingLastUsed(): number {
  return buffer.apps.size + buffer.secrets.size;
}

/** Writes everything buffered. Concurrent callers share one write. */
export async function flushLastUsed(): Promise<void> {
  while (buffer.flushing) await buffer.flushing;
  if (!buffer.apps.size && !buffer.secrets.size) return;
  const apps = buffer.apps;
  const secrets = buffer.secrets;
  buffer.apps = new Map();
  buffer.secrets = new Map();
  const run = write(apps, secrets)
    .catch((error) => {
      for (const [k, u] of apps) keep(buffer.apps, k, u);
      for (const [k, u] of secrets) keep(buffer.secrets, k, u);
      schedule();
      throw error;
    })
    .finally(() => {
      buffer.flushing = null;
    });
  buffer.flushing = run;
  await run;
}

async function write(apps: Map<string, Use>, secrets: Map<string, Use>): Promise<void> {
  const client = db();
  const older = (at: Date) => ({ OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] });
  await client.$transaction([
    ...[...apps].map(([appId, u]) => {
      const at = new Date(u.at);
      return client.app.updateMany({ where: { id: appId, ...older(at) }, data: { lastUsedAt: at, lastUsedIp: u.ip } });
    }),
    ...[...secrets].map(([key, u]) => {
      const [appId, secretDigest] = key.split(" ") as [string, string];
      const at = new Date(u.at);
      return client.clientSecret.updateMany({
        where: { appId, digest: secretDigest, ...older(at) },
        data: { lastUsedAt: at, lastUsedIp: u.ip },
      });
    }),
  ]);
}
