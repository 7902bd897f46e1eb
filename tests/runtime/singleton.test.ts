// lib/ is loaded twice in the server (the Next.js bundle and scripts/serve.ts under tsx), so state a
// module keeps must live in lib/runtime/singleton.ts to be shared. This test fails when a module in
// lib/ keeps mutable state at module level outside singleton() / lruCache() (a Map, Set, array, LRU,
// AsyncLocalStorage, or a `let`), and shows for the two modules that kept state per copy by mistake
// (lib/resource/usage-hook.ts, lib/apis/catalog.ts) and for the caches that two copies share one state.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") continue;
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|js)$/.test(name) && !/\.(test|d)\.ts$/.test(name)) out.push(full);
  }
  return out;
}

// Module-level (column 0) declarations that hold mutable state.
const STATEFUL =
  /^(export\s+)?(let\s+\w+|var\s+\w+|const\s+\w+(\s*:\s*[^=]+)?\s*=\s*(new\s+(Map|Set|WeakMap|LRUCache|AsyncLocalStorage|Array)\b|\[\s*\]|\{\s*\}))/;
// Allowed with a reason on the line (or the line before): "read-only" tables, and "memo:" values derived
// deterministically (the same in every copy, so a second copy costs a recomputation, not a wrong answer).
const REASON = /\/\/ (read-only|memo:)/;
const ALLOWED_FILES = new Set(["lib/runtime/singleton.ts"]);

/** Module-level state outside singleton(): "file:line: text" for each. */
export function perCopyState(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const rel = path.relative(root, file);
    if (ALLOWED_FILES.has(rel)) continue;
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i, lines) => {
        const reasoned = REASON.test(line) || REASON.test(lines[i - 1] ?? "");
        if (STATEFUL.test(line) && !reasoned && !/singleton\(|lruCache\(/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
        if (/^[^/]*globalThis/.test(line)) found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe("state on one copy", () => {
  it("no module in lib/ keeps mutable state per copy (outside lib/runtime/singleton)", () => {
    expect(perCopyState(sources(path.join(root, "lib")))).toEqual([]);
  });

  it("the scan finds the two mistakes of before (state per copy)", () => {
    const before = [
      "const apiIdBySlug = new Map<string, string>();",
      "const searchCache = new Map<string, { at: number; items: Searchable[] }>();",
      "let cached: Env | undefined;",
      "const holder = globalThis as unknown as { __x?: number };",
    ];
    expect(before.filter((line) => STATEFUL.test(line) || /globalThis/.test(line))).toEqual(before);
  });

  it("two copies of lib/ share the caches, the usage attribution and the metrics registry", async () => {
    const first = {
      usage: await import("../../lib/resource/usage-hook"),
      cache: await import("../../lib/cache"),
      singleton: await import("../../lib/runtime/singleton"),
    };
    vi.resetModules(); // the second copy, as scripts/serve.ts loads it beside the Next.js bundle
    const second = {
      cache: await import("../../lib/cache"),
      singleton: await import("../../lib/runtime/singleton"),
    };
    expect(second.cache).not.toBe(first.cache);
    // A cache filled through one copy is seen (and forgotten) through the other.
    const a = first.cache.lruCache<string, string>("test.shared", 10);
    a.set("k", "v");
    expect(second.cache.lruCache<string, string>("test.shared", 10).get("k")).toBe("v");
    let heard = 0;
    first.cache.onInvalidate("test.listener", ["catalog"], () => heard++);
    second.cache.invalidate("catalog");
    expect(heard).toBe(1);
    // usage-hook's slug → id map is one object for both copies.
    expect(first.usage).toBeDefined();
    expect(second.singleton.singletonNames()).toContain("usage.apiIdBySlug");
    expect(second.singleton.singleton("usage.apiIdBySlug", () => new Map())).toBe(
      first.singleton.singleton("usage.apiIdBySlug", () => new Map()),
    );
  });
});
