import "server-only";
// The counts behind plans. With REDIS_URL every count lives in Redis (one Lua script checks and counts
// all of a call's windows at once, so the limits hold across instances). Without it, the rate counts in
// this process's memory and the quotas in the database: each process keeps the count it read plus the
// calls it has not written yet, and adds them to QuotaCounter in one batch every second (and at
// shutdown: flushQuotaCounters), so a restart does not reset a day's quota and no call writes a row.
// Counting never fails a call: a store that does not answer is logged and the call is allowed.
import { db, isUniqueViolation } from "../db";
import { sharedRedis } from "../limiter";
import { errorFields, logger } from "../observability/log";
import { singleton } from "../runtime/singleton";
import type { Window } from "./windows";

export interface Counted {
  /** The counts before this call, one per window. */
  before: number[];
  /** Whether the call was counted (every window had room). */
  counted: boolean;
}

// Checks every window, then counts the call in all of them only when each has room.
// KEYS: one per window; ARGV: limit and time-to-live (s) per window.
const SCRIPT = `
local counts = {}
local full = 0
for i, key in ipairs(KEYS) do
  local c = tonumber(redis.call('GET', key) or '0')
  counts[i] = c
  if c >= tonumber(ARGV[2 * i - 1]) then full = 1 end
end
if full == 0 then
  for i, key in ipairs(KEYS) do
    if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, tonumber(ARGV[2 * i])) end
  end
end
table.insert(counts, 1, full)
return counts`;

function redisKey(appId: string, apiId: string, w: Window): string {
  return `plan:${appId}:${apiId}:${w.key}`;
}

async function countInRedis(appId: string, apiId: string, windows: readonly Window[]): Promise<Counted | null> {
  const redis = await sharedRedis();
  if (!redis) return null;
  const keys = windows.map((w) => redisKey(appId, apiId, w));
  const args = windows.flatMap((w) => [String(w.limit), String(w.secondsLeft + 60)]);
  const reply = (await redis.eval(SCRIPT, keys.length, ...keys, ...args)) as number[];
  return { counted: reply[0] === 0, before: reply.slice(1).map(Number) };
}

// ---- memory (rate) -------------------------------------------------------------------------------

const rates = singleton("plans.rates", () => ({ minute: 0, counts: new Map<string, number>() }));

/** The rate's count in its UTC minute (`w.key` is `r:<minute since the epoch>`). */
function rateKey(appId: string, apiId: string, w: Window): string {
  const minute = Number(w.key.slice(2));
  if (minute > rates.minute) {
    rates.minute = minute;
    rates.counts.clear(); // the earlier minutes' counts are over
  }
  return `${appId}:${apiId}:${w.key}`;
}

// ---- database (quotas) ---------------------------------------------------------------------------

interface QuotaCell {
  appId: string;
  apiId: string;
  window: string;
  /** The row's count as last read or written. */
  base: number;
  /** Calls being written now. */
  inflight: number;
  /** Calls not written yet. */
  pending: number;
  readAt: number;
  loading: Promise<void> | null;
}

const REFRESH_MS = 5_000; // other instances' calls show within this (without Redis)
const FLUSH_MS = 1_000;

const quotas = singleton("plans.quotas", () => ({
  cells: new Map<string, QuotaCell>(),
  timer: null as NodeJS.Timeout | null,
  flushing: null as Promise<void> | null,
}));

function countOf(cell: QuotaCell): number {
  return cell.base + cell.inflight + cell.pending;
}

async function load(cell: QuotaCell): Promise<void> {
  const row = await db().quotaCounter.findUnique({
    where: { appId_apiId_window: { appId: cell.appId, apiId: cell.apiId, window: cell.window } },
    select: { calls: true },
  });
  // A flush may have finished meanwhile: never go below what this process has written.
  cell.base = Math.max(cell.base, row?.calls ?? 0);
  cell.readAt = Date.now();
}

async function quotaCell(appId: string, apiId: string, window: string): Promise<QuotaCell> {
  const key = `${appId}:${apiId}:${window}`;
  let cell = quotas.cells.get(key);
  if (!cell) {
    cell = { appId, apiId, window, base: 0, inflight: 0, pending: 0, readAt: 0, loading: null };
    quotas.cells.set(key, cell);
  }
  if (cell.pending === 0 && cell.inflight === 0 && Date.now() - cell.readAt > REFRESH_MS) {
    const c = cell;
    c.loading ??= load(c).finally(() => {
      c.loading = null;
    });
  }
  if (cell.loading && cell.readAt === 0) await cell.loading; // the first read must finish; later ones refresh behind
  return cell;
}

