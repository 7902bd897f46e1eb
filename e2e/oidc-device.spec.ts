// The device authorization grant (RFC 8628): a public "Device or CLI" app asks for a code,
// polls (authorization_pending, slow_down), a signed-in person types the code on /device ("Code",
// "Continue") and allows or denies; the device then gets tokens once, or access_denied.
import { expect, type Page, test } from "@playwright/test";
import { makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { callHello, rawPost } from "./fixtures/oauth";
import { client, rpFor } from "./fixtures/oidc";
import { signInAs } from "./fixtures/test";
import { formAlert } from "./helpers";

// Each test signs people up and walks whole flows through the browser: allow for a busy machine.
test.describe.configure({ timeout: 180_000 });

const DEVICE = "urn:ietf:params:oauth:grant-type:device_code";

async function deviceApp() {
  return makeOAuthApp(testDb(), {
    grantTypes: [DEVICE, "refresh_token"],
    redirectUri: null,
    settings: { kind: "device", clientType: "public" },
  });
}

async function poll(clientId: string, deviceCode: string): Promise<{ status: number; body: Record<string, string> }> {
  const res = await rawPost("/oauth2/token", new URLSearchParams({ grant_type: DEVICE, device_code: deviceCode, client_id: clientId }));
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function enterCode(page: Page, userCode: string, decision: "Allow" | "Deny") {
  await page.goto("/device");
  await page.getByLabel("Code").fill(userCode.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: decision }).click();
  await expect(page.getByTestId("device-result")).toBeVisible();
}

test("device flow: pending, slow_down, Allow on /device, tokens once (openid-client polls)", async ({ page }) => {
  await signInAs(page.context(), await makeUser(testDb(), { name: "Dev Ice" }));
  const app = await deviceApp();
  const config = await rpFor(app, { public: true });
  const started = await client.initiateDeviceAuthorization(config, { scope: "hello" });
  expect(started.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
  expect(started.verification_uri).toMatch(/\/device$/);
  expect(started.interval).toBe(5);

  const first = await poll(app.clientId, started.device_code);
  expect(first).toMatchObject({ status: 400, body: { error: "authorization_pending" } });
  const second = await poll(app.clientId, started.device_code);
  expect(second.body.error).toBe("slow_down");

  await enterCode(page, started.user_code, "Allow");
  await expect(page.getByTestId("device-result")).toContainText("connected");
  // The interval grew to 10 s after slow_down: openid-client waits, then gets the tokens.
  const tokens = await client.pollDeviceAuthorizationGrant(config, { ...started, interval: 10 });
  expect(tokens.refresh_token).toBeTruthy();
  expect((await callHello(tokens.access_token)).status).toBe(200);
  const reuse = await poll(app.clientId, started.device_code);
  expect(reuse.body.error).toBe("invalid_grant");
  // The code cannot be used again on /device either.
  await page.goto(`/device?user_code=${started.user_code}`);
  await expect(formAlert(page)).toContainText("not valid");
});

test("device flow: Deny gives access_denied; an expired code gives expired_token; unregistered apps are refused", async ({ page }) => {
  await signInAs(page.context(), await makeUser(testDb(), { name: "Dee Nied" }));
  const app = await deviceApp();
  const start = async () => {
    const res = await rawPost("/oauth2/device_authorization", new URLSearchParams({ client_id: app.clientId, scope: "hello" }));
    expect(res.status).toBe(200);
    return (await res.json()) as { device_code: string; user_code: string };
  };
  const denied = await start();
  await enterCode(page, denied.user_code, "Deny");
  expect((await poll(app.clientId, denied.device_code)).body.error).toBe("access_denied");

  const expired = await start();
  await testDb().deviceAuthorization.updateMany({
    where: { userCode: expired.user_code.replace("-", "") },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect((await poll(app.clientId, expired.device_code)).body.error).toBe("expired_token");

  const web = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"] });
  const refused = await rawPost("/oauth2/device_authorization", new URLSearchParams({ scope: "hello" }), {
    authorization: `Basic ${Buffer.from(`${web.clientId}:${web.clientSecret}`).toString("base64")}`,
  });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toBe("unauthorized_client");
});
