// Webhooks through the real server: a Delegated Administrator adds an endpoint on /company/webhooks (the
// signing secret shown once, and again after the password), sends a test event, sees a failed delivery
// in the log and resends it, and a member added on /company/users reaches the receiver through the job
// runner. The receiver, started here, verifies every signature with the `standardwebhooks` library.
// Private addresses and plain http are refused at the field.
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { PASSWORD } from "../tests/factories/constants";
import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";

// Beside the run's SMTP port (each run has its own), so side-by-side runs do not meet.
const RECEIVER_PORT = Number(process.env.E2E_SMTP_PORT ?? 4550) + 6;
const slow = expect.configure({ timeout: 30_000 });

interface Delivery {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
let server: Server;
const deliveries: Delivery[] = [];
const failNext = new Map<string, number>(); // path → how many requests to answer 500

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      deliveries.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString() });
      const fails = failNext.get(path) ?? 0;
      if (fails > 0) {
        failNext.set(path, fails - 1);
        res.writeHead(500).end("receiver down for maintenance");
      } else res.writeHead(200, { "content-type": "text/plain" }).end("received, thank you");
    });
  });
  server.listen(RECEIVER_PORT, "127.0.0.1");
  await once(server, "listening");
});

test.afterAll(() => {
  server.close();
});

let n = 0;
const hookPath = () => `/hook-${Date.now().toString(36)}-${++n}`;

test("a Delegated Administrator adds an endpoint, tests it, resends a failed delivery and receives signed events", async ({ da }) => {
  test.setTimeout(120_000);
  const page = da.page;
  const path = hookPath();
  const url = `http://127.0.0.1:${RECEIVER_PORT}${path}`;

  await page.goto("/company/users");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Member added").check();
  await page.getByLabel("App registered").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secretField = page.getByLabel("Signing secret", { exact: true });
  await slow(secretField).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^whsec_/);
  const verify = (d: Delivery) =>
    new Webhook(secret).verify(d.body, d.headers as Record<string, string>) as { type: string; data: unknown };

  // A test event, delivered at once and logged.
  const endpoint = page.getByRole("article", { name: url });
  await endpoint.getByRole("button", { name: "Send test event" }).click();
  await slow(endpoint.getByText(/The test event was delivered: HTTP 200/)).toBeVisible();
  const first = deliveries.filter((d) => d.path === path);
  expect(first).toHaveLength(1);
  expect(verify(first[0]!)).toMatchObject({ type: "webhook.test", data: { companyId: da.companyId } });
  const log = page.getByRole("table", { name: `Deliveries to ${url}` });
  await expect(log.getByRole("row").filter({ hasText: "Test event" })).toContainText("Delivered");

  // A failing receiver: the attempt is logged with its answer, then "Resend" delivers the same message.
  failNext.set(path, 1);
  await page.reload();
  await endpoint.getByRole("button", { name: "Send test event" }).click();
  await slow(endpoint.getByText(/The test event was not delivered: HTTP 500/)).toBeVisible();
  await page.reload();
  const pending = await testDb().webhookDelivery.findFirstOrThrow({ where: { endpoint: { url }, status: "PENDING" } });
  const failed = log.getByRole("row").filter({ hasText: pending.messageId });
  await expect(failed).toContainText("Retrying");
  await failed.getByText(/^HTTP 500 · \d+ ms$/).click(); // the summary: opens the attempts' details
  await expect(failed.getByText("receiver down for maintenance")).toBeVisible();
  await failed.getByRole("button", { name: "Resend" }).click();
  await slow(failed.getByText(/The event was delivered: HTTP 200/)).toBeVisible();
  await expect(failed).toContainText("Delivered");
  // The failed attempt and the resend (the job runner may also have retried it in between): one message id.
  const tries = deliveries.filter((d) => d.path === path).slice(1);
  expect(tries.length).toBeGreaterThanOrEqual(2);
  expect(new Set(tries.map((t) => t.headers["webhook-id"])).size).toBe(1);
  for (const t of tries) expect(verify(t).type).toBe("webhook.test");

  // A change in the console reaches the receiver through the job runner, signed.
  const newcomer = await makeUser(testDb());
  await page.goto("/company/users");
  await page.getByLabel("Email").fill(newcomer.email);
  await page.getByRole("checkbox", { name: "API Developer", exact: true }).check();
  await page.getByRole("button", { name: "Add user" }).click();
  await slow(async () => {
    const added = deliveries.filter((d) => d.path === path && verify(d).type === "member.added");
    expect(added).toHaveLength(1);
    expect(verify(added[0]!).data).toMatchObject({ companyId: da.companyId, member: { email: newcomer.email } });
  }).toPass({ timeout: 60_000 });

  // The signing secret again, after the password.
  await page.goto("/company/webhooks");
  await endpoint.getByRole("button", { name: "Show signing secret" }).click();
  const password = endpoint.getByLabel("Password");
  const shown = endpoint.getByLabel("Signing secret", { exact: true });
  await slow(password.or(shown)).toBeVisible();
  if (await password.isVisible()) {
    await password.fill(PASSWORD);
    await endpoint.getByRole("button", { name: "Confirm password" }).click();
  }
  await slow(shown).toHaveValue(secret);
});

test("only https URLs, and no private addresses", async ({ da }) => {
  const page = da.page;
  await page.goto("/company/webhooks");
  await page.getByLabel("Endpoint URL").fill("https://10.0.0.7/hook");
  await page.getByLabel("App deleted").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await slow(page.locator("#webhook-url-error")).toContainText("private, loopback or link-local");
  await page.getByLabel("Endpoint URL").fill("http://hooks.example.com/in");
  await page.getByLabel("App deleted").check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await slow(page.locator("#webhook-url-error")).toHaveText("Only https:// URLs are allowed.");
  expect(await testDb().webhookEndpoint.count({ where: { companyId: da.companyId } })).toBe(0);
});

test("a member without the Delegated Administrator role finds no webhooks page", async ({ developer }) => {
  const res = await developer.page.goto("/company/webhooks");
  expect(res?.status()).toBe(404);
});
