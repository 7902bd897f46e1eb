import "server-only";
// The console's own JSON routes (app/api/company, app/api/admin; the session cookie) answer through the
// same rows as /api/v1 (lib/management/routes.ts): the row's query schema, its handler over the domain
// modules, and its response schema. Each route still checks the viewer itself first, with the statuses
// the contract names (404 for a company route without the role), and keeps its own answer's shape.
import type { z } from "zod";
import { contextFromHeaders } from "../server/request-context";
import type { Viewer } from "../users/viewer";
import { parseInput } from "../validation/common";
import type { ApiContext } from "./api";
import { ROUTES } from "./routes";

/** Dates and other values as JSON sends them, then the schema: what /api/v1 does to every answer. */
export function jsonOut<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  return schema.parse(JSON.parse(JSON.stringify(value)) as unknown);
}

/** Runs the /api/v1 row `operationId` for a signed-in viewer; its answer parsed by the row's response schema. */
export async function runAsViewer(
  operationId: string,
  viewer: Viewer,
  request: Request,
  input: { params?: Record<string, string>; query?: Record<string, string | undefined> } = {},
): Promise<unknown> {
  const spec = ROUTES.find((r) => r.operationId === operationId);
  if (!spec?.response) throw new Error(`no JSON route ${operationId}`);
  const company = viewer.active;
  const person = { id: viewer.user.id, email: viewer.user.email };
  const ctx: ApiContext = {
    // A session has no personal access token: only GET /me reads the principal, and no console route runs it.
    principal: undefined as never,
    actor: { user: person, companyId: company?.companyId ?? "", companyStatus: company?.companyStatus ?? "", roles: company?.roles ?? [] },
    person,
    viewer,
    request,
    requestContext: contextFromHeaders(request.headers),
  };
  const query = spec.query ? parseInput(spec.query, input.query ?? {}) : {};
  const result = await spec.handler(ctx, { params: input.params ?? {}, query, body: {} });
  if (result instanceof Response) throw new Error(`${operationId} answers a raw Response`);
  return jsonOut(spec.response, result.body);
}
