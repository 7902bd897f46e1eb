import "server-only";
// The Next.js route handlers' way into the gateway (`next dev`, or a deployment without
// scripts/serve.ts): a Web Request adapted to gatewayCall / gatewayCheck, the upstream's body
// returned as a stream. scripts/serve.ts answers /gateway/… itself in production (lib/gateway/node.ts).
import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import { toResponse } from "../http/answer";
import { clientAddressFromHeaders } from "../http/client-address";
import { REQUEST_ID_HEADER, requestIdFrom } from "../observability/log";
import { CHECK_PATH, gatewayCheck } from "./check-endpoint";
import { gatewayCall } from "./gateway";
import { CLIENT_CLOSED } from "./node";

function nodeHeaders(headers: Headers): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

export async function gatewayResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
  const query = url.search.slice(1);
  const headers = nodeHeaders(request.headers);
  if (url.pathname === CHECK_PATH || url.pathname.startsWith(`${CHECK_PATH}/`)) {
    const { answer, done } = await gatewayCheck({ method: request.method, path: url.pathname, query, headers, requestId });
    done(answer.status);
    return toResponse(answer);
  }
  const result = await gatewayCall({
    method: request.method,
    path: url.pathname,
    query,
    headers,
    body: request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : null,
    ip: clientAddressFromHeaders(request.headers),
    requestId,
    signal: request.signal,
  });
  if (result.kind === "answer") {
    result.done(result.answer.status);
    return toResponse(result.answer);
  }
  const out = new Headers();
  for (const [name, value] of Object.entries(result.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
  }
  out.set(REQUEST_ID_HEADER, requestId);
  const status = result.status;
  result.body.once("end", () => result.done(status));
  result.body.once("error", () => result.done(request.signal.aborted ? CLIENT_CLOSED : 502));
  const empty = status === 204 || status === 304 || request.method === "HEAD";
  if (empty) result.body.resume();
  return new Response(empty ? null : (Readable.toWeb(result.body) as ReadableStream), { status, headers: out });
}
