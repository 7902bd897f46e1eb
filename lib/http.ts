import "server-only";
// JSON answers of the console's own route handlers (not the OAuth endpoints): never cached.
import { errorResponse } from "./errors";

export function json(data: unknown, status = 200): Response {
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
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
