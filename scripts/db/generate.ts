// `npm run db:generate` (also the npm `postinstall`): writes prisma/postgres/schema.prisma from
// prisma/schema.prisma, then generates both Prisma clients, lib/generated/sqlite and
// lib/generated/postgres, offline (prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at an
// existing file so the CLI does not try to download a native engine it would not use).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { POSTGRES_SCHEMA, ROOT, SOURCE_SCHEMA, toPostgresSchema } from "./schemas.ts";

const started = Date.now();

const source = fs.readFileSync(SOURCE_SCHEMA, "utf8");
const derived = toPostgresSchema(source);
fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
if (!fs.existsSync(POSTGRES_SCHEMA) || fs.readFileSync(POSTGRES_SCHEMA, "utf8") !== derived) {
  fs.writeFileSync(POSTGRES_SCHEMA, derived);
}

const require = createRequire(import.meta.url);
const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");

function generate(schema: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, "generate", "--schema", schema], {
      cwd: ROOT,
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: "1", // no update check (no network here)
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma generate --schema ${path.relative(ROOT, schema)} failed (exit ${code}):\n${output}`));
    });
  });
}

try {
  const outputs = await Promise.all([generate(SOURCE_SCHEMA), generate(POSTGRES_SCHEMA)]);
  for (const out of outputs) {
    const line = out.split("\n").find((l) => l.includes("Generated Prisma Client"));
    console.log(line ? line.trim() : out.trim());
  }
  console.log(`db:generate: both clients generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
