// The management API's route table asks the permission table: a route's platform action is one its
// token scope lists (so the scope page and the route agree), and catalog or usage never ride on
// companies.read.
import { describe, expect, it } from "vitest";
import { PLATFORM_PERMISSIONS, TOKEN_SCOPES } from "../permissions";
import { ROUTES } from "./routes";

describe("management routes and the permission table", () => {
  it("guards each platform route with an action its scope lists", () => {
    const known = new Set<string>(PLATFORM_PERMISSIONS.map((p) => p.action));
    const platformRoutes = ROUTES.filter((r) => r.permission && "platform" in r.permission);
    expect(platformRoutes.length).toBeGreaterThan(0);
    for (const r of platformRoutes) {
      const action = (r.permission as { platform: string }).platform;
      expect(known).toContain(action);
      const scope = TOKEN_SCOPES.find((s) => s.scope === r.scope);
      expect(scope, `${r.method} ${r.path}`).toBeTruthy();
      expect(scope!.platform as readonly string[], `${r.method} ${r.path}`).toContain(action);
    }
  });

  it("names the company and platform actions per route as the table says", () => {
    const platformOf = (method: string, p: string) => {
      const perm = ROUTES.find((r) => r.method === method && r.path === p)?.permission;
      return perm && "platform" in perm ? perm.platform : null;
    };
    expect(platformOf("GET", "/companies")).toBe("companies.read");
    expect(platformOf("POST", "/companies")).toBe("companies.manage");
    expect(platformOf("GET", "/companies/{companyId}")).toBe("companies.read");
    expect(platformOf("PATCH", "/companies/{companyId}")).toBe("companies.manage");
    expect(platformOf("PUT", "/companies/{companyId}/apis/{apiId}")).toBe("companies.apis.manage");
  });
});
