import "server-only";
// OpenAPI documents of catalog APIs: validated with @scalar/openapi-parser (JSON or YAML in, JSON
// stored; errors carry their JSON path), set or removed by the platform administrator (audited),
// read for the reference page (dereferenced) and offered for download. Only an OpenAPI 3.0 or 3.1
// document is accepted.
import { dereference, normalize, validate } from "@scalar/openapi-parser";
import { writeAudit } from "../audit";
import { type Person, requirePlatformActor } from "../companies/guards";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { invalidateCatalogCache } from "./catalog";

/** The largest OpenAPI document accepted (bytes of UTF-8). The upload route's body limit must allow it. */
export const OPENAPI_MAX_BYTES = 1024 * 1024;
/** Body limit of the upload (the document plus the form's other fields). */
export const OPENAPI_UPLOAD_BODY_LIMIT_BYTES = OPENAPI_MAX_BYTES + 64 * 1024;

export interface OpenApiProblem {
  path: string;
  message: string;
}

function pointer(path: string | string[] | undefined): string {
  if (Array.isArray(path)) return "/" + path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
  return path && path.length ? path : "/";
}

/**
 * Validates a document given as JSON or YAML text. Returns the document as compact JSON, or throws
 * AppError "validation" whose field errors (key `openapi`) read "<JSON path>: <message>".
 */
export async function validateOpenApi(text: string): Promise<{ json: string; version: string; title: string }> {
  const fail = (problems: OpenApiProblem[]): never => {
    throw new AppError("validation", "The OpenAPI document is not valid.", {
      fieldErrors: { openapi: problems.slice(0, 20).map((p) => `${p.path}: ${p.message}`) },
    });
  };
  if (!text.trim()) fail([{ path: "/", message: "The document is empty." }]);
  if (Buffer.byteLength(text, "utf8") > OPENAPI_MAX_BYTES)
    fail([{ path: "/", message: `The document is larger than ${OPENAPI_MAX_BYTES / 1024} KiB.` }]);
  let value: unknown;
  try {
    value = normalize(text);
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value))
    fail([{ path: "/", message: "The text is neither a JSON nor a YAML object." }]);
  const doc = value as Record<string, unknown>;
  if (typeof doc.openapi !== "string" || !/^3\.[01]\.\d+$/.test(doc.openapi)) {
    fail([{ path: "/openapi", message: "Must be an OpenAPI 3.0.x or 3.1.x version string (Swagger 2.0 is not accepted)." }]);
  }
  const result = await validate(doc);
  if (!result.valid) fail((result.errors ?? []).map((e) => ({ path: pointer(e.path), message: e.message })));
  const deref = await dereference(doc);
  if (deref.errors?.length) fail(deref.errors.map((e) => ({ path: pointer(e.path), message: e.message })));
  const info = (doc.info ?? {}) as { title?: unknown };
  return { json: JSON.stringify(doc), version: String(doc.openapi), title: typeof info.title === "string" ? info.title : "" };
}

/** Sets (text) or removes (null) an API's document: the platform administrator (catalog.manage, read from the database) only. */
export async function setApiOpenApi(apiId: string, text: string | null, actor: Person, ctx: RequestContext | null) {
  await requirePlatformActor(db(), actor, "catalog.manage");
  const api = await db().api.findUnique({ where: { id: apiId }, select: { id: true, slug: true } });
  if (!api) throw new AppError("not_found", "That API was not found.");
  const checked = text === null ? null : await validateOpenApi(text);
  await db().$transaction(async (tx) => {
    await tx.api.update({ where: { id: apiId }, data: { openapi: checked?.json ?? null, openapiUpdatedAt: new Date() } }); // a removal is remembered too: start-up does not seed it again
    await writeAudit(
      tx,
      actor,
      checked
        ? {
            event: "api.openapi_updated",
            targetType: "api",
            targetId: apiId,
            metadata: { slug: api.slug, version: checked.version, bytes: checked.json.length },
          }
        : { event: "api.openapi_removed", targetType: "api", targetId: apiId, metadata: { slug: api.slug } },
      ctx,
    );
  });
  invalidateCatalogCache();
  return checked;
}

/** The stored document of an API (already loaded by the caller, in scope), parsed; null when none. */
export function parseStoredOpenApi(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The document with every $ref resolved, for rendering. */
export async function dereferencedOpenApi(doc: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await dereference(doc);
  return (result.schema as Record<string, unknown> | undefined) ?? doc;
}

/**
 * The document as developers download it: for an API behind the gateway, `servers` names its gateway
 * address (CONSOLE_URL/gateway/<slug>), where calls are checked, counted and logged.
 */
export function publishedOpenApi(api: { slug: string; openapi: string; upstreamUrl: string | null }): Record<string, unknown> {
  const doc = JSON.parse(api.openapi) as Record<string, unknown>;
  if (api.upstreamUrl) doc.servers = [{ url: `${env().consoleUrl}/gateway/${api.slug}`, description: "The API Console's gateway" }];
  return doc;
}
