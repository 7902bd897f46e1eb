import "server-only";
// Request logs of gateway calls, written without slowing the call: record() only appends to an
// in-memory buffer (process-wide, lib/runtime/singleton); a timer writes it every second in one
// createMany, and flushRequestLogs() at shutdown. A failed write keeps the rows for the next try,
// up to MAX_BUFFERED (then the oldest are dropped and counted in the log). No headers or bodies are
// stored, and query strings keep their parameter names only (values redacted).
import { db } from "../db";
import { newId } from "../ids";
import { errorFields, logger } from "../observability/log";
import { singleton } from "../runtime/singleton";

export interface RequestLogEntry {
  companyId: string;
  appId: string;
  apiId: string;
  at: Date;
  method: string;
  path: string;
  query: string;
  status: number;
  latencyMs: number;
  requestId: string;
}

const FLUSH_INTERVAL_MS = 1_000;
const BATCH = 1_000;
const MAX_BUFFERED = 50_000;
const REDACTED = "REDACTED";

/** `a=1&b=two&flag` → `a=REDACTED&b=REDACTED&flag`: names stay (bounded), values never stored. */
export function redactQuery(query: string): string {
  if (!query) return "";
  return query
    .split("&")
    .filter(Boolean)
    .slice(0, 50)
    .map((part) => {
      const eq = part.indexOf("=");
      const name = (eq < 0 ? part : part.slice(0, eq)).slice(0, 100);
      return eq < 0 ? name : `${name}=${REDACTED}`;
    })
    .join("&")
    .slice(0, 1000);
}

class RequestLogBuffer {
  rows: RequestLogEntry[] = [];
  timer: NodeJS.Timeout | undefined;
  flushing: Promise<void> | undefined;
  dropped = 0;

  record(entry: RequestLogEntry): void {
    this.rows.push(entry);
    if (this.rows.length > MAX_BUFFERED) {
      this.rows.splice(0, this.rows.length - MAX_BUFFERED);
      this.dropped++;
    }
    this.schedule();
  }

  schedule(): void {
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush().catch((error) => logger().error(errorFields(error), "request log: write failed; rows kept for the next try"));
      }, FLUSH_INTERVAL_MS);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    while (this.rows.length) {
      const batch = this.rows.splice(0, BATCH);
      this.flushing = db()
        .requestLog.createMany({
          data: batch.map((r) => ({
            id: newId("requestLog"),
            ...r,
            path: r.path.slice(0, 1000),
            method: r.method.slice(0, 16),
            statusClass: Math.floor(r.status / 100),
            latencyMs: Math.max(0, Math.round(r.latencyMs)),
          })),
        })
        .then(() => undefined)
        .catch((error) => {
          this.rows.unshift(...batch);
          this.schedule();
          throw error;
        })
        .finally(() => {
          this.flushing = undefined;
        });
      await this.flushing;
    }
    if (this.dropped) {
      logger().warn({ dropped: this.dropped }, "request log: buffer full, oldest rows dropped");
      this.dropped = 0;
    }
  }
}

const buffer = singleton("gateway.requestLog", () => new RequestLogBuffer());

export function recordRequestLog(entry: RequestLogEntry): void {
  buffer.record(entry);
}

/** Writes everything buffered (shutdown, tests). */
export function flushRequestLogs(): Promise<void> {
  return buffer.flush();
}
