// Mutations refuse cross-site origins: a server action POSTed with a foreign Origin (the sign-up form,
// replayed the way a browser without JavaScript submits it) is refused and creates nothing, while the
// same POST from the console's own origin works; Auth.js's sign-in endpoint refuses a POST without its
// CSRF token. And under https (CONSOLE_URL=https://…, a second server on a fresh database), pages carry
// HSTS and Auth.js's cookies are Secure (__Host-/__Secure- prefixed).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { closeTestDb, testDb } from "./fixtures/db";
import { uniqueEmail } from "./helpers";

const decode = (s: string) =>
  s.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden $ACTION_* fields of the first form with a server action on the page. */
function actionFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?\/?>/g))
    fields[m[1]!] = decode(m[2] ?? "");
  expect(Object.keys(fields).length).toBeGreaterThan(0);
  return fields;
}

test.afterAll(async () => closeTestDb());

test("a server action posted from another site is refused and changes nothing; from the console it works", async ({ request, baseURL }) => {
  const action = actionFields(await (await request.get("/signup")).text());
  const submit = async (email: string, origin: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(action)) form.append(k, v);
    form.append("name", "Origin Checker");
    form.append("email", email);
    form.append("password", PASSWORD);
    return request.post("/signup", { multipart: form, headers: { origin }, maxRedirects: 0, failOnStatusCode: false });
  };
  const foreign = uniqueEmail("origin-foreign");
  for (const origin of ["https://evil.example", "null", "http://127.0.0.1.evil.example"]) {
    const res = await submit(foreign, origin);
    expect(res.status(), origin).not.toBe(303);
    expect(res.headers()["set-cookie"] ?? "", origin).not.toMatch(/authjs\.session-token/);
  }
  expect(await testDb().user.count({ where: { email: foreign } })).toBe(0);

  const own = uniqueEmail("origin-own");
  const res = await submit(own, baseURL!);
  expect(res.status()).toBeLessThan(400);
  expect(await testDb().user.count({ where: { email: own } })).toBe(1);
});

test("Auth.js's credentials endpoint refuses a POST without its CSRF token (no session cookie)", async ({ request }) => {
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email: "platform.admin@example.com", password: "admin-password-for-e2e", callbackUrl: "/" },
    headers: { origin: "https://evil.example" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(res.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=/);
  expect(res.headers()["location"] ?? "").toMatch(/error=MissingCSRF|\/signin|error/i);
});

test.describe("under https", () => {
  const port = Number(process.env.E2E_PORT ?? 3917) + 40;
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let dir = "";

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dir = mkdtempSync(path.join(os.tmpdir(), "console-https-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      CONSOLE_URL: `https://127.0.0.1:${port}`,
      DATA_DIR: dir,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.DATABASE_URL;
    delete env.CONSOLE_ADMIN_EMAIL;
    delete env.CONSOLE_ADMIN_PASSWORD;
    server = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts", "--no-build"], {
      env,
      stdio: "ignore",
      detached: true,
    });
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the https-configured console did not start");
  });

  test.afterAll(async () => {
    if (server?.pid) {
      process.kill(-server.pid, "SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test("pages carry HSTS and Auth.js cookies are Secure", async () => {
    const page = await fetch(`${base}/signin`, { headers: { "x-forwarded-proto": "https" } });
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "x-forwarded-proto": "https" } });
    const cookies = csrf.headers.getSetCookie();
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) {
      expect(c).toMatch(/^__(Host|Secure)-authjs\./);
      expect(c).toMatch(/;\s*Secure/i);
      expect(c).toMatch(/;\s*HttpOnly/i);
      expect(c).toMatch(/;\s*SameSite=Lax/i);
    }
  });
});
