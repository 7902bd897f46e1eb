// GET /docs/screenshots/<name>.png: the console's screenshots (docs/screenshots, taken by
// e2e/screenshots.spec.ts) for the API User Guide. Only plain file names of existing PNGs.
import { readFile } from "node:fs/promises";
import path from "node:path";

export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!/^[a-z0-9-]+\.png$/.test(name)) return new Response("Not found", { status: 404 });
  try {
    const png = await readFile(path.join(process.cwd(), "docs", "screenshots", name));
    return new Response(new Uint8Array(png), { headers: { "content-type": "image/png", "cache-control": "public, max-age=3600" } });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}
