// Consent bound to a server-side authorization transaction, and pushed authorization
// requests (RFC 9126). The long-request regression runs through the browser: a 4,000-character state
// placed before code_challenge and scope, Allow, and the code needs the verifier and grants only hello.
import { expect, test } from "@playwright/test";
import { basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { authorizeInBrowser, authorizeUrl, pkce, serveClientRedirects } from "./fixtures/authorize";
import { codeRow, testDb } from "./fixtures/db";
import { authorizationServer, basic, clientOf, insecure, oauth, rawPost } from "./fixtures/oauth";
import { landAtClient } from "./fixtures/oidc";
import { signInAs } from "./fixtures/test";
import { formAlert } from "./helpers";

// Each test signs people up and walks whole flows through the browser: allow for a busy machine.
test.describe.configure({ timeout: 180_000 });

async function subscribeSecondApi(appId: string): Promise<string> {
  const slug = `second-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const api = await testDb().api.create({
    data: { id: `api_${slug}`, slug, name: `Second ${slug}`, endpoint: `/api/${slug}`, openToAll: true },
  });
  await testDb().appApiSubscription.create({ data: { appId, apiId: api.id } });
  return slug;
}

test("regression: a 4,000-character state does not drop code_challenge or scope placed after it", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"] });
  await subscribeSecondApi(app.appId);
  await signInAs(page.context(), await makeUser(testDb(), { name: "Lena Longstate" }));
  await serveClientRedirects(page);
  const { verifier, challenge } = await pkce();
  const state = "s".repeat(4000);
  // The order matters: the parameters after the long state are the ones a cut would lose.
  const url = `/oauth2/authorize?response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(app.redirectUri!)}&state=${state}&code_challenge=${challenge}&code_challenge_method=S256&scope=hello`;
  const callback = await authorizeInBrowser(page, url);
  expect(callback.searchParams.get("state")).toBe(state);
  const code = callback.searchParams.get("code")!;
  const row = await codeRow(code);
  expect(row?.codeChallenge).toBe(challenge);
  expect(row?.scope).toBe("hello");
  // Without the verifier the code is refused; with it, the grant is exactly "hello".
  const redeem = (extra: Record<string, string>) =>
    rawPost("/oauth2/token", new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: app.redirectUri!, ...extra }), {
      authorization: basicHeader(app.clientId, app.clientSecret),
    });
  const refused = await redeem({});
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: string }).error).toBe("invalid_grant");
  const tokens = await redeem({ code_verifier: verifier });
  expect(tokens.status).toBe(200);
  expect(((await tokens.json()) as { scope: string }).scope).toBe("hello");
});

test("a request longer than the limit gets invalid_request at the redirect URI; with an unknown client, a page", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"] });
  await signInAs(page.context(), await makeUser(testDb(), { name: "Tom Toolong" }));
  await serveClientRedirects(page);
  await landAtClient(page, authorizeUrl(app, { state: "s".repeat(5000) }));
  const callback = new URL(page.url());
  expect(callback.searchParams.get("error")).toBe("invalid_request");
  expect(callback.searchParams.get("error_description")).toContain("longer than");
  await page.goto(`/oauth2/authorize?response_type=code&client_id=apc_nobody&state=${"s".repeat(5000)}`);
  await expect(formAlert(page)).toContainText("No application is registered");
});

test("PAR: pushed request, request_uri at the authorization endpoint, used once; an app can require PAR", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"], settings: { requirePar: true } });
  await signInAs(page.context(), await makeUser(testDb(), { name: "Pat Pushed" }));
  await serveClientRedirects(page);
  const as = await authorizationServer();
  expect(as.pushed_authorization_request_endpoint).toMatch(/\/oauth2\/par$/);

  // Required: a plain request is refused at the redirect URI.
  await landAtClient(page, authorizeUrl(app, { state: "plain" }));
  expect(new URL(page.url()).searchParams.get("error")).toBe("invalid_request");

  const { verifier, challenge } = await pkce();
  const state = "p".repeat(6000); // too long for a query, fine in a pushed body
  const params = new URLSearchParams({
    redirect_uri: app.redirectUri!,
    scope: "hello",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    response_type: "code",
  });
  const pushed = await oauth.pushedAuthorizationRequest(as, clientOf(app), basic(app), params, insecure);
  const par = await oauth.processPushedAuthorizationResponse(as, clientOf(app), pushed);
  expect(par.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:/);
  expect(par.expires_in).toBe(60);

  const url = `/oauth2/authorize?${new URLSearchParams({ client_id: app.clientId, request_uri: par.request_uri })}`;
  const callback = await authorizeInBrowser(page, url);
  expect(callback.searchParams.get("iss")).toBe(as.issuer);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    clientOf(app),
    basic(app),
    oauth.validateAuthResponse(as, clientOf(app), callback, state),
    app.redirectUri!,
    verifier,
    insecure,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, clientOf(app), response);
  expect(tokens.scope).toBe("hello");

  // The request_uri was used once.
  await page.goto(url);
  await expect(formAlert(page)).toContainText("unknown, expired or already used");

  // Errors of the pushed request come back as JSON.
  const bad = await rawPost("/oauth2/par", new URLSearchParams({ response_type: "code", redirect_uri: app.redirectUri!, scope: "nope" }), {
    authorization: basicHeader(app.clientId, app.clientSecret),
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBe("invalid_scope");
  const unauth = await rawPost("/oauth2/par", new URLSearchParams({ response_type: "code", client_id: app.clientId }));
  expect(unauth.status).toBe(401);
});
