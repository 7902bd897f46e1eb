// `npx tsx scripts/duplicate-exports.ts`: the exported names defined in more than one file of app/,
// components/ and lib/ (tests and the generated Prisma clients aside), each with the files defining it.
// Next.js's own export names (default, GET, POST, metadata, …) are expected in many files and left out.
// Exits 1 when it finds any, so it can guard CI.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOTS = ["app", "components", "lib"];
const NEXT_NAMES = new Set([
  "default",
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
  "metadata",
  "dynamic",
  "runtime",
  "revalidate",
  "generateMetadata",
  "viewport",
  "generateViewport",
  "generateStaticParams",
]);
const DEFINITION = /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return files(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const definedIn = new Map<string, string[]>();
for (const file of ROOTS.flatMap(files)) {
  for (const m of readFileSync(file, "utf8").matchAll(DEFINITION)) {
    const name = m[1]!;
    if (NEXT_NAMES.has(name)) continue;
    definedIn.set(name, [...(definedIn.get(name) ?? []), file]);
  }
}
const twice = [...definedIn].filter(([, where]) => new Set(where).size > 1).sort(([a], [b]) => a.localeCompare(b));
for (const [name, where] of twice) console.log(`${name}: ${[...new Set(where)].join(", ")}`);
console.log(`${twice.length} exported name(s) defined in more than one file`);
process.exit(twice.length ? 1 : 0);
