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

export async function readFormBody(request: Request): Promise<Params> {
  if (request.method !== "POST") {
    throw new OAuthError("invalid_request", "Use POST.", { status: 405, headers: { allow: "POST" } });
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
  }
  const text = await request.text();
  if (text.length > MAX_BODY) throw new OAuthError("invalid_request", "The request body is too large.");
  return parseParams(new URLSearchParams(text));
}

export function required(params: Params, name: string): string {
  const v = params.get(name);
  if (!v) throw new OAuthError("invalid_request", `The parameter ${name} is missing.`);
  return v;
}
