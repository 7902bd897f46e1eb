import "server-only";
import { lruCache } from "../cache";
// Server-side sessions. The Auth.js JWT carries a session id; every request checks that row (revoked?
// past its absolute lifetime? idle too long?) through a short in-process cache that this process
// forgets at once when it ends a session. Sign-out, "Sign out everywhere", a password change or reset
// end sessions for good: a copied cookie is refused afterwards.
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { newId } from "../ids";
import type { RequestContext } from "../server/request-context";

const CACHE_MS = 5_000;
const TOUCH_MS = 60_000;
// One LRU per process (lib/cache: both copies of lib/ share it); an entry counts for CACHE_MS.
const cache = lruCache<string, { ok: boolean; userId: string; at: number }>("users.sessions", 10_000);

export async function createSession(userId: string, ctx: RequestContext, now = new Date()): Promise<string> {
  const id = newId("session");
  await db().session.create({
    data: {
      id,
      userId,
      ip: ctx.ip.slice(0, 64),
      userAgent: ctx.userAgent.slice(0, 256),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + env().sessionMaxAgeSeconds * 1000),
    },
  });
  return id;
}

/** Whether the session is live for the user (cached a few seconds; touches lastSeenAt once a minute). */
export async function sessionIsLive(sessionId: string, userId: string, now = new Date()): Promise<boolean> {
  const hit = cache.get(sessionId);
  if (hit && now.getTime() - hit.at < CACHE_MS) return hit.ok && hit.userId === userId;
  const row = await db().session.findUnique({ where: { id: sessionId } });
  const idleLimit = env().sessionIdleSeconds * 1000;
  const ok = Boolean(
    row && row.userId === userId && !row.revokedAt && row.expiresAt > now && now.getTime() - row.lastSeenAt.getTime() < idleLimit,
  );
  if (ok && row && now.getTime() - row.lastSeenAt.getTime() > TOUCH_MS) {
    await db().session.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  cache.set(sessionId, { ok, userId: row?.userId ?? "", at: now.getTime() });
  return ok;
}

function forget(ids: string[]): void {
  for (const id of ids) cache.delete(id);
}

export interface SessionRow {
  id: string;
  ip: string;
  userAgent: string;
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** A short name of the browser and system from the user agent. */
export function deviceOf(userAgent: string): string {
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : /curl\//.test(ua)
            ? "curl"
            : ua
              ? "Browser"
              : "Unknown device";
  const os = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return os ? `${browser} on ${os}` : browser;
}

/** The person's live sessions, newest first. */
export async function listSessions(userId: string, currentId: string | null, now = new Date()): Promise<SessionRow[]> {
  const idle = new Date(now.getTime() - env().sessionIdleSeconds * 1000);
  const rows = await db().session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idle } },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    ip: r.ip,
    userAgent: r.userAgent,
    device: deviceOf(r.userAgent),
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    current: r.id === currentId,
  }));
}

/** Ends one of the person's sessions (another person's is not found). */
export async function endSession(userId: string, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length > 40) throw new AppError("not_found", "That session was not found.");
  const done = await db().session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  forget([sessionId]);
  if (done.count === 0) throw new AppError("not_found", "That session was not found or has already ended.");
}

/** Ends every session of the person, except `keep` when given. */
export async function endSessions(userId: string, opts: { keep?: string | null } = {}): Promise<number> {
  const rows = await db().session.findMany({
    where: { userId, revokedAt: null, ...(opts.keep ? { id: { not: opts.keep } } : {}) },
    select: { id: true },
  });
  if (rows.length === 0) return 0;
  await db().session.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: new Date() } });
  forget(rows.map((r) => r.id));
  return rows.length;
}

/** Sign-out: this session ends for good. */
export async function endCurrentSession(sessionId: string | null | undefined): Promise<void> {
  if (!sessionId) return;
  await db().session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  forget([sessionId]);
}
