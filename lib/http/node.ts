// The Node.js side of the edge (scripts/serve.ts): header access, the input limits of the limits
// table applied before anything reads a body, bounded body reading for the fast paths, and writing an
// HttpAnswer.
import type http from "node:http";
import type { HttpAnswer } from "./answer";
import { bodyLimitFor, REQUEST_LIMITS } from "./limits.js";

export function header(req: http.IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === "string" ? v : Array.isArray(v) ? v.join(", ") : null;
}

export function writeAnswer(res: http.ServerResponse, answer: HttpAnswer, extra: Record<string, string> = {}): void {
  res.writeHead(answer.status, { ...extra, ...answer.headers, "content-length": Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

function refuse(res: http.ServerResponse, status: number, error: string, message: string, extra: Record<string, string>): void {
  const body = JSON.stringify({ error, message });
  res.shouldKeepAlive = false;
  res.writeHead(status, {
    ...extra,
    "content-type": "application/json",
    "cache-control": "no-store",
    connection: "close",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * The connection goes once the answer is out: the socket is half-closed at once (Connection: close)
 * and destroyed a moment later, so the client can still read the answer but cannot go on sending.
 */
function closeSoon(req: http.IncomingMessage, res: http.ServerResponse): void {
  const socket = req.socket; // Node detaches it from the request once the answer is out
  res.on("finish", () => setTimeout(() => socket?.destroy(), 500).unref());
}

/**
 * Applies the limits table to a request before anyone reads it. Answers and returns false when the
 * URL is too long (414) or the declared Content-Length is over the route's limit (413, the body never
 * read, the connection closed). A body without a Content-Length (chunked) is watched as it arrives:
 * the first chunk past the limit answers 413 (when nothing was answered yet) and destroys the
 * connection, so it cannot grow without bound either. Returns the limit.
 */
export function guardRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  extra: Record<string, string> = {},
): number | false {
  if ((req.url?.length ?? 0) > REQUEST_LIMITS.urlBytes) {
    refuse(res, 414, "uri_too_long", `The request URL is limited to ${REQUEST_LIMITS.urlBytes} bytes.`, extra);
    req.resume();
    return false;
  }
  const limit = bodyLimitFor(pathname);
  const declared = req.headers["content-length"];
  if (declared !== undefined && !(Number(declared) <= limit)) {
    refuse(res, 413, "payload_too_large", `The request body is limited to ${limit} bytes.`, extra);
    closeSoon(req, res);
    return false;
  }
  // A declared length within the limit bounds the body already: Node's parser reads no more than it
  // (what follows is the next request on the connection).
  if (declared !== undefined) return limit;
  // Without one (chunked), the parser pushes each body chunk into the request as it arrives, whoever
  // reads it later (Next.js or a fast path): count there.
  let seen = 0;
  const socket = req.socket;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk && typeof chunk !== "string" && "length" in (chunk as Buffer)) {
      seen += (chunk as Buffer).length;
      if (seen > limit) {
        req.push = push;
        if (!res.headersSent) {
          refuse(res, 413, "payload_too_large", `The request body is limited to ${limit} bytes.`, extra);
          closeSoon(req, res);
        } else socket?.destroy();
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return limit;
}

/**
 * Reads the body as UTF-8 text (the fast paths; guardRequest has already bounded it) and calls `done`
 * in the same tick as the body's end — null when it was over `limit` — or `failed` once, when the
 * stream fails or the request is cut off before its end. Callbacks, not a promise: the token
 * endpoint answers in that tick when it can (scripts/serve.ts).
 */
export function readBody(
  req: http.IncomingMessage,
  limit: number,
  done: (body: string | null) => void,
  failed: (error: Error) => void,
): void {
  let size = 0;
  let first: Buffer | null = null;
  let chunks: Buffer[] | null = null;
  let refused = false;
  const refuse = (error: Error) => {
    if (refused) return;
    refused = true;
    failed(error);
  };
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) return;
    if (!first) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  req.on("end", () =>
    done(size > limit ? null : chunks ? Buffer.concat(chunks).toString("utf8") : first ? (first as Buffer).toString("utf8") : ""),
  );
  req.on("error", refuse);
  req.on("close", () => {
    if (!req.complete) refuse(new Error("the request was cut off"));
  });
}
