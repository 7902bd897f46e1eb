// OpenAPI documents: validation with JSON paths, storage with audit, the Hello API's own document,
// and the reference model (operations, Try it only on console paths).
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { ensureCatalogDefaults } from "./defaults";
import { HELLO_OPENAPI } from "./hello-openapi";
import { OPENAPI_MAX_BYTES, setApiOpenApi, validateOpenApi } from "./openapi";
import { fillPath, operations, tryableOperations } from "./reference";

async function problems(text: string): Promise<string[]> {
  try {
    await validateOpenApi(text);
  } catch (e) {
    if (e instanceof AppError) return e.fieldErrors?.openapi ?? [];
    throw e;
  }
  return [];
}

describe("validateOpenApi", () => {
  it("accepts the Hello API's document, and YAML", async () => {
    expect((await validateOpenApi(JSON.stringify(HELLO_OPENAPI))).version).toBe("3.1.0");
    const yaml = "openapi: 3.1.0\ninfo:\n  title: Tiny\n  version: '1'\npaths: {}\n";
    const ok = await validateOpenApi(yaml);
    expect(JSON.parse(ok.json).info.title).toBe("Tiny");
  });

  it("refuses a broken document naming the JSON path of the problem", async () => {
    const broken = {
      openapi: "3.1.0",
      info: { title: "Broken", version: "1" },
      paths: { "/a": { get: { responses: { "200": { description: 42 } } } } },
    };
    const found = await problems(JSON.stringify(broken));
    expect(found.some((p) => p.startsWith("/paths/~1a/get/responses/200/description:"))).toBe(true);
  });

  it("refuses Swagger 2.0, non-documents, empty text and oversized text", async () => {
    expect(await problems(JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }))).toEqual([
      expect.stringMatching(/^\/openapi: /),
    ]);
    expect((await problems("{ not json"))[0]).toMatch(/^\/: /);
    expect((await problems("  "))[0]).toMatch(/empty/);
    expect((await problems(" ".repeat(OPENAPI_MAX_BYTES) + "{}"))[0]).toMatch(/larger/);
  });
});

describe("stored documents", () => {
  it("seeds the Hello API's document at start-up and keeps an administrator's removal", async () => {
    await ensureCatalogDefaults();
    const hello = await db().api.findUniqueOrThrow({ where: { slug: "hello" } });
    expect(JSON.parse(hello.openapi!).info.title).toBe("Hello API");
    const admin = await db().user.create({
      data: {
        id: `usr_oa${Date.now()}`,
        email: `oa.${Date.now()}@example.com`,
        name: "OA Admin",
        passwordHash: "x",
        isPlatformAdmin: true,
      },
    });
    await setApiOpenApi(hello.id, null, { id: admin.id, email: admin.email }, null);
    await ensureCatalogDefaults();
    expect((await db().api.findUniqueOrThrow({ where: { slug: "hello" } })).openapi).toBeNull();
    await setApiOpenApi(hello.id, JSON.stringify(HELLO_OPENAPI), { id: admin.id, email: admin.email }, null);
    const events = await db().auditLog.findMany({
      where: { targetId: hello.id, event: { in: ["api.openapi_updated", "api.openapi_removed"] } },
    });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["api.openapi_updated", "api.openapi_removed"]));
    await expect(setApiOpenApi(hello.id, "{}", { id: admin.id, email: admin.email }, null)).rejects.toBeInstanceOf(AppError);
  });
});

describe("reference model", () => {
  it("lists operations and lets Try it call only paths under the API's console endpoint", () => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/api/hello": { get: { summary: "hi", parameters: [{ name: "q", in: "query" }], responses: { "200": { description: "ok" } } } },
        "/api/hello/{id}": { parameters: [{ name: "id", in: "path" }], delete: { responses: { "204": { description: "gone" } } } },
        "/elsewhere": { post: { responses: { "200": { description: "ok" } } } },
      },
    };
    const ops = operations(doc);
    expect(ops.map((o) => o.key)).toEqual(["GET /api/hello", "DELETE /api/hello/{id}", "POST /elsewhere"]);
    expect(ops[1]!.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(tryableOperations(ops, "/api/hello").map((o) => o.key)).toEqual(["GET /api/hello", "DELETE /api/hello/{id}"]);
    expect(tryableOperations(ops, "https://other.example/api")).toEqual([]);
    expect(fillPath("/api/hello/{id}", { id: "a/b" })).toBe("/api/hello/a%2Fb");
    expect(fillPath("/api/hello/{id}", {})).toBeNull();
  });
});
