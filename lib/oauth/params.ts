import "server-only";
// Reading an OAuth request body: application/x-www-form-urlencoded only, every parameter at most once
// (RFC 6749 3.1 / 3.2: "Request and response parameters MUST NOT be included more than once").
import { BodyTooLarge, readBoundedText } from "../http/body";
import { clientAddressFromHeaders, userAgentOf } from "../http/client-address";
import { OAuthError } from "./errors";

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

/** What the token-service endpoints need of an HTTP request, whichever server received it. */
export interface OAuthHttpRequest {
  method: string;
  contentType: string | null;
  authorization: string | null;
  /** The body as text; null when it was larger than the route's limit (lib/http/limits.js). */
  body: string | null;
  ip: string;
  userAgent: string;
  /** The Origin header (CORS for Single-page apps). */
  origin?: string | null;
  /** The DPoP header (RFC 9449) and the request's absolute URL without query (its htu). */
  dpop?: string | null;
  url?: string;
}

/** Adapts a Web Request (Next.js route handlers): the body read within the route's limit, never past it. */
export async function fromWebRequest(request: Request): Promise<OAuthHttpRequest> {
  let body: string | null = "";
  if (request.method === "POST") {
    try {
      body = await readBoundedText(request);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      body = null;
    }
  }
  return {
    method: request.method,
    contentType: request.headers.get("content-type"),
    authorization: request.headers.get("authorization"),
    body,
    ip: clientAddressFromHeaders(request.headers),
    userAgent: userAgentOf(request.headers.get("user-agent")),
    origin: request.headers.get("origin"),
    dpop: request.headers.get("dpop"),
    url: request.url,
  };
}

export function readFormBody(request: OAuthHttpRequest): Params {
  if (request.method !== "POST") {
    throw new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } });
  }
  if (request.body === null)
    throw new OAuthError("invalid_request", "The request body is too large.", { status: 413, headers: { connection: "close" } });
  const type = (request.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  return parseParams(new URLSearchParams(request.body));
}

/**
 * The form body of the device authorization and PAR endpoints: POST, form-encoded. `resource` (RFC 8707)
 * may repeat, so it stays in `search`; every other parameter is in `params`, at most once.
 */
export function readFormWithResources(request: OAuthHttpRequest): { search: URLSearchParams; params: Params } {
  if (request.method !== "POST") throw new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } });
  const type = (request.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  if (request.body === null) throw new OAuthError("invalid_request", "The request body is too large.");
  const search = new URLSearchParams(request.body);
  return { search, params: parseParams(new URLSearchParams([...search].filter(([k]) => k !== "resource"))) };
}

export function required(params: Params, name: string): string {
  const v = params.get(name);
  if (!v) throw new OAuthError("invalid_request", `The parameter ${name} is missing.`);
  return v;
}
