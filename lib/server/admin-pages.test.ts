// Every platform administrator page guards itself with the action PLATFORM_PAGES names for its path
// (lib/permissions.ts), and nothing in app/ or components/ reads the platform flag past the table.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { platformActionForPath } from "../permissions";

const root = path.resolve(import.meta.dirname, "../..");

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full, keep) : keep(e.name) ? [full] : [];
  });
}

/** app/(console)/admin/apis/[apiId]/page.tsx → /admin/apis/apiId (groups dropped, a dynamic segment as a sample value). */
function routeOf(file: string): string {
  const dir = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  return `/${dir
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[+\.*|\]+$/g, ""))
    .join("/")}`;
}

describe("platform administrator pages", () => {
  const pages = files(path.join(root, "app/(console)/admin"), (n) => n === "page.tsx");

  it("each guards itself with its action from PLATFORM_PAGES, and checks no other", () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const file of pages) {
      const route = routeOf(file);
      const expected = platformActionForPath(route);
      expect(expected, `${route} has no row in PLATFORM_PAGES`).not.toBeNull();
      const source = readFileSync(file, "utf8");
      const guards = [...source.matchAll(/requirePlatformAdminPage\([^;]*?,\s*"([a-z.]+)"\)/g)].map((m) => m[1]);
      expect(guards.length, `${route} does not call requirePlatformAdminPage(path, action)`).toBeGreaterThan(0);
      const checks = [...source.matchAll(/canPlatform\([^,]+,\s*"([a-z.]+)"\)/g)].map((m) => m[1]);
      for (const action of [...guards, ...checks]) expect(action, route).toBe(expected);
    }
  });

  it("nothing in app/ or components/ reads isPlatformAdmin: permissions go through lib/permissions.ts", () => {
    const sources = [
      ...files(path.join(root, "app"), (n) => /\.tsx?$/.test(n)),
      ...files(path.join(root, "components"), (n) => /\.tsx?$/.test(n)),
    ];
    const readers = sources.filter((f) => readFileSync(f, "utf8").includes("isPlatformAdmin")).map((f) => path.relative(root, f));
    expect(readers).toEqual([]);
  });
});
