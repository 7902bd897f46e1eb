// A signed-in session for the page benches (bench/pages.ts, bench/scale.ts), made the way sign-in makes
// it (tests/factories/sessions.ts: a Session row and the Auth.js cookie naming it). Needs E2E_DATA_DIR
// (or DATA_DIR) / E2E_DATABASE_URL of the running console (its master key and database).
import { request } from "node:http";
import { gzipSync } from "node:zlib";
import { testDb } from "../e2e/fixtures/db";
import { makeSession } from "../tests/factories/sessions";

/** The Cookie header of a live session for `userId` (tests/factories/sessions.ts, with the fixtures' client). */
export async function sessionCookie(userId: string, maxAgeSeconds = 3600): Promise<string> {
  const { name, value } = await makeSession(testDb(), userId, { maxAgeSeconds });
  return `${name}=${value}`;
}

/** GET with the cookie; the status, the body and the time to last byte (ms). */
export async function timedGet(url: string, cookie?: string): Promise<{ status: number; body: string; ms: number }> {
  const t0 = performance.now();
  // One retry when a kept-alive connection was closed under us (e.g. after minutes of seeding).
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" }).catch(() =>
    fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" }),
  );
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0 };
}

/**
 * Every JavaScript file under /_next/static a page's HTML refers to: <script src>, <link
 * rel=preload/modulepreload> and the chunk lists in the inline React Server Components payload (the
 * client components' chunks, loaded during hydration). Same-origin paths, deduplicated; without the
 * <script nomodule> polyfills (not loaded by browsers that support ES modules).
 */
export function scriptPaths(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/(?:\/_next\/)?(static\/[A-Za-z0-9_\-./~%]+?\.js)(?=[?"'\\\s])/g)) found.add(`/_next/${m[1]}`);
  // <script nomodule>: the legacy polyfills, which browsers with ES modules do not load.
  for (const m of html.matchAll(/<script\b[^>]*\bnomodule\b[^>]*>/gi)) {
    const src = /\bsrc="([^"]+)"/.exec(m[0])?.[1];
    if (src) found.delete(src.split("?")[0]!);
  }
  return [...found].sort();
}

/**
 * Bytes of one static file on the wire: asked for with Accept-Encoding: gzip; when the server answers
 * gzip, the bytes it sent; otherwise the body gzipped here at zlib's default level (what a gzip-ing
 * proxy would send). Also the uncompressed size.
 */
export function wireBytes(origin: string, pathname: string): Promise<{ wire: number; raw: number; gzippedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${pathname}`, { headers: { "accept-encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", async () => {
        if (res.statusCode !== 200) return reject(new Error(`${pathname} answered ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        if (res.headers["content-encoding"] === "gzip") {
          const { gunzipSync } = await import("node:zlib");
          resolve({ wire: body.length, raw: gunzipSync(body).length, gzippedByServer: true });
        } else resolve({ wire: gzipSync(body).length, raw: body.length, gzippedByServer: false });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
