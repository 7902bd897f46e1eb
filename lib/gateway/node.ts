import "server-only";
// scripts/serve.ts's fast path for /gateway/…: Node's request and response around gatewayCall and
// gatewayCheck. The request body is handed to undici as it arrives and the upstream's body is piped
// into the response (backpressure both ways, nothing buffered whole). A client that goes away aborts
// the upstream request.
import type http from "node:http";
import { pipeline } from "node:stream";
import { writeAnswer } from "../http/node";
import { CHECK_PATH, gatewayCheck } from "./check-endpoint";
import { gatewayCall } from "./gateway";

/** A client that closed its connection before the whole answer went out (nginx's convention). */
export const CLIENT_CLOSED = 499;

export function isGatewayPath(path: string): boolean {
  return path.startsWith("/gateway/");
}

export function serveGateway(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  call: { path: string; ip: string; requestId: string; refusalHeaders: Record<string, string> },
): void {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const query = q < 0 ? "" : url.slice(q + 1);
  const method = req.method ?? "GET";
  if (call.path === CHECK_PATH || call.path.startsWith(`${CHECK_PATH}/`)) {
    req.resume();
    void gatewayCheck({ method, path: call.path, query, headers: req.headers, requestId: call.requestId }).then(({ answer, done }) => {
      writeAnswer(res, answer, answer.status === 200 ? {} : call.refusalHeaders);
      done(answer.status);
    });
    return;
  }
  const aborter = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborter.abort();
  });
  const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
  void gatewayCall({
    method,
    path: call.path,
    query,
    headers: req.headers,
    body: hasBody ? req : null,
    ip: call.ip,
    requestId: call.requestId,
    signal: aborter.signal,
  }).then((result) => {
    if (result.kind === "answer") {
      if (res.destroyed) {
        result.done(CLIENT_CLOSED);
        return;
      }
      if (hasBody && !req.readableEnded) res.shouldKeepAlive = false; // the unread body would follow
      writeAnswer(res, result.answer, call.refusalHeaders);
      result.done(result.answer.status);
      return;
    }
    if (res.destroyed) {
      result.body.destroy();
      result.done(CLIENT_CLOSED);
      return;
    }
    res.writeHead(result.status, result.headers);
    pipeline(result.body, res, (error) => {
      // The upstream's body failing midway cannot be answered any more: the connection is cut.
      result.done(error ? (aborter.signal.aborted ? CLIENT_CLOSED : 502) : result.status);
    });
  });
}
