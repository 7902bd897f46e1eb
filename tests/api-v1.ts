// Calls the management API's real Next.js route modules (app/api/v1/**/route.ts) with real Requests,
// against the run's database: the same code path `next start` serves, without a server.
import fs from "node:fs";
import path from "node:path";
import { db } from "../lib/db";
import { TOKEN_SCOPE_NAMES, type TokenScope } from "../lib/permissions";
import { createPersonalToken } from "../lib/users/personal-tokens";
import { makeCompany } from "./factories/companies";
import { catalog } from "./factories/domain";
import { addMember, makeUser } from "./factories/people";

const ROOT = path.resolve(import.meta.dirname, "..");
const V1 = path.join(ROOT, "app/api/v1");

/** Every route file as its OpenAPI path ("/apps/{appId}") → file. */
export function routeFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of fs.readdirSync(V1, { recursive: true }) as string[]) {
    if (!rel.endsWith("route.ts")) continue;
    const dir = path.dirname(rel);
    const apiPath =
      dir === "."
        ? "/"
        : "/" +
          dir
            .split(path.sep)
            .map((p) => p.replace(/^\[(\w+)\]$/, "{$1}"))
            .join("/");
    out.set(apiPath, path.join(V1, rel));
  }
  return out;
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const modules = new Map<string, Record<string, Handler>>();

async function moduleFor(file: string): Promise<Record<string, Handler>> {
  let m = modules.get(file);
  if (!m) {
    m = (await import(file)) as Record<string, Handler>;
    modules.set(file, m);
  }
  return m;
}

function match(pattern: string, actual: string): Record<string, string> | null {
  const a = pattern.split("/");
  const b = actual.split("/");
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const m = /^\{(\w+)\}$/.exec(p);
    if (m) params[m[1]!] = decodeURIComponent(b[i]!);
    else if (p !== b[i]) return null;
  }
  return params;
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `call("GET", "/apps?limit=2", { token })` → the route's Response (405 when the file has no such method). */
export async function call(method: string, url: string, opts: CallOptions = {}): Promise<Response> {
  const [pathname] = url.split("?") as [string];
  const files = routeFiles();
  // Literal segments win over parameters (as in Next.js).
  const candidates = [...files.entries()].sort((x, y) => (x[0].match(/\{/g)?.length ?? 0) - (y[0].match(/\{/g)?.length ?? 0));
  for (const [pattern, file] of candidates) {
    const params = match(pattern, pathname);
    if (!params) continue;
    const mod = await moduleFor(file);
    const handler = mod[method];
    if (!handler) return new Response(null, { status: 405 });
    const headers: Record<string, string> = { "user-agent": "vitest", "x-forwarded-for": "203.0.113.9", ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
      headers["content-type"] ??= "application/json";
    }
    return handler(new Request(`http://localhost/api/v1${url}`, { method, headers, body }), { params: Promise.resolve(params) });
  }
  return new Response(null, { status: 404 });
}

export async function json<T = Record<string, unknown>>(r: Response): Promise<T> {
  return (await r.json()) as T;
}

/** A token for the person in the company with the scopes (created through the domain module). */
export async function tokenFor(
  user: { id: string; email: string },
  companyId: string,
  scopes: TokenScope[],
  expiresInDays = 30,
): Promise<{ token: string; id: string }> {
  const r = await createPersonalToken(
    user,
    { name: `t-${Math.random().toString(36).slice(2)}`, companyId, expiresInDays, scopes },
    { ip: "203.0.113.9", userAgent: "vitest" },
  );
  return { token: r.token, id: r.row.id };
}

/**
 * The catalog, a platform administrator who is Delegated Administrator and API Developer of a new
 * company, and their token with every scope: who may call every operation.
 */
export async function adminWithEveryScope() {
  await catalog();
  const admin = await makeUser(db(), { isPlatformAdmin: true });
  const company = await makeCompany(db());
  await addMember(db(), company.id, admin.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const { token } = await tokenFor(admin, company.id, [...TOKEN_SCOPE_NAMES]);
  return { admin, company, token };
}
