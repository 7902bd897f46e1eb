import "server-only";
// The console's own route handlers (not the OAuth endpoints): JSON answers never cached, one error
// answer (AppError's status and message; 503 + Retry-After for a dependency outage; the one generic
// 500 otherwise, logged, its message never sent). scripts/serve.ts uses errorAnswer for its fast paths.
import { AppError, toAppError } from "../errors";
import { errorFields, logger } from "../observability/log";
import { type HttpAnswer, jsonAnswer, toResponse } from "./answer";
import { isUnavailableError, RETRY_AFTER_SECONDS } from "./unavailable";

export function json(data: unknown, status = 200): Response {
  return toResponse(jsonAnswer(data, status));
}

export function errorAnswer(error: unknown): HttpAnswer {
  let e = toAppError(error);
  if (e.code === "internal" && isUnavailableError(error)) {
    e = new AppError("unavailable", "The service is temporarily unavailable. Please try again shortly.", {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    });
  }
  if (e.code === "internal" || e.code === "unavailable") logger().error(errorFields(error), "console: request failed");
  const headers: Record<string, string> = {};
  if (e.retryAfterSeconds) headers["retry-after"] = String(e.retryAfterSeconds);
  return jsonAnswer({ error: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) }, e.status, headers);
}

export function errorResponse(error: unknown): Response {
  return toResponse(errorAnswer(error));
}

/** Runs a handler body; any error becomes errorResponse() (AppError's status, a generic 500 otherwise). */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return errorResponse(error);
  }
}

/** The query string as plain strings (first value of each key). */
export function queryOf(request: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of new URL(request.url).searchParams) if (!(k in out)) out[k] = v;
  return out;
}
