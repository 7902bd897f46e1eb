import "server-only";
// Reading an OAuth request body: application/x-www-form-urlencoded only, every parameter at most once
// (RFC 6749 3.1 / 3.2: "Request and response parameters MUST NOT be included more than once").
import { OAuthError } from "./errors";

const MAX_BODY = 16 * 1024;

export type Params = Map<string, string>;

/** Parameters of a query string or form body; a repeated name is invalid_request. Empty values count as absent. */
export function parseParams(search: URLSearchParams): Params {
  const out: Params = new Map();
  for (const [name, value] of search) {
    if (out.has(name) || (value === "" && search.getAll(name).length > 1)) {
      throw new OAuthError("invalid_request", `The parameter ${name} is given more than once.`);
    }
    if (value !== "") out.set(name, value);
  }
  return out;
}

/** Names given more than once in a query string. */
export function duplicatedNames(search: URLSearchParams): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const [name] of search) (seen.has(name) ? dups : seen).add(name);
  return [...dups];
}

export const MAX_BODY_BYTES = MAX_BODY;

/** What the token-service endpoints need of an HTTP request, whichever server received it. */
export interface OAuthHttpRequest {
  method: string;
  contentType: string | null;
  authorization: string | null;
  /** The body as text; null when it was larger than MAX_BODY_BYTES. */
  body: string | null;
  ip: string;
  userAgent: string;
  /** The Origin header (CORS for Single-page apps). */
  origin?: string | null;
  /** The DPoP header (RFC 9449) and the request's absolute URL without query (its htu). */
  dpop?: string | null;
  url?: string;
}

/** Adapts a Web Request (Next.js route handlers). */
export async function fromWebRequest(request: Request): Promise<OAuthHttpRequest> {
  const text = request.method === "POST" ? await request.text() : "";
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    method: request.method,
    contentType: request.headers.get("content-type"),
    authorization: request.headers.get("authorization"),
    body: text.length > MAX_BODY ? null : text,
    ip: (forwarded || request.headers.get("x-real-ip") || "unknown").replace(/^::ffff:/, "").slice(0, 64),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 256),
    origin: request.headers.get("origin"),
    dpop: request.headers.get("dpop"),
    url: request.url,
  };
}

export function readFormBody(request: OAuthHttpRequest): Params {
  if (request.method !== "POST") {
    throw new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } });
  }
  const type = (request.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  if (request.body === null) throw new OAuthError("invalid_request", "The request body is too large.");
  return parseParams(new URLSearchParams(request.body));
}

export function required(params: Params, name: string): string {
  const v = params.get(name);
  if (!v) throw new OAuthError("invalid_request", `The parameter ${name} is missing.`);
  return v;
}
