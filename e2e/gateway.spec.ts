// The built-in gateway end to end: the platform administrator sets an API's "Upstream URL" and tests
// the connection; a developer registers an app subscribed to it, gets a token and calls
// CONSOLE_URL/gateway/<slug>/…; the upstream (started here) gets no credentials and a valid assertion;
// the call shows on the app's Usage and Logs tabs. Then a real NGINX with auth_request in front of the
// same upstream asks GET /gateway/check.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { newId } from "../lib/ids.ts";
import { testDb } from "./fixtures/db";
import { expect, test } from "./fixtures/test";
import { clientCredentialsToken } from "./support/apps";

const CONSOLE_PORT = Number(process.env.E2E_PORT ?? 3917);
const CONSOLE = `http://127.0.0.1:${CONSOLE_PORT}`;
// Beside the console's port, so the SQLite and PostgreSQL runs side by side keep apart.
const UPSTREAM_PORT = CONSOLE_PORT + 10;
const NGINX_PORT = CONSOLE_PORT + 11;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
const seen: Seen[] = [];
const upstream = http.createServer((req, res) => {
  seen.push({ method: req.method!, url: req.url!, headers: req.headers });
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ from: "upstream", url: req.url }));
  });
});

test.beforeAll(async () => {
  await new Promise<void>((resolve) => upstream.listen(UPSTREAM_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

let n = 0;
async function makeGatewayApi(upstreamUrl: string | null) {
  const slug = `gw-${Date.now().toString(36)}${++n}`;
  const name = `Gateway API ${slug}`;
  const api = await testDb().api.create({
    data: { id: newId("api"), slug, name, endpoint: `/gateway/${slug}`, openToAll: true, upstreamUrl },
  });
  return { ...api, name };
}

async function registerApp(page: Page, apiName: string) {
  await page.goto("/apps/register");
  await page.getByLabel("Name of your application").fill(`Gateway App ${Date.now().toString(36)}${++n}`);
  await page.getByLabel("Client Credentials", { exact: true }).check();
  await page.getByLabel(apiName, { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
  return {
    clientId: await page.getByLabel("Client ID").inputValue(),
    secret: await page.getByLabel("Client Secret").inputValue(),
    appId: new URL(page.url()).pathname.split("/").pop()!,
  };
}

test("the administrator sets the Upstream URL and tests the connection", async ({ admin }) => {
  const api = await makeGatewayApi(null);
  const { page } = admin;
  await page.goto(`/admin/apis/${api.id}`);
  await page.getByLabel("Upstream URL").fill(`http://127.0.0.1:${UPSTREAM_PORT}/v1`);
  await page.getByLabel("Timeout (ms)").fill("2000");
  await page.getByLabel("Upstream headers").fill("X-Api-Key: e2e-static-key");
  await page.getByRole("button", { name: "Save upstream" }).click();
  await expect(page.getByText("Upstream saved: the gateway forwards to it now.")).toBeVisible();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("upstream-test-result")).toHaveText(/^Connected: status 200 in \d+ ms\.$/);
  expect(seen.at(-1)!.headers["x-api-key"]).toBe("e2e-static-key");
  const row = await testDb().api.findUniqueOrThrow({ where: { id: api.id } });
  expect(row.upstreamUrl).toBe(`http://127.0.0.1:${UPSTREAM_PORT}/v1`);
  expect(row.upstreamHeaders).not.toContain("e2e-static-key"); // sealed
  // Reloaded, the page shows the header's name, never its value.
  await page.reload();
  await expect(page.getByText(/Set now: x-api-key/)).toBeVisible();
  expect(await page.content()).not.toContain("e2e-static-key");
});

test("a developer's gateway calls reach the upstream without credentials and show on Usage and Logs", async ({ developer }) => {
  const api = await makeGatewayApi(`http://127.0.0.1:${UPSTREAM_PORT}/v1`);
  const { page } = developer;
  const { clientId, secret, appId } = await registerApp(page, api.name);
  const token = await clientCredentialsToken(page, clientId, secret);

  seen.length = 0;
  const call = await page.request.get(`/gateway/${api.slug}/orders/42?expand=items&api_key=abc`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(call.status()).toBe(200);
  expect(await call.json()).toEqual({ from: "upstream", url: "/v1/orders/42?expand=items&api_key=abc" });
  const requestId = call.headers()["x-request-id"]!;
  const got = seen.at(-1)!;
  expect(got.headers.authorization).toBeUndefined();
  expect(got.headers.cookie).toBeUndefined();
  expect(got.headers["x-console-client-id"]).toBe(clientId);
  expect(got.headers["x-request-id"]).toBe(requestId);
  const { payload, protectedHeader } = await jwtVerify(
    String(got.headers["x-console-assertion"]),
    createRemoteJWKSet(new URL(`${CONSOLE}/oauth2/jwks`)),
    { audience: `${CONSOLE}/gateway/${api.slug}`, issuer: CONSOLE },
  );
  expect(protectedHeader.typ).toBe("gateway+jwt");
  expect(payload.client_id).toBe(clientId);

  // A refused call of the same app (wrong method is fine: the upstream answers; a bad token is not counted).
  expect((await page.request.post(`/gateway/${api.slug}/orders`, { headers: { authorization: "Bearer nope" } })).status()).toBe(401);

  await expect(async () => {
    await page.goto(`/apps/${appId}/usage?range=day`);
    await expect(page.getByTestId("usage-calls")).toHaveText("1", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  await page.getByRole("navigation", { name: "Application sections" }).getByRole("link", { name: "Logs" }).click();
  const logs = page.getByTestId("request-logs");
  await expect(logs).toContainText(`/gateway/${api.slug}/orders/42?expand=REDACTED&api_key=REDACTED`);
  await expect(logs).toContainText(requestId);
  await expect(logs.getByRole("cell", { name: "200", exact: true })).toBeVisible();
  await expect(logs.getByRole("button", { name: /^Copy as curl/ })).toBeVisible();
  expect(await page.content()).not.toContain("abc");
  // Filters: a 5xx filter shows nothing.
  await page.getByLabel("Status").selectOption("5");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No gateway calls match.")).toBeVisible();
});

function startNginx(dir: string, slug: string): ChildProcess {
  for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const identity = ["client_id", "company_id", "subject", "assertion"]
    .map(
      (h) =>
        `      auth_request_set $console_${h} $upstream_http_x_console_${h};\n      proxy_set_header X-Console-${h === "client_id" ? "Client-Id" : h === "company_id" ? "Company-Id" : h[0]!.toUpperCase() + h.slice(1)} $console_${h};`,
    )
    .join("\n");
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      auth_request /_console_check;
${identity}
      proxy_set_header Authorization "";
      proxy_set_header Cookie "";
      proxy_pass http://127.0.0.1:${UPSTREAM_PORT};
    }
    location = /_console_check {
      internal;
      proxy_pass ${CONSOLE}/gateway/check?api=${slug};
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Original-Method $request_method;
    }
  }
}
`,
  );
  return spawn("nginx", ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log"), "-g", "daemon off;"], {
    stdio: "ignore",
  });
}

async function untilListening(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answers at ${url}`);
}

test("NGINX auth_request asks GET /gateway/check: the allowed call reaches the upstream with identity headers; refusals do not", async ({
  developer,
}) => {
  const api = await makeGatewayApi(null); // the upstream sits behind NGINX, not the console
  const other = await makeGatewayApi(null);
  const { page } = developer;
  const mine = await registerApp(page, api.name);
  const token = await clientCredentialsToken(page, mine.clientId, mine.secret);
  const notSubscribed = await registerApp(page, other.name);
  const otherToken = await clientCredentialsToken(page, notSubscribed.clientId, notSubscribed.secret);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "console-nginx-"));
  const nginx = startNginx(dir, api.slug);
  try {
    const front = `http://127.0.0.1:${NGINX_PORT}`;
    await untilListening(front);
    seen.length = 0;
    const allowed = await fetch(`${front}/orders/7?x=1`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: "{}" });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ from: "upstream", url: "/orders/7?x=1" });
    expect(seen).toHaveLength(1);
    const got = seen[0]!;
    expect(got.method).toBe("POST");
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers["x-console-client-id"]).toBe(mine.clientId);
    expect(got.headers["x-console-subject"]).toBe(mine.clientId);
    expect(got.headers["x-console-company-id"]).toBeTruthy();
    const { payload } = await jwtVerify(String(got.headers["x-console-assertion"]), createRemoteJWKSet(new URL(`${CONSOLE}/oauth2/jwks`)), {
      audience: `${CONSOLE}/gateway/${api.slug}`,
    });
    expect(payload.client_id).toBe(mine.clientId);

    seen.length = 0;
    expect((await fetch(`${front}/orders/7`)).status).toBe(401);
    expect((await fetch(`${front}/orders/7`, { headers: { authorization: "Bearer not-a-token" } })).status).toBe(401);
    expect((await fetch(`${front}/orders/7`, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(403);
    expect(seen).toHaveLength(0);

    // The check counted the calls of the subscribed app (1 allowed) and logged the original request.
    await expect(async () => {
      const rows = await testDb().requestLog.findMany({ where: { appId: mine.appId } });
      expect(rows.map((r) => [r.method, r.path, r.status])).toEqual([["POST", "/orders/7", 200]]);
    }).toPass({ timeout: 10_000 });
  } finally {
    nginx.kill("SIGTERM");
    await new Promise((r) => nginx.once("exit", r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
