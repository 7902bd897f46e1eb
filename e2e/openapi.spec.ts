// OpenAPI per API, signed in: the platform administrator uploads a document on /admin/apis/<id> (a
// broken one is refused with its JSON path); a developer reads the Hello API's reference (its own
// document, seeded at start), downloads it, and calls the Hello API with Try it — 200, and the app's
// call count rises — with a Client Credentials app and with an Authorization Code app.
import { newId } from "../lib/ids.ts";
import { auditEvents, testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { registerHelloApp } from "./support/apps";

// Sign-up, sign-in and the first compilations are slow on a shared machine.
test.describe.configure({ timeout: 300_000 });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("the platform administrator uploads an OpenAPI document; a broken one is refused with its path", async ({ admin }) => {
  const page = admin.page;
  const db = await testDb();
  const slug = `orders-${Date.now().toString(36)}`;
  const api = await db.api.create({
    data: { id: newId("api"), slug, name: unique("Orders API"), endpoint: "/api/orders", summary: "Orders." },
  });
  await page.goto(`/admin/apis/${api.id}`);
  await expect(page.getByRole("heading", { name: "OpenAPI document" })).toBeVisible();

  const broken = {
    openapi: "3.1.0",
    info: { title: "Orders", version: "1" },
    paths: { "/api/orders": { get: { responses: { "200": { description: 7 } } } } },
  };
  await page.getByRole("textbox", { name: "OpenAPI document", exact: true }).fill(JSON.stringify(broken, null, 2));
  await page.getByRole("button", { name: "Save OpenAPI document" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The OpenAPI document is not valid." })).toBeVisible();
  await expect(page.getByTestId("openapi-errors")).toContainText("/paths/~1api~1orders/get/responses/200/description");
  expect((await db.api.findUniqueOrThrow({ where: { id: api.id } })).openapi).toBeNull();

  // A valid document as a YAML file.
  const yaml = [
    "openapi: 3.1.0",
    "info:",
    "  title: Orders",
    "  version: '2.0'",
    "paths:",
    "  /api/orders/{orderId}:",
    "    get:",
    "      summary: Read one order",
    "      parameters:",
    "        - name: orderId",
    "          in: path",
    "          required: true",
    "          schema: { type: string }",
    "      responses:",
    "        '200':",
    "          description: The order.",
    "          content:",
    "            application/json:",
    "              schema: { $ref: '#/components/schemas/Order' }",
    "components:",
    "  schemas:",
    "    Order:",
    "      type: object",
    "      required: [id]",
    "      properties:",
    "        id: { type: string, description: The order's id. }",
    "",
  ].join("\n");
  await page.getByLabel("OpenAPI file").setInputFiles({ name: "orders.yaml", mimeType: "application/yaml", buffer: Buffer.from(yaml) });
  await page.getByRole("button", { name: "Save OpenAPI document" }).click();
  await expect(page.getByRole("status").filter({ hasText: "OpenAPI document saved (OpenAPI 3.1.0" })).toBeVisible();
  const stored = JSON.parse((await db.api.findUniqueOrThrow({ where: { id: api.id } })).openapi!);
  expect(stored.info.version).toBe("2.0");
  expect(await auditEvents(api.id, "api.openapi_updated")).toHaveLength(1);

  // The reference renders it (the administrator sees every API), with its schema resolved.
  await page.goto(`/apis/${slug}/reference`);
  await expect(page.getByRole("heading", { level: 3, name: /GET \/api\/orders\/\{orderId\}/ })).toBeVisible();
  await expect(page.getByText("The order's id.").first()).toBeVisible();
  // Not a console path: no Try it.
  await expect(page.getByText("Try it calls only APIs this console serves")).toBeVisible();
});

test("a developer reads the Hello API reference, downloads it, and Try it returns 200 and counts in the app's usage", async ({
  member,
}) => {
  const { page } = await member(["API_DEVELOPER"], { name: "Reference Dev" });
  const name = unique("Reference App");
  const { appId, secret } = await registerHelloApp(page, name);

  await page.goto("/apis/hello");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello API reference" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /GET \/api\/hello/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Schemas" })).toBeVisible();
  await expect(page.getByText("Example: A Client Credentials token")).toBeVisible();

  const download = await page.request.get("/apis/hello/openapi.json");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain("hello-openapi.json");
  expect(((await download.json()) as { info: { title: string } }).info.title).toBe("Hello API");

  const db = await testDb();
  const callsOf = async () => (await db.usageCounter.findMany({ where: { appId } })).reduce((sum, c) => sum + c.calls, 0);
  const before = await callsOf();

  await page.getByLabel("App", { exact: true }).selectOption({ label: name });
  await expect(page.getByLabel("Operation", { exact: true })).toHaveValue("GET /api/hello");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("try-it-status")).toHaveText("Status: 200");
  await expect(page.getByTestId("try-it-body")).toContainText(`Hello, ${name}!`);
  await expect(page.getByTestId("try-it-headers")).toContainText("content-type: application/json");
  const shown = (await page.getByTestId("try-it-request").textContent()) ?? "";
  expect(shown).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/hello/);
  expect(shown).toMatch(/Authorization: Bearer [^\s]{8}…[^\s]{8}/);
  expect(await page.content()).not.toContain(secret);
  expect(await auditEvents(appId, "app.api_tried")).toHaveLength(1);

  // The recorder flushes every 2 s: the app's call count rises by the one Try it call.
  await expect.poll(callsOf, { timeout: 15_000 }).toBe(before + 1);
});

