// The page floor: a bare Next.js app (bench/floor-next: one dynamic page that reads a cookie, about
// 14 KiB of text, nothing else) built with the console's own Next.js and React (its node_modules), so a
// console page's rate can be compared with what Next.js itself serves on this machine in the same run.
// Built once into .tmp/floor-next (gitignored; rebuilt when its sources or the Next.js version change)
// and served by `next start` on its own port. No network: NEXT_TELEMETRY_DISABLED, no fonts.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root, startChild, waitFor } from "./common";

const SOURCE = path.join(root, "bench/floor-next");
const BUILD_DIR = path.join(root, ".tmp/floor-next");
const NEXT_BIN = path.join(root, "node_modules/next/dist/bin/next");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/** What the build depends on: the floor's sources and the Next.js and React versions. */
function sourceHash(): string {
  const hash = createHash("sha256");
  for (const f of files(SOURCE)) hash.update(path.relative(SOURCE, f)).update(readFileSync(f));
  for (const pkg of ["next", "react", "react-dom"]) hash.update(readFileSync(path.join(root, "node_modules", pkg, "package.json")));
  return hash.digest("hex");
}

/** Builds the floor app into .tmp/floor-next unless the build there is of the same sources. */
export function ensureFloorBuild(): string {
  const hash = sourceHash();
  const stamp = path.join(BUILD_DIR, ".floor-source-hash");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash && existsSync(path.join(BUILD_DIR, ".next/BUILD_ID"))) return BUILD_DIR;
  console.log("[bench] building the bare Next.js floor app (bench/floor-next → .tmp/floor-next) …");
  rmSync(BUILD_DIR, { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  cpSync(SOURCE, BUILD_DIR, { recursive: true });
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: BUILD_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`the floor app did not build:\n${r.stdout}\n${r.stderr}`);
  writeFileSync(stamp, hash);
  return BUILD_DIR;
}

/** The floor app served by `next start` on 127.0.0.1:`port` (a child stopped by stopChildren). */
export async function startFloor(port: number) {
  const dir = ensureFloorBuild();
  console.log(`[bench] starting the bare Next.js floor on 127.0.0.1:${port} …`);
  const proc = await startChild(
    "floor",
    [NEXT_BIN, "start", dir, "-H", "127.0.0.1", "-p", String(port)],
    { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    /Ready|started server|Local:/i,
  );
  await waitFor(`http://127.0.0.1:${port}/`);
  return { proc, origin: `http://127.0.0.1:${port}` };
}
