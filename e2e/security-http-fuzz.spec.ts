// HTTP-level fuzzing of the route handlers through the real server: hostile forms, headers and query
// strings (malformed, overlong, wrongly-typed, unicode, injection-shaped). Each answer is a 4xx (or a
// success) with a clear message, never a 5xx, and the database holds no more tokens than before.
// FUZZ_RUNS bounds the runs per endpoint (default 60). Prints how many inputs were tried.
import { type APIRequestContext, type APIResponse, expect, test } from "@playwright/test";
import fc from "fast-check";
import { PASSWORD } from "../tests/factories/constants";
import { makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { closeTestDb, testDb } from "./fixtures/db";
import { signInAs } from "./fixtures/test";
import { ADMIN } from "./helpers";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
let tried = 0;

const INJECTIONS = [
  "' OR '1'='1",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "${7*7}",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u202e\u0041\u0042",
  "a\r\nSet-Cookie: x=1",
  "𝕳𝖊𝖑𝖑𝖔",
  "🦄".repeat(50),
  "https://evil.example/cb",
  "//evil.example",
  "",
];
const hostile = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.integer({ min: 200, max: 9000 }).map((n) => "x".repeat(n)),
  fc.constantFrom(
    "authorization_code",
    "client_credentials",
    "password",
    "refresh_token",
    "implicit",
    "code",
    "token",
    "S256",
    "plain",
    "hello",
  ),
);
// Header values must be Latin-1 without control characters to be sent at all.
const headerSafe = hostile.map((s) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 4000));
const FIELDS = [
  "grant_type",
  "client_id",
  "client_secret",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
  "username",
  "password",
  "scope",
  "token",
  "token_type_hint",
  "response_type",
  "state",
  "code_challenge",
  "code_challenge_method",
];
const formBody = fc.array(fc.tuple(fc.constantFrom(...FIELDS, "x"), hostile), { maxLength: 8 });
const authHeader = fc.option(
  fc.oneof(
    headerSafe.map((s) => `Basic ${Buffer.from(s).toString("base64")}`),
    headerSafe.map((s) => `Basic ${s}`),
    headerSafe.map((s) => `Bearer ${s}`),
    headerSafe,
  ),
  { nil: undefined },
);
const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded",
  "application/json",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded; charset=utf-16",
);

async function expectNoServerError(res: APIResponse, what: string): Promise<void> {
  tried++;
  const body = await res.text();
  expect(res.status(), `${what} → ${res.status()} ${body.slice(0, 300)}`).toBeLessThan(500);
  expect(body, what).not.toMatch(/PrismaClient|at [\w.]+ \(\/|node_modules|SQLITE_|syntax error at or near/);
}

async function tokenRows(): Promise<number> {
  const db = testDb();
  return (await db.tokenGrant.count()) + (await db.refreshToken.count()) + (await db.authorizationCode.count());
}

test.afterAll(async () => {
  console.log(`[fuzz] HTTP inputs tried: ${tried}`);
  await closeTestDb();
});

test("token, revoke and introspect endpoints answer hostile forms with RFC 6749 JSON errors, never a 5xx", async ({ request }) => {
  test.setTimeout(240_000);
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials", "password", "refresh_token", "authorization_code"] });
  const user = await makeUser(testDb());
  const realBasic = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`;
  const before = await tokenRows();
  for (const path of ["/oauth2/token", "/oauth2/revoke", "/oauth2/introspect"]) {
    await fc.assert(
      fc.asyncProperty(formBody, authHeader, contentType, fc.boolean(), async (fields, auth, type, useRealClient) => {
        // Half the runs come from the real client, so the grant code paths (not only client authentication) see hostile input.
        const params = new URLSearchParams(fields);
        if (useRealClient && params.get("username") === user.email) params.set("password", "not-" + PASSWORD);
        const headers: Record<string, string> = { "content-type": type };
        const authorization = useRealClient ? realBasic : auth;
        if (authorization) headers.authorization = authorization;
        const res = await request.post(path, { headers, data: params.toString(), failOnStatusCode: false });
        await expectNoServerError(res, `${path} ${params.toString().slice(0, 200)}`);
        if (res.status() >= 400) {
          const json = JSON.parse((await res.text()) || "{}") as { error?: string; error_description?: string };
          expect(typeof json.error, path).toBe("string");
          expect(res.headers()["cache-control"]).toContain("no-store");
        }
      }),
      { numRuns: RUNS },
    );
  }
  // Hostile input issued no refresh tokens, codes or grants (the real client's valid grant types aside:
  // a client_credentials answer writes no row).
  expect(await tokenRows()).toBe(before);
});

test("the authorization endpoint, the Hello API, usage export and the JSON routes refuse hostile input without a 5xx", async ({
  request,
  page,
}) => {
  test.setTimeout(240_000);
  const query = fc.array(
    fc.tuple(fc.constantFrom(...FIELDS, "client_id", "period", "appId", "from", "to", "format", "cursor", "q"), hostile),
    { maxLength: 8 },
  );
  await fc.assert(
    fc.asyncProperty(query, async (fields) => {
      const qs = new URLSearchParams(fields).toString();
      await expectNoServerError(
        await request.get(`/oauth2/authorize?${qs}`, { maxRedirects: 0, failOnStatusCode: false }),
        `authorize ${qs.slice(0, 200)}`,
      );
      await expectNoServerError(
        await request.get(`/usage/export?${qs}`, { maxRedirects: 0, failOnStatusCode: false }),
        `usage/export ${qs.slice(0, 200)}`,
      );
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(authHeader, async (auth) => {
      const res = await request.get("/api/hello", { headers: auth ? { authorization: auth } : {}, failOnStatusCode: false });
      await expectNoServerError(res, `hello ${auth?.slice(0, 100)}`);
      expect(res.status()).toBe(401);
      expect(res.headers()["www-authenticate"]).toMatch(/^Bearer/);
    }),
    { numRuns: RUNS },
  );
  // Signed out and signed in (a platform administrator, who may call every JSON route): hostile ids and queries.
  await signInAs(page.context(), await testDb().user.findUniqueOrThrow({ where: { email: ADMIN.email } }));
  const admin = page.request;
  expect(((await (await admin.get("/api/auth/session")).json()) as { user?: { email?: string } } | null)?.user?.email).toBe(ADMIN.email);
  const routes = ["/api/company/apps", "/api/company/audit", "/api/company/members", "/api/admin/audit", "/api/admin/companies"];
  const idRoutes = ["/api/company/members/", "/api/admin/companies/"];
  for (const ctx of [request, admin] as APIRequestContext[]) {
    await fc.assert(
      fc.asyncProperty(query, hostile, fc.constantFrom("GET", "POST", "PATCH", "PUT", "DELETE"), async (fields, id, method) => {
        const qs = new URLSearchParams(fields).toString();
        for (const r of routes)
          await expectNoServerError(
            await ctx.fetch(`${r}?${qs}`, { method, failOnStatusCode: false, maxRedirects: 0 }),
            `${method} ${r}?${qs.slice(0, 200)}`,
          );
        for (const r of idRoutes) {
          await expectNoServerError(
            await ctx.fetch(r + encodeURIComponent(id.slice(0, 2000)), {
              method,
              data: Object.fromEntries(fields),
              failOnStatusCode: false,
              maxRedirects: 0,
            }),
            `${method} ${r}${id.slice(0, 100)}`,
          );
        }
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 3)) },
    );
  }
});