test("Try it with an Authorization Code app: the developer's own code grant (PKCE), 200, counted, and no token or consent left behind", async ({
  member,
}) => {
  const { page, email } = await member(["API_DEVELOPER"], { name: "Code Dev" });
  const name = unique("Code App");
  await page.goto("/apps/register");
  await page.getByLabel("Web server").check();
  await page.getByLabel("Name of your application").fill(name);
  await page.getByLabel("Redirect URL", { exact: true }).fill("https://client.example/callback");
  await page.getByLabel("Hello API", { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
  const appId = new URL(page.url()).pathname.split("/").pop()!;
  const secret = await page.getByLabel("Client Secret").inputValue();

  const db = await testDb();
  const callsOf = async () => (await db.usageCounter.findMany({ where: { appId } })).reduce((sum, c) => sum + c.calls, 0);
  const before = await callsOf();
  await page.goto("/apis/hello/reference");
  await expect(page.getByText("An Authorization Code app acts for you")).toBeVisible();
  await page.getByLabel("App", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByTestId("try-it-status")).toHaveText("Status: 200");
  await expect(page.getByTestId("try-it-body")).toContainText(`Hello, ${name}!`);
  expect(await page.content()).not.toContain(secret);
  expect(await auditEvents(appId, "app.api_tried")).toHaveLength(1);
  // A real authorization-code grant for this developer, with PKCE, whose tokens and consent are gone now.
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const code = await db.authorizationCode.findFirstOrThrow({ where: { appId } });
  expect(code).toMatchObject({ userId: user.id, codeChallengeMethod: "S256" });
  expect((await db.tokenGrant.findFirstOrThrow({ where: { appId } })).revokedReason).toBe("try_it");
  expect((await db.consentGrant.findFirstOrThrow({ where: { appId, userId: user.id } })).revokedAt).not.toBeNull();
  await expect.poll(callsOf, { timeout: 15_000 }).toBe(before + 1);
});

test("references are complete only after sign-in", async ({ request }) => {
  const res = await request.get("/apis/hello/reference", { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect(res.headers()["location"]).toContain("/signin");
  expect((await request.get("/apis/hello/openapi.json", { maxRedirects: 0 })).status()).toBe(307);
});
