import { describe, expect, it } from "vitest";
import { adminWithEveryScope, call, routeFiles } from "../../tests/api-v1";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; operationId: string; requestBody?: unknown }>>;
};
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

async function document(): Promise<Doc> {
  const r = await call("GET", "/openapi.json");
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toContain("application/json");
  return (await r.json()) as Doc;
}

describe("GET /api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 and lists exactly the routes the files serve", async () => {
    const doc = await document();
    expect(doc.openapi).toBe("3.1.0");
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const served = new Set<string>();
    for (const [apiPath, file] of routeFiles()) {
      if (apiPath === "/openapi.json") continue;
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === "function") served.add(`${m} ${apiPath}`);
    }
    expect([...served].sort()).toEqual([...documented].sort());
    expect(documented.size).toBeGreaterThan(20);
    // Every operation names its success answer and the problems.
    for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) expect(op.responses["401"]).toBeTruthy();
  });

  it("every documented operation answers with one of its documented statuses", async () => {
    const { token } = await adminWithEveryScope();
    const doc = await document();
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = p.replace(/\{(\w+)\}/g, (_, name: string) => `${name.slice(0, 3)}_doesNotExist`);
        const r = await call(method.toUpperCase(), url, { token, body: op.requestBody ? {} : undefined });
        expect(Object.keys(op.responses), `${method} ${p} answered ${r.status}`).toContain(String(r.status));
      }
    }
  }, 180_000); // many sequential calls: bounded work, slow only on a loaded machine
});
