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

  it("nominates Delegated Administrators with every role, so they can grant each in turn", async () => {
    const { NOMINATED_DA_ROLES } = await import("./permissions");
    expect(grantableRoles(NOMINATED_DA_ROLES)).toEqual([...ROLES]);
  });
});
