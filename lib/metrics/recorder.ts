import "server-only";
// Counts API calls without slowing them: record() only touches an in-memory map; a timer writes the
// buffered counters in one transaction of upserts with increments (atomic on both databases, so
// several instances can count into the same rows). A failed write keeps the counts for the next try;
// flushUsage() is called on shutdown so a clean stop loses nothing.
import { db } from "../db";
import { newId } from "../ids";
import { singleton } from "../runtime/singleton";
import { BUCKET_COLUMNS, bucketIndex, outcomeOf } from "./histogram";

export interface ApiCall {
  companyId: string;
  appId: string;
  apiId: string;
  status: number;
  latencyMs: number;
  at?: number; // epoch ms, default now
}

interface Cell {
  companyId: string;
  appId: string;
  apiId: string;
  minute: number;
  outcome: string;
  calls: number;
  latencyTotalMs: number;
  buckets: number[];
}

const FLUSH_INTERVAL_MS = 2_000;
const MAX_CELLS = 5_000;

class UsageRecorder {
  private cells = new Map<string, Cell>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  record(call: ApiCall): void {
    const minute = Math.floor((call.at ?? Date.now()) / 60_000);
    const outcome = outcomeOf(call.status);
    const key = `${call.appId}|${call.apiId}|${minute}|${outcome}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = {
        companyId: call.companyId,
        appId: call.appId,
        apiId: call.apiId,
        minute,
        outcome,
        calls: 0,
        latencyTotalMs: 0,
        buckets: new Array(BUCKET_COLUMNS.length).fill(0),
      };
      this.cells.set(key, cell);
    }
    cell.calls += 1;
    cell.latencyTotalMs += call.latencyMs;
    cell.buckets[bucketIndex(call.latencyMs)]! += 1;
    if (this.cells.size >= MAX_CELLS) void this.flush();
    else this.schedule();
  }

  pending(): number {
    let n = 0;
    for (const c of this.cells.values()) n += c.calls;
    return n;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error) => console.error("[usage] flush failed; counts kept for the next try", error));
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Writes everything buffered. Concurrent callers share one write. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.cells.size === 0) return;
    const batch = [...this.cells.values()];
    this.cells = new Map();
    this.flushing = this.write(batch)
      .catch((error) => {
        for (const cell of batch) this.merge(cell);
        this.schedule();
        throw error;
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
  }

  private merge(cell: Cell): void {
    const key = `${cell.appId}|${cell.apiId}|${cell.minute}|${cell.outcome}`;
    const existing = this.cells.get(key);
    if (!existing) {
      this.cells.set(key, cell);
      return;
    }
    existing.calls += cell.calls;
    existing.latencyTotalMs += cell.latencyTotalMs;
    cell.buckets.forEach((v, i) => (existing.buckets[i]! += v));
  }

  private async write(batch: Cell[]): Promise<void> {
    const client = db();
    await client.$transaction(
      batch.map((c) => {
        const counts = Object.fromEntries(BUCKET_COLUMNS.map((col, i) => [col, c.buckets[i]!]));
        const increments = Object.fromEntries(BUCKET_COLUMNS.map((col, i) => [col, { increment: c.buckets[i]! }]));
        return client.usageCounter.upsert({
          where: { appId_apiId_minute_outcome: { appId: c.appId, apiId: c.apiId, minute: c.minute, outcome: c.outcome } },
          create: {
            id: newId("usage"),
            companyId: c.companyId,
            appId: c.appId,
            apiId: c.apiId,
            minute: c.minute,
            outcome: c.outcome,
            calls: c.calls,
            latencyTotalMs: c.latencyTotalMs,
            ...counts,
          },
          update: { calls: { increment: c.calls }, latencyTotalMs: { increment: c.latencyTotalMs }, ...increments },
        });
      }),
    );
  }
}

const holder = singleton("metrics.usageRecorder", () => ({}) as { __apiConsoleUsage?: UsageRecorder });

function recorder(): UsageRecorder {
  holder.__apiConsoleUsage ??= new UsageRecorder();
  return holder.__apiConsoleUsage;
}

export function recordApiCall(call: ApiCall): void {
  recorder().record(call);
}

export function flushUsage(): Promise<void> {
  return recorder().flush();
}

export function pendingUsage(): number {
  return recorder().pending();
}
