// Bounded body reading for route handlers (Web Request). A Content-Length over the limit is refused
// before a byte is read; a body without one that grows past the limit is cancelled at the first chunk
// over it. scripts/serve.ts enforces the same table (lib/http/limits.js) at the socket, destroying the
// connection, so in production a handler never sees an oversized body; this keeps `next dev` and
// in-process callers bounded too. No Next.js import here: scripts/serve.ts loads this module before
// Next.js has set up its request storage.
import { bodyLimitFor } from "./limits.js";

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
    this.name = "BodyTooLarge";
  }
}

/** True when the declared Content-Length is over `limit`. */
export function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  if (!contentLength) return false;
  const n = Number(contentLength);
  return !Number.isFinite(n) || n > limit;
}

/** The body as UTF-8 text, at most `limit` bytes (default: the route's entry in the limits table). */
export async function readBoundedText(request: Request, limit = bodyLimitFor(new URL(request.url).pathname)): Promise<string> {
  if (declaredTooLarge(request.headers.get("content-length"), limit)) throw new BodyTooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function payloadTooLarge(limit: number): Response {
  return new Response(JSON.stringify({ error: "payload_too_large", message: `The request body is limited to ${limit} bytes.` }), {
    status: 413,
    headers: { "content-type": "application/json", "cache-control": "no-store", connection: "close" },
  });
}
