// Kinds of app and public clients: registration with "Kind of app", Single-page apps with
// CORS for their allowed web origins, native apps with loopback redirects on any port (RFC 8252 7.3).
import { expect, test } from "@playwright/test";
import { makeCompanyFor } from "../tests/factories/companies";
import { makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { authorizationServer, BASE, callHello, insecure, oauth, rawPost } from "./fixtures/oauth";
import { browserCallback, client, pkceAuthorizationUrl, rpFor, signedInWithPublicSpa } from "./fixtures/oidc";
import { signInAs } from "./fixtures/test";
import { formAlert } from "./helpers";

// Each test signs people up and walks whole flows through the browser: allow for a busy machine.
test.describe.configure({ timeout: 180_000 });

const SPA_ORIGIN = "https://spa.example";

async function developer(page: import("@playwright/test").Page, label: string) {
  const user = await makeUser(testDb(), { name: `${label} Dev` });
  await signInAs(page.context(), user);
  const company = await makeCompanyFor(testDb(), user.email);
  await page.goto("/apps");
  return { email: user.email, company };
}

test("Register an Application: kind of app pre-sets grants; a Single-page app gets no Client Secret", async ({ page }) => {
  await developer(page, "kinds");
  await page.goto("/apps/register");
  const kind = page.getByRole("radiogroup", { name: "Kind of app" });
  for (const label of ["Web server", "Single-page", "Native / mobile", "Machine to machine", "Device or CLI"]) {
    await expect(kind.getByLabel(label, { exact: true })).not.toBeChecked();
  }
  await page.getByLabel("Machine to machine").check();
  await expect(page.getByLabel("Client Credentials", { exact: true })).toBeChecked();
  await page.getByLabel("Device or CLI").check();
  await expect(page.getByLabel("Device Code", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Client Credentials", { exact: true })).not.toBeChecked();
  await page.getByLabel("Web server").check();
  await expect(page.getByLabel("Authorization Code", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Refresh Token", { exact: true })).toBeChecked();
  await page.getByLabel("Single-page").check();
  await expect(page.getByLabel("Authorization Code", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Refresh Token", { exact: true })).not.toBeChecked();

  const name = `SPA ${Date.now().toString(36)}`;
  await page.getByLabel("Name of your application").fill(name);
  await page.getByLabel("Redirect URL", { exact: true }).fill(`${SPA_ORIGIN}/callback`);
  await page.getByLabel("Allowed web origins").fill(SPA_ORIGIN);
  await page.getByLabel("Post-logout redirect URL").fill(`${SPA_ORIGIN}/bye`);
  await page.getByLabel("Hello API", { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  await page.getByRole("button", { name: "Register Application" }).click();
  await expect(page.getByRole("heading", { name: "Application Registered" })).toBeVisible();
  await expect(page.getByLabel("Client ID")).toBeVisible();
  await expect(page.getByLabel("Client Secret")).toHaveCount(0);
  const app = await testDb().app.findFirstOrThrow({ where: { name } });
  expect(app).toMatchObject({
    kind: "spa",
    clientType: "public",
    requirePkce: true,
    allowedOrigins: SPA_ORIGIN,
    postLogoutRedirectUri: `${SPA_ORIGIN}/bye`,
  });
  expect(await testDb().clientSecret.count({ where: { appId: app.id } })).toBe(0);

  // A public app cannot register Client Credentials.
  await page.goto("/apps/register");
  await page.getByLabel("Native / mobile").check();
  await page.getByLabel("Client Credentials", { exact: true }).check();
  await page.getByLabel("Name of your application").fill(`Native ${Date.now().toString(36)}`);
  await page.getByLabel("Redirect URL", { exact: true }).fill("com.example.app:/callback");
  await page.getByLabel("Hello API", { exact: true }).check();
  await page.getByLabel("I agree to the Terms of Service").check();
  await page.getByRole("button", { name: "Register Application" }).click();
  // At the field, and in the error summary, which lists and links each field.
  await expect(page.locator("#grantTypes-error")).toContainText("cannot use Client Credentials or Resource Owner Credentials");
  await expect(formAlert(page).getByRole("link", { name: "Grant types" })).toHaveAttribute("href", "#app-grant-types");

  // Editable later (audited): the switches on the app page's Settings tab.
  await page.goto(`/apps/${app.id}/settings`);
  await page.getByLabel("Require DPoP").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  // In the form (a toast repeats it outside <main>).
  await expect(page.locator("#main").getByText("Settings saved.")).toBeVisible();
  expect((await testDb().app.findUniqueOrThrow({ where: { id: app.id } })).requireDpop).toBe(true);
  expect(await testDb().auditLog.count({ where: { targetId: app.id, event: "app.settings_updated" } })).toBe(1);
});

test("public SPA: client_id only with PKCE, CORS only for its allowed web origins (token, userinfo, JWKS)", async ({ page }) => {
  const { app, config } = await signedInWithPublicSpa(page, "Spa Person", { allowedOrigins: SPA_ORIGIN });
  const { url, verifier } = await pkceAuthorizationUrl(config, {
    redirect_uri: app.redirectUri!,
    scope: "openid hello",
    nonce: "spa-nonce",
  });
  const callback = await browserCallback(page, url);
  const code = callback.searchParams.get("code")!;
  // Preflight from the allowed origin, and from another one.
  const pre = await fetch(`${BASE}/oauth2/token`, {
    method: "OPTIONS",
    headers: { origin: SPA_ORIGIN, "access-control-request-method": "POST" },
  });
  expect(pre.status).toBe(204);
  expect(pre.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
  const preOther = await fetch(`${BASE}/oauth2/token`, {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
  });
  expect(preOther.headers.get("access-control-allow-origin")).toBeNull();
  // The token request as the SPA's browser sends it: client_id only, with the verifier.
  const res = await rawPost(
    "/oauth2/token",
    new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: app.redirectUri!,
      client_id: app.clientId,
      code_verifier: verifier,
    }),
    { origin: SPA_ORIGIN },
  );
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
  const tokens = (await res.json()) as { access_token: string; refresh_token: string; id_token: string };
  expect(tokens.id_token).toBeTruthy();
  expect((await callHello(tokens.access_token)).status).toBe(200);
  const info = await fetch(`${BASE}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}`, origin: SPA_ORIGIN } });
  expect(info.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
  const infoOther = await fetch(`${BASE}/oauth2/userinfo`, {
    headers: { authorization: `Bearer ${tokens.access_token}`, origin: "https://evil.example" },
  });
  expect(infoOther.headers.get("access-control-allow-origin")).toBeNull();
  const jwks = await fetch(`${BASE}/oauth2/jwks`, { headers: { origin: SPA_ORIGIN } });
  expect(jwks.headers.get("access-control-allow-origin")).toBe(SPA_ORIGIN);
  // The refresh token rotates for a public client too (client_id only).
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  expect(refreshed.access_token).toBeTruthy();
  // A public client cannot skip PKCE, nor authenticate with a secret it does not have.
  const as = await authorizationServer();
  const noSecret = await oauth.clientCredentialsGrantRequest(
    as,
    { client_id: app.clientId },
    oauth.None(),
    new URLSearchParams(),
    insecure,
  );
  expect(noSecret.status).toBe(400);
  expect(((await noSecret.json()) as { error: string }).error).toBe("unauthorized_client");
});

test("native loopback: any port on the registered IP-literal loopback (RFC 8252 7.3), other paths refused", async ({ page }) => {
  await signInAs(page.context(), await makeUser(testDb(), { name: "Native Person" }));
  const app = await makeOAuthApp(testDb(), {
    grantTypes: ["authorization_code", "refresh_token"],
    redirectUri: "http://127.0.0.1/callback",
    settings: { kind: "native", clientType: "public" },
  });
  const port = 4655;
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  await page.route(`http://127.0.0.1:${port}/**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Client app</h1>" }),
  );
  const config = await rpFor(app, { public: true });
  const state = client.randomState();
  const { url, verifier } = await pkceAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "hello",
    state,
  });
  const callback = await browserCallback(page, url, `http://127.0.0.1:${port}`);
  const tokens = await client.authorizationCodeGrant(
    config,
    callback,
    { pkceCodeVerifier: verifier, expectedState: state },
    { redirect_uri: redirectUri },
  );
  expect((await callHello(tokens.access_token)).status).toBe(200);
  // Another path on the loopback is not the registered URL.
  await page.goto(
    `/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: `http://127.0.0.1:${port}/other`, code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", code_challenge_method: "S256" })}`,
  );
  await expect(formAlert(page)).toContainText("does not match");
  // A web server app does not get the loopback port rule.
  const web = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"], redirectUri: "http://127.0.0.1/callback" });
  await page.goto(
    `/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: web.clientId, redirect_uri: redirectUri })}`,
  );
  await expect(formAlert(page)).toContainText("does not match");
});
