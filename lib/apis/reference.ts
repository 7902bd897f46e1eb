// Pure: the parts of a (dereferenced) OpenAPI 3.x document the reference page shows — operations
// grouped by tag with their parameters, request body, responses, examples — and which operations
// Try it may call: only paths this console serves (the document's servers are never used).
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export interface RefParameter {
  name: string;
  in: string;
  required: boolean;
  description: string;
  schema: unknown;
  example: unknown;
}

export interface RefMedia {
  contentType: string;
  schema: unknown;
  examples: { name: string; value: unknown }[];
}

export interface RefResponse {
  status: string;
  description: string;
  headers: { name: string; description: string; schema: unknown }[];
  content: RefMedia[];
}

export interface RefOperation {
  key: string; // "GET /api/hello"
  anchor: string;
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  deprecated: boolean;
  parameters: RefParameter[];
  requestBody: { required: boolean; description: string; content: RefMedia[] } | null;
  responses: RefResponse[];
}

function media(content: unknown): RefMedia[] {
  if (!isObj(content)) return [];
  return Object.entries(content).map(([contentType, m]) => {
    const mo = isObj(m) ? m : {};
    const examples: { name: string; value: unknown }[] = [];
    if ("example" in mo) examples.push({ name: "example", value: mo.example });
    if (isObj(mo.examples))
      for (const [name, ex] of Object.entries(mo.examples))
        examples.push({ name: isObj(ex) && str(ex.summary) ? str(ex.summary) : name, value: isObj(ex) ? ex.value : ex });
    return { contentType, schema: mo.schema, examples };
  });
}

function parameters(list: unknown): RefParameter[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObj).map((p) => ({
    name: str(p.name),
    in: str(p.in),
    required: p.required === true || p.in === "path",
    description: str(p.description),
    schema: p.schema,
    example: p.example,
  }));
}

export function anchorFor(method: string, path: string): string {
  return `op-${method}-${path}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/-+$/, "");
}

export function operations(doc: Obj): RefOperation[] {
  const out: RefOperation[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    const shared = parameters(item.parameters);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const own = parameters(op.parameters);
      const merged = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const rb = isObj(op.requestBody) ? op.requestBody : null;
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        anchor: anchorFor(method, path),
        method: method.toUpperCase(),
        path,
        operationId: str(op.operationId),
        summary: str(op.summary),
        description: str(op.description),
        tag: Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "Operations",
        deprecated: op.deprecated === true,
        parameters: merged,
        requestBody: rb ? { required: rb.required === true, description: str(rb.description), content: media(rb.content) } : null,
        responses: isObj(op.responses)
          ? Object.entries(op.responses).map(([status, r]) => {
              const ro = isObj(r) ? r : {};
              return {
                status,
                description: str(ro.description),
                headers: isObj(ro.headers)
                  ? Object.entries(ro.headers).map(([name, h]) => ({
                      name,
                      description: isObj(h) ? str(h.description) : "",
                      schema: isObj(h) ? h.schema : undefined,
                    }))
                  : [],
                content: media(ro.content),
              };
            })
          : [],
      });
    }
  }
  return out;
}

/** A one-line type of a schema: "string", "array of Greeting", "integer ≥ 0", "one of: a, b". */
export function schemaType(schema: unknown): string {
  if (!isObj(schema)) return "any";
  if (Array.isArray(schema.enum)) return `one of: ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if ("const" in schema) return `= ${JSON.stringify(schema.const)}`;
  const t = Array.isArray(schema.type) ? schema.type.join(" | ") : str(schema.type);
  if (t === "array") return `array of ${schemaType(schema.items)}`;
  const fmt = str(schema.format);
  if (t) return fmt ? `${t} (${fmt})` : t;
  if (Array.isArray(schema.oneOf)) return "one of several schemas";
  if (Array.isArray(schema.anyOf)) return "any of several schemas";
  if (Array.isArray(schema.allOf)) return "all of several schemas";
  if (isObj(schema.properties)) return "object";
  return "any";
}

/**
 * The operations Try it may call: a path on this console under the API's own endpoint (the catalog
 * entry's path, e.g. /api/hello), for an API whose endpoint is a console path. Never a server URL
 * from the document.
 */
export function tryableOperations(ops: RefOperation[], apiEndpoint: string): RefOperation[] {
  if (!apiEndpoint.startsWith("/api/")) return [];
  const base = apiEndpoint.replace(/\/+$/, "");
  return ops.filter((op) => op.path === base || op.path.startsWith(base + "/"));
}

/** The path with its {path parameters} filled in (each value URL-encoded), or null when one is missing. */
export function fillPath(path: string, values: Record<string, string>): string | null {
  let missing = false;
  const filled = path.replace(/\{([^}/]+)\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined || v === "") {
      missing = true;
      return "";
    }
    return encodeURIComponent(v);
  });
  return missing ? null : filled;
}
