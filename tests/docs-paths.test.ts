// Every repository path the written docs cite exists: README.md and docs/*.md (docs/architecture.md
// included). A path is a link target (relative to the file) or a path-like word under one of the
// repository's top-level folders, in prose, backticks or code blocks: `lib/oauth/keys.ts`,
// `e2e/oidc-*.spec.ts` (a glob: something must match), `app/oauth2/{token,revoke}/route.ts` (each
// alternative), `lib/users/accounts` (a module: .ts, .tsx, .js or .mjs), `docs/screenshots/` (a folder).
// CHANGELOG.md is history and may name what is gone.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const TOP = [".ci", "app", "bench", "cli", "components", "content", "docs", "e2e", "lib", "prisma", "public", "scripts", "tests"];
const SKIP = new Set([".git", ".next", "node_modules", "data", ".tmp", "test-results", "playwright-report"]);

/** Every file and folder of the repository (relative, "/"-separated), generated and installed ones aside. */
function repositoryEntries(): Set<string> {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      out.add(rel);
      if (entry.isDirectory()) walk(rel);
    }
  };
  walk("");
  return out;
}

function docFiles(): string[] {
  return [
    "README.md",
    ...readdirSync(path.join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
}

/** `a/{b,c}/d` → `a/b/d`, `a/c/d`; `x.ts(x)` → `x.ts`, `x.tsx`. */
export function expand(p: string): string[] {
  const tsx = /\.ts\(x\)$/.exec(p);
  if (tsx) return [...expand(p.slice(0, -3)), ...expand(p.slice(0, -3) + "x")];
  const m = /\{([^{}]*)\}/.exec(p);
  if (!m) return [p];
  return m[1]!.split(",").flatMap((alt) => expand(p.slice(0, m.index) + alt + p.slice(m.index + m[0].length)));
}

function globRegex(p: string): RegExp {
  let re = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "*" && p[i + 1] === "*") {
      re += ".*";
      i++;
      if (p[i + 1] === "/") i++;
    } else if (c === "*" || c === "…") re += "[^/]*";
    else re += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Whether the cited path names something in the repository. */
function exists(entries: Set<string>, cited: string): boolean {
  const p = cited.replace(/\/$/, "");
  if (/[*…]/.test(p)) {
    const re = globRegex(p);
    return [...entries].some((e) => re.test(e));
  }
  return ["", ".ts", ".tsx", ".js", ".mjs"].some((ext) => entries.has(p + ext));
}

const PATH_WORD = new RegExp(`(?<![\\w/.@~$-])(?:${TOP.map((t) => t.replace(".", "\\.")).join("|")})/[\\w.\\-/()\\[\\]{},*…@+]*`, "g");

/** Trims what prose puts after a path: a full stop, a comma, an unbalanced closing bracket. */
function trimmed(word: string): string {
  let w = word;
  for (;;) {
    const before = w;
    w = w.replace(/[.,]+$/, "");
    if (w.endsWith(")") && (w.match(/\(/g)?.length ?? 0) < (w.match(/\)/g)?.length ?? 0)) w = w.slice(0, -1);
    if (w.endsWith("]") && (w.match(/\[/g)?.length ?? 0) < (w.match(/\]/g)?.length ?? 0)) w = w.slice(0, -1);
    if (w.endsWith("}") && (w.match(/\{/g)?.length ?? 0) < (w.match(/\}/g)?.length ?? 0)) w = w.slice(0, -1);
    if (w === before) return w;
  }
}

export function citedPaths(file: string, text: string): string[] {
  const out = new Set<string>();
  // Link targets, relative to the file (a leading "/" is a console URL, not a file).
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!.split("#")[0]!;
    if (!target || /^[a-z]+:/i.test(target) || target.startsWith("/")) continue;
    out.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target))));
  }
  // Path-like words, relative to the repository (URLs are left out: their paths follow a host).
  const withoutUrls = text.replace(/https?:\/\/\S+/g, " ").replace(/\]\([^)]*\)/g, "]");
  for (const m of withoutUrls.matchAll(PATH_WORD)) for (const p of expand(trimmed(m[0]))) out.add(p);
  return [...out];
}

describe("paths cited in the docs", () => {
  const entries = repositoryEntries();

  it("finds the repository's files (the walk works)", () => {
    expect(entries.has("lib/oauth/keys.ts")).toBe(true);
    expect(statSync(path.join(ROOT, "docs")).isDirectory()).toBe(true);
  });

  it("reads paths out of prose, code, links, globs and braces", () => {
    expect(
      citedPaths(
        "docs/x.md",
        "See `lib/oauth/keys.ts`. Specs `e2e/oidc-*.spec.ts`, (lib/a/{b,c}.ts) [t](../content/docs/faq.mdx#q) and " +
          "`app/(console)/apps/[appId]/page.tsx`, http://localhost:3000/docs/faq, /docs/cli and `apps/register/{page,actions}.ts(x)`.",
      ).sort(),
    ).toEqual([
      "app/(console)/apps/[appId]/page.tsx",
      "content/docs/faq.mdx",
      "e2e/oidc-*.spec.ts",
      "lib/a/b.ts",
      "lib/a/c.ts",
      "lib/oauth/keys.ts",
    ]);
    expect(exists(entries, "lib/users/accounts")).toBe(true);
    expect(exists(entries, "e2e/oidc-*.spec.ts")).toBe(true);
    expect(exists(entries, "lib/http.ts")).toBe(false);
  });

  for (const file of docFiles()) {
    it(`${file}: every cited path exists`, () => {
      const missing = citedPaths(file, readFileSync(path.join(ROOT, file), "utf8")).filter((p) => !exists(entries, p));
      expect(missing, `${file} cites paths that do not exist`).toEqual([]);
    });
  }
});