function scheduleFlush(): void {
  quotas.timer ??= setTimeout(() => {
    quotas.timer = null;
    void flushQuotaCounters();
  }, FLUSH_MS).unref();
}

/** Adds `n` calls to a window's row (made when missing; two makers at once: the loser adds to the winner's row). */
export async function addToCounter(appId: string, apiId: string, window: string, n: number): Promise<{ calls: number }> {
  const upsert = () =>
    db().quotaCounter.upsert({
      where: { appId_apiId_window: { appId, apiId, window } },
      create: { appId, apiId, window, calls: n },
      update: { calls: { increment: n } },
      select: { calls: true },
    });
  try {
    return await upsert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return upsert();
  }
}

async function writeCell(cell: QuotaCell): Promise<void> {
  const n = cell.pending;
  cell.pending = 0;
  cell.inflight += n;
  try {
    const row = await addToCounter(cell.appId, cell.apiId, cell.window, n);
    cell.base = row.calls;
    cell.readAt = Date.now();
  } catch (error) {
    cell.pending += n; // kept for the next flush
    throw error;
  } finally {
    cell.inflight -= n;
  }
}

/** Writes every count not written yet (every second, and at shutdown). */
export async function flushQuotaCounters(): Promise<void> {
  while (quotas.flushing) await quotas.flushing;
  const run = (async () => {
    const now = Date.now();
    for (const [key, cell] of quotas.cells) {
      if (cell.pending > 0) {
        try {
          await writeCell(cell);
        } catch (error) {
          logger().error({ ...errorFields(error) }, "plans: could not write quota counts; kept for the next try");
          scheduleFlush();
        }
      } else if (cell.inflight === 0 && now - cell.readAt > 10 * 60_000) {
        quotas.cells.delete(key); // idle: read again when next used
      }
    }
  })();
  quotas.flushing = run;
  try {
    await run;
  } finally {
    quotas.flushing = null;
  }
}

/**
 * Counts one call of an app to an API in every window of its plan, unless one of them is full.
 * Redis when configured; memory (rate) and the database (quotas) otherwise.
 */
export async function countCall(appId: string, apiId: string, windows: readonly Window[]): Promise<Counted> {
  try {
    const inRedis = await countInRedis(appId, apiId, windows);
    if (inRedis) return inRedis;
  } catch (error) {
    logger().error({ ...errorFields(error) }, "plans: Redis unavailable; the call is allowed and not counted");
    return { counted: false, before: windows.map(() => 0) };
  }
  const cells: (QuotaCell | null)[] = [];
  for (const w of windows) cells.push(w.policy === "minute" ? null : await quotaCell(appId, apiId, w.key));
  // From here on synchronous: no other call of this process counts in between.
  const keys = windows.map((w) => (w.policy === "minute" ? rateKey(appId, apiId, w) : ""));
  const before = windows.map((w, i) => {
    const cell = cells[i];
    return cell ? countOf(cell) : (rates.counts.get(keys[i]!) ?? 0);
  });
  const full = windows.some((w, i) => before[i]! >= w.limit);
  if (!full) {
    windows.forEach((w, i) => {
      const cell = cells[i];
      if (cell) cell.pending++;
      else rates.counts.set(keys[i]!, (rates.counts.get(keys[i]!) ?? 0) + 1);
    });
    if (cells.some(Boolean)) scheduleFlush();
  }
  return { counted: !full, before };
}

/** The calls counted so far in a quota window (the developer's Usage tab, the management API). */
export async function quotaCount(appId: string, apiId: string, window: string): Promise<number> {
  const redis = await sharedRedis().catch(() => null);
  if (redis) {
    const v = await redis.get(`plan:${appId}:${apiId}:${window}`).catch(() => null);
    return Number(v ?? 0);
  }
  const cell = quotas.cells.get(`${appId}:${apiId}:${window}`);
  const row = await db().quotaCounter.findUnique({ where: { appId_apiId_window: { appId, apiId, window } }, select: { calls: true } });
  const stored = row?.calls ?? 0;
  // This process's calls not written yet count too (other processes write theirs within a second).
  return cell ? Math.max(stored, countOf(cell)) : stored;
}

/** Forgets this process's counts (tests). */
export function resetPlanCounters(): void {
  rates.counts.clear();
  quotas.cells.clear();
}
