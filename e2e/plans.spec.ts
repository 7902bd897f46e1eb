// Plans and quotas on the built-in Hello API: the platform administrator adds a plan on the API's page;
// an app on a plan of 5 calls a day gets its 6th call refused with 429, Retry-After and the RateLimit
// headers, its Usage tab shows 5/5, and its developer gets the 100 % notice. And the rate holds across
// two console instances sharing Redis.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { basicHeader } from "../tests/factories/oauth";
import { DATA_DIR, testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { registerHelloApp } from "./support/apps";
import { latestMail } from "./support/mail";

let n = 0;
const unique = (label: string) => `${label} ${Date.now().toString(36)}${++n}`;

async function accessToken(request: APIRequestContext, base: string, clientId: string, secret: string): Promise<string> {
  const res = await request.post(`${base}/oauth2/token`, {
    headers: { authorization: basicHeader(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials",
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Adds a plan to the Hello API through its admin page; returns the plan's id. */
async function addHelloPlan(admin: Page, name: string, limits: { perMinute?: string; perDay?: string }): Promise<string> {
  const hello = await testDb().api.findUniqueOrThrow({ where: { slug: "hello" } });
  await admin.goto(`/admin/apis/${hello.id}`);
  const form = admin.getByRole("form", { name: "New plan" });
  await form.getByLabel("Plan name").fill(name);
  await form.getByLabel("Requests per minute").fill(limits.perMinute ?? "");
  await form.getByLabel("Calls per day").fill(limits.perDay ?? "");
  await form.getByRole("button", { name: "Add plan" }).click();
  const added = admin.getByRole("form", { name: `Plan ${name}` });
  await expect(added.getByLabel("Calls per day")).toHaveValue(limits.perDay ?? "");
  await expect(added.getByLabel("Requests per minute")).toHaveValue(limits.perMinute ?? "");
  return (await testDb().plan.findFirstOrThrow({ where: { apiId: hello.id, name } })).id;
}

async function putOnPlan(appId: string, planId: string): Promise<void> {
  const db = testDb();
  const plan = await db.plan.findUniqueOrThrow({ where: { id: planId } });
  await db.appApiSubscription.update({ where: { appId_apiId: { appId, apiId: plan.apiId } }, data: { planId } });
}

test("a plan of 5 calls a day: the 6th call is 429 with Retry-After and RateLimit headers, Usage shows 5/5, the developer is told", async ({
  admin,
  member,
}) => {
  const planName = unique("Five a day");
  const planId = await addHelloPlan(admin.page, planName, { perDay: "5" });
  const dev = await member(["API_DEVELOPER"], { name: "Quota Dev" });
  const { clientId, secret, appId } = await registerHelloApp(dev.page, unique("Quota App"));
  // A new subscription has the API's default plan (unlimited): no RateLimit headers.
  const token = await accessToken(dev.request, "", clientId, secret);
  const hello = () => dev.request.get("/api/hello", { headers: { authorization: `Bearer ${token}` } });
  await putOnPlan(appId, planId);

  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(await hello());
  expect(answers.map((a) => a.status())).toEqual([200, 200, 200, 200, 200, 429]);
  expect(answers[0]!.headers()["ratelimit-policy"]).toBe('"day";q=5;w=86400');
  expect(answers[0]!.headers()["ratelimit"]).toMatch(/^"day";r=4;t=\d+$/);
  const refused = answers[5]!;
  expect(await refused.json()).toMatchObject({ error: "quota_exceeded" });
  const secondsToMidnight = Math.ceil(
    (Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1) - Date.now()) / 1000,
  );
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(secondsToMidnight + 5);
  expect(refused.headers()["ratelimit-policy"]).toBe('"day";q=5;w=86400');
  expect(refused.headers()["ratelimit"]).toBe(`"day";r=0;t=${retryAfter}`);

  await dev.page.goto(`/apps/${appId}/usage`);
  const plan = dev.page.getByTestId("api-plan").filter({ hasText: "Hello API" });
  await expect(plan.getByTestId("plan-name")).toHaveText(planName);
  await expect(plan.getByTestId("quota-day")).toContainText("5/5");
  await expect(plan.getByRole("progressbar", { name: "Calls today to Hello API" })).toHaveAttribute("aria-valuenow", "5");
  await expect(plan.getByText("Today's quota is used up")).toBeVisible();
  const mail = await latestMail(dev.email, "notice");
  expect(mail.subject).toContain("has used today's quota of Hello API");
});

test.describe("two console instances sharing Redis", () => {
  const base = Number(process.env.E2E_PORT ?? 3917);
  const ports = [base + 6, base + 7];
  const servers: ChildProcess[] = [];

  test.beforeAll(async () => {
    test.setTimeout(360_000);
    for (const port of ports) {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        // One issuer for every instance (as behind a load balancer): tokens of one are valid at the other.
        CONSOLE_URL: `http://127.0.0.1:${base}`,
        DATA_DIR: path.resolve(DATA_DIR),
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${path.resolve(DATA_DIR, "console.db")}`,
        REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
        NEXT_TELEMETRY_DISABLED: "1",
        // The main test server runs the housekeeping jobs; these two only serve calls.
        CONSOLE_JOBS: "off",
      };
      delete env.CONSOLE_ADMIN_EMAIL;
      delete env.CONSOLE_ADMIN_PASSWORD;
      servers.push(
        spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts", "--no-build"], {
          env,
          stdio: ["ignore", "ignore", "pipe"],
          detached: true,
        }),
      );
    }
    for (const server of servers) server.stderr?.on("data", (d: Buffer) => process.stderr.write(`[redis-instance] ${d}`));
    for (const [i, port] of ports.entries()) {
      await expect
        .poll(
          async () => {
            // An instance that stopped will not come up: say so at once (its stderr is above).
            if (servers[i]!.exitCode !== null) throw new Error(`the console on port ${port} exited with ${servers[i]!.exitCode}`);
            return (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok ?? false;
          },
          { timeout: 300_000 },
        )
        .toBe(true);
    }
  });

  test.afterAll(async () => {
    for (const server of servers) {
      if (!server.pid || server.exitCode !== null) continue;
      process.kill(-server.pid, "SIGTERM");
      await new Promise((r) => server.once("exit", r));
    }
  });

  test("3 requests per minute hold across both: the 4th call, on either instance, is 429 rate_limited with Retry-After", async ({
    admin,
    member,
  }) => {
    const planId = await addHelloPlan(admin.page, unique("Three a minute"), { perMinute: "3" });
    const dev = await member(["API_DEVELOPER"], { name: "Rate Dev" });
    const { clientId, secret, appId } = await registerHelloApp(dev.page, unique("Rate App"));
    await putOnPlan(appId, planId);
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
    const token = await accessToken(dev.request, a, clientId, secret);
    const call = (origin: string) => dev.request.get(`${origin}/api/hello`, { headers: { authorization: `Bearer ${token}` } });
    // The rate counts UTC minutes: start early in one, so the four calls share it.
    while (new Date().getUTCSeconds() > 45) await new Promise((r) => setTimeout(r, 1000));
    const answers = [await call(a), await call(b), await call(a), await call(b)];
    expect(answers.map((x) => x.status())).toEqual([200, 200, 200, 429]);
    const refused = answers[3]!;
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers()["retry-after"])).toBeLessThanOrEqual(60);
    expect(refused.headers()["ratelimit-policy"]).toBe('"minute";q=3;w=60');
    expect(answers[1]!.headers()["ratelimit"]).toMatch(/^"minute";r=1;t=\d+$/);
  });
});
