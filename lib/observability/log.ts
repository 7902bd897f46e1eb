// Structured JSON logs (pino), one line per event, with the request id of the request being served
// when there is one (scripts/serve.ts runs each request inside requestScope()). Level from
// CONSOLE_LOG_LEVEL (default info). Never log secrets, digests or tokens.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import pino, { type Logger } from "pino";
import { singleton } from "../runtime/singleton";

export const REQUEST_ID_HEADER = "x-request-id";

interface RequestScope {
  requestId: string;
}

const scopes = singleton("log.requestScopes", () => new AsyncLocalStorage<RequestScope>());

function levelFromEnv(): string {
  const v = process.env.CONSOLE_LOG_LEVEL;
  return v && ["debug", "info", "warn", "error"].includes(v) ? v : "info";
}

/** The process's logger. */
export function logger(): Logger {
  return singleton("log.logger", () =>
    pino({
      level: levelFromEnv(),
      base: { service: "api-console" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const scope = scopes.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    }),
  );
}

/** A caller-given request id when it is short and plain; a new one otherwise. */
export function requestIdFrom(given: string | null | undefined): string {
  return given && /^[A-Za-z0-9._:-]{8,64}$/.test(given) ? given : randomUUID();
}

/** Runs `work` with this request id attached to every log line it writes. */
export function requestScope<T>(requestId: string, work: () => T): T {
  return scopes.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return scopes.getStore()?.requestId;
}

/** An error as log fields, without leaking more than its name, message and stack. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { err: { name: error.name, message: error.message, stack: error.stack } };
  return { err: { message: String(error) } };
}
