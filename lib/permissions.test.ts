import { describe, expect, it } from "vitest";
import { APP_OPERATION_RULES, appOperationsFor, can, canOnApp, grantableRoles, PERMISSIONS, ROLES } from "./permissions";

describe("permissions as data", () => {
  it("lets only API Developers register apps and only Delegated Administrators manage members", () => {
    expect(can(["API_DEVELOPER"], "apps.register")).toBe(true);
    expect(can(["DELEGATED_ADMIN"], "apps.register")).toBe(false);
    expect(can(["DELEGATED_ADMIN"], "members.manage")).toBe(true);
    expect(can(["API_DEVELOPER"], "members.manage")).toBe(false);
    expect(can([], "apis.read")).toBe(false);
  });

  it("never lets a role grant a role its holder does not hold", () => {
    expect(grantableRoles(["DELEGATED_ADMIN"])).toEqual(["DELEGATED_ADMIN"]);
    expect(grantableRoles(["DELEGATED_ADMIN", "API_DEVELOPER"])).toEqual(["DELEGATED_ADMIN", "API_DEVELOPER"]);
    expect(grantableRoles(["API_DEVELOPER"])).toEqual([]);
  });

  it("names only known roles in the table", () => {
    for (const p of PERMISSIONS) for (const r of p.roles) expect(ROLES).toContain(r);
  });

  it("lets a developer manage their own apps and a Delegated Administrator see and switch any app off and on", () => {
    expect(appOperationsFor(["API_DEVELOPER"], true)).toEqual(["view", "reveal", "edit", "rotate", "deactivate", "reactivate", "delete"]);
    expect(appOperationsFor(["API_DEVELOPER"], false)).toEqual([]);
    expect(appOperationsFor(["DELEGATED_ADMIN"], false)).toEqual(["view", "deactivate", "reactivate"]);
    expect(appOperationsFor(["DELEGATED_ADMIN", "API_DEVELOPER"], false)).toEqual(["view", "deactivate", "reactivate"]);
    expect(canOnApp(["DELEGATED_ADMIN"], "reveal", false)).toBe(false);
    expect(appOperationsFor([], true)).toEqual([]);
    const known = new Set(PERMISSIONS.map((p) => p.action));
    for (const rule of Object.values(APP_OPERATION_RULES)) for (const a of [...rule.own, ...rule.company]) expect(known).toContain(a);
  });
});

describe("platform permissions as data", () => {
  it("belong to the platform administrator only, whatever company roles someone holds", async () => {
    const { PLATFORM_PERMISSIONS, canPlatform } = await import("./permissions");
    for (const p of PLATFORM_PERMISSIONS) {
      expect(canPlatform({ isPlatformAdmin: true }, p.action)).toBe(true);
      expect(canPlatform({ isPlatformAdmin: false }, p.action)).toBe(false);
    }
    expect(canPlatform({ isPlatformAdmin: true }, "members.manage" as never)).toBe(false);
  });

  it("gives the catalog, usage and companies their own actions, and each admin page the action that fits it", async () => {
    const { PLATFORM_PERMISSIONS, PLATFORM_PAGES, platformActionForPath } = await import("./permissions");
    const known = new Set<string>(PLATFORM_PERMISSIONS.map((p) => p.action));
    for (const a of ["catalog.read", "catalog.manage", "usage.read.all", "companies.read"]) expect(known).toContain(a);
    for (const page of PLATFORM_PAGES) expect(known).toContain(page.action);
    expect(new Set(PLATFORM_PAGES.map((p) => p.href)).size).toBe(PLATFORM_PAGES.length);
    expect(platformActionForPath("/admin/apis")).toBe("catalog.manage");
    expect(platformActionForPath("/admin/apis/new")).toBe("catalog.manage");
    expect(platformActionForPath("/admin/apis/api_123")).toBe("catalog.manage");
    expect(platformActionForPath("/admin/companies/com_1")).toBe("companies.read");
    expect(platformActionForPath("/admin/usage")).toBe("usage.read.all");
    expect(platformActionForPath("/admin/audit")).toBe("audit.read.all");
    expect(platformActionForPath("/admin/outbox")).toBe("outbox.read");
    expect(platformActionForPath("/admin/jobs")).toBe("jobs.read");
    expect(platformActionForPath("/admin/security")).toBe("security.manage.platform");
    expect(platformActionForPath("/admin/apisx")).toBeNull();
    expect(platformActionForPath("/apis")).toBeNull();
  });

  it("lets token scopes name only known actions; usage:read reaches every company's usage through usage.read.all", async () => {
    const { PLATFORM_PERMISSIONS, TOKEN_SCOPES, scopeHeldBy } = await import("./permissions");
    const platform = new Set<string>(PLATFORM_PERMISSIONS.map((p) => p.action));
    const company = new Set<string>(PERMISSIONS.map((p) => p.action));
    for (const s of TOKEN_SCOPES) {
      for (const a of s.platform) expect(platform).toContain(a);
      for (const a of s.actions) expect(company).toContain(a);
    }
    expect(TOKEN_SCOPES.find((s) => s.scope === "usage:read")!.platform).toEqual(["usage.read.all"]);
    // The admin scope keeps its meaning: the platform administrator holds it, nobody else does.
    expect(scopeHeldBy("admin", [], { isPlatformAdmin: true })).toBe(true);
    expect(scopeHeldBy("admin", ["DELEGATED_ADMIN", "API_DEVELOPER"], { isPlatformAdmin: false })).toBe(false);
    expect(scopeHeldBy("usage:read", [], { isPlatformAdmin: true })).toBe(true);
    expect(scopeHeldBy("usage:read", [], { isPlatformAdmin: false })).toBe(false);
  });

  it("nominates Delegated Administrators with every role, so they can grant each in turn", async () => {
    const { NOMINATED_DA_ROLES } = await import("./permissions");
    expect(grantableRoles(NOMINATED_DA_ROLES)).toEqual([...ROLES]);
  });
});
