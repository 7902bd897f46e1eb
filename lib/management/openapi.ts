import "server-only";
// The management API's OpenAPI 3.1 document, generated from the route table (lib/management/routes.ts)
// and its zod schemas with zod 4's z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses).
import { z } from "zod";
import { env } from "../env";
import { TOKEN_SCOPES } from "../permissions";
import { API_BASE, problemSchema, type RouteSpec } from "./api";
import { ROUTES } from "./routes";

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function parameters(spec: RouteSpec): unknown[] {
  const out: unknown[] = [];
  for (const name of [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)) {
    out.push({ name, in: "path", required: true, schema: { type: "string" } });
  }
  if (spec.query) {
    const js = jsonSchema(spec.query, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, schema] of Object.entries(js.properties ?? {})) {
      const { description, ...rest } = schema;
      out.push({ name, in: "query", required: (js.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (spec.method === "POST") {
    out.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      schema: { type: "string", maxLength: 255 },
      description: "A replay with the same key returns the first answer",
    });
  }
  if (spec.path.startsWith("/apps/{appId}") && spec.method !== "GET" && spec.operationId !== "rotateSecret") {
    out.push({
      name: "If-Match",
      in: "header",
      required: false,
      schema: { type: "string" },
      description: "The ETag read; 412 when the app changed",
    });
  }
  return out;
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of ROUTES) {
    const responses: Record<string, unknown> = {};
    const success: Record<string, unknown> = { description: spec.successStatus === 204 ? "Done" : "Success" };
    if (spec.response) {
      success.content = {
        "application/json": { schema: jsonSchema(spec.response, "output") },
        ...Object.fromEntries((spec.alsoProduces ?? []).map((t) => [t, { schema: { type: "string" } }])),
      };
    }
    const headers: Record<string, unknown> = {
      RateLimit: { schema: { type: "string" }, description: "limit, remaining, reset (seconds)" },
      "RateLimit-Policy": { schema: { type: "string" } },
    };
    if (spec.etag) headers.ETag = { schema: { type: "string" } };
    success.headers = headers;
    responses[String(spec.successStatus)] = success;
    responses["401"] = problem("Missing, malformed, expired or revoked token");
    responses["403"] = problem("The token lacks the scope, or the owner's roles do not allow it");
    responses["422"] = problem("Validation failed (errors per field)");
    responses["429"] = problem("Too many requests (Retry-After)");
    for (const status of spec.errors ?? [])
      responses[String(status)] = problem(
        { 404: "Not found (also another company's ids)", 409: "Conflict", 412: "Precondition failed (If-Match)" }[status] ?? "Error",
      );
    paths[spec.path] ??= {};
    paths[spec.path]![spec.method.toLowerCase()] = {
      operationId: spec.operationId,
      summary: spec.summary,
      tags: [spec.tag],
      security: [{ personalAccessToken: spec.scope ? [spec.scope] : [] }],
      "x-required-scope": spec.scope,
      parameters: parameters(spec),
      ...(spec.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "API Console management API",
      version: "1.0.0",
      description:
        "Everything a developer and a Delegated Administrator do in the console, for scripts. Authenticate with a personal access token (`Authorization: Bearer apcp_…`, created at /account/tokens). Errors are RFC 9457 problem JSON with the console's error codes. POST takes Idempotency-Key; updates take If-Match.",
    },
    servers: [{ url: `${env().consoleUrl}${API_BASE}` }],
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [...new Set(ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      securitySchemes: {
        personalAccessToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "apcp_ personal access token",
          description: `Scopes: ${TOKEN_SCOPES.map((s) => `${s.scope} (${s.description})`).join("; ")}`,
        },
      },
    },
  };
}
