import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, can, grantableRoles } from "./permissions";

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
