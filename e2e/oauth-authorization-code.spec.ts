// Authorization Code (with PKCE S256) and Implicit through the browser: sign in, consent, callback;
// then the code is redeemed with oauth4webapi. Numbers in test names are the behaviours.
import { expect, type Page, test } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { basicHeader, makeOAuthApp, type TestApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import {
  authorizeInBrowser,
  authorizeRedirect,
  authorizeUrl,
  CLIENT_ORIGIN,
  pkce,
  redeem,
  serveClientRedirects,
} from "./fixtures/authorize";
import { codeRow, testDb } from "./fixtures/db";
import { callHello, oauth, oauthError, rawPost, validateAtApi } from "./fixtures/oauth";
import { signInAs } from "./fixtures/test";

const CODE_APP = ["authorization_code", "refresh_token"] as const;

async function signedUp(page: Page, label: string): Promise<string> {
  const user = await makeUser(testDb(), { name: `${label} Person` });
  await signInAs(page.context(), user);
  await serveClientRedirects(page);
  return user.email;
}

function redeemRaw(app: TestApp, params: Record<string, string>, auth = basicHeader(app.clientId, app.clientSecret)) {
  return rawPost("/oauth2/token", new URLSearchParams({ grant_type: "authorization_code", ...params }), { authorization: auth });
}

/** The access token no longer calls the Hello API (401, invalid_token) and the refresh token is refused. */
/** A code for the app, from a new person (`label`) who allows it on the consent page. */
async function allowedCode(page: Page, app: TestApp, label: string): Promise<string> {
  await signedUp(page, label);
  const callback = await authorizeInBrowser(page, authorizeUrl(app));
  return callback.searchParams.get("code")!;
}

async function expectTokensRevoked(app: TestApp, tokens: { access_token: string; refresh_token?: string }): Promise<void> {
  const hello = await callHello(tokens.access_token);
  expect(hello.status).toBe(401);
  expect(hello.headers.get("www-authenticate")).toContain('error="invalid_token"');
  const refresh = await rawPost(
    "/oauth2/token",
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! }),
    { authorization: basicHeader(app.clientId, app.clientSecret) },
  );
  expect((await refresh.json()).error).toBe("invalid_grant");
}

test("consent: sign in first, see the app and its company, Allow, redeem the code with PKCE, call the Hello API", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const { email } = await makeUser(testDb(), { name: "Connie Consent" });
  await serveClientRedirects(page);
  const { verifier, challenge } = await pkce();
  const state = oauth.generateRandomState();
  const url = authorizeUrl(app, { state, code_challenge: challenge, code_challenge_method: "S256", scope: "hello" });

  await page.goto(url);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("heading", { name: `Allow ${app.name} to use your account?` })).toBeVisible();
  const company = await testDb().company.findUniqueOrThrow({ where: { id: app.companyId } });
  await expect(page.getByTestId("consent-company-name")).toHaveText(company.name);
  await expect(page.getByRole("list", { name: "What the application asks for" })).toContainText("Hello API");
  await expect(page.getByRole("button", { name: "Deny" })).toBeVisible();
  // The consent page cannot be framed by another site.
  const headers = (await page.request.get(url, { maxRedirects: 0 })).headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((u) => u.href.startsWith(CLIENT_ORIGIN));

  const callback = new URL(page.url());
  expect(callback.searchParams.get("state")).toBe(state);
  const tokens = await redeem(app, callback, { verifier, state });
  expect(tokens.token_type).toBe("bearer");
  expect(tokens.expires_in).toBe(3600);
  expect(tokens.refresh_token).toMatch(/^aprt_/);
  const claims = await validateAtApi(tokens.access_token);
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  expect(claims.sub).toBe(user.id);
  expect(claims.client_id).toBe(app.clientId);
  const hello = await callHello(tokens.access_token);
  expect(hello.status).toBe(200);
  expect((await hello.json()).message).toBe(`Hello, ${app.name}!`);
});

test("a remembered consent skips the page; Deny answers access_denied with the state", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const other = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  await signedUp(page, "remember");
  const first = await authorizeInBrowser(page, authorizeUrl(app, { state: "s1" }));
  expect(first.searchParams.get("code")).toBeTruthy();
  // Second time: no consent page, straight back to the client.
  const second = await authorizeRedirect(page, authorizeUrl(app, { state: "s2" }));
  expect(second.origin + second.pathname).toBe(app.redirectUri);
  expect(second.searchParams.get("code")).toBeTruthy();
  expect(second.searchParams.get("state")).toBe("s2");

  const denied = await authorizeInBrowser(page, authorizeUrl(other, { state: "no-thanks" }), "Deny");
  expect(denied.searchParams.get("error")).toBe("access_denied");
  expect(denied.searchParams.get("state")).toBe("no-thanks");
  expect(denied.searchParams.get("code")).toBeNull();
});

test("1 a code is single-use", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const code = await allowedCode(page, app, "single");
  const first = await redeemRaw(app, { code, redirect_uri: app.redirectUri! });
  expect(first.status).toBe(200);
  const second = await redeemRaw(app, { code, redirect_uri: app.redirectUri! });
  expect(second.status).toBe(400);
  expect((await second.json()).error).toBe("invalid_grant");
});

test("2 redeeming a code twice revokes what it issued", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  await signedUp(page, "twice");
  const callback = await authorizeInBrowser(page, authorizeUrl(app));
  const tokens = await redeem(app, callback);
  expect((await callHello(tokens.access_token)).status).toBe(200);

  const again = await oauthError(redeem(app, callback));
  expect(again).toEqual({ error: "invalid_grant", status: 400 });
  await expectTokensRevoked(app, tokens);
});

test("3 a code is bound to its client", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const thief = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP], companyId: app.companyId });
  const code = await allowedCode(page, app, "bound");
  const stolen = await redeemRaw(thief, { code, redirect_uri: app.redirectUri! });
  expect(stolen.status).toBe(400);
  expect((await stolen.json()).error).toBe("invalid_grant");
  // The rightful client can still use it.
  expect((await redeemRaw(app, { code, redirect_uri: app.redirectUri! })).status).toBe(200);
});

test("4 a code is bound to its redirect_uri", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const code = await allowedCode(page, app, "redir");
  for (const redirect_uri of [`${app.redirectUri}/other`, "https://client.example/callback?x=1"]) {
    const res = await redeemRaw(app, { code, redirect_uri });
    expect((await res.json()).error).toBe("invalid_grant");
  }
  // The authorization request named redirect_uri, so the token request must too.
  const missing = await redeemRaw(app, { code });
  expect((await missing.json()).error).toBe("invalid_grant");
  expect((await redeemRaw(app, { code, redirect_uri: app.redirectUri! })).status).toBe(200);
});

test("5 codes expire within 60 s", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const code = await allowedCode(page, app, "expiry");
  const row = await codeRow(code);
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60_000);
  expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(0);
  // Let it lapse (move its expiry into the past rather than waiting a minute).
  await testDb().authorizationCode.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const res = await redeemRaw(app, { code, redirect_uri: app.redirectUri! });
  expect(res.status).toBe(400);
  expect((await res.json()).error).toBe("invalid_grant");
});

test("6 redirect URIs match exactly and 7 an unknown client or redirect URI gets an error page, never a redirect", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP], redirectUri: "https://client.example/callback" });
  await signedUp(page, "exact");
  const near = [
    "https://client.example/callback/",
    "https://client.example/Callback",
    "https://client.example/callback?next=1",
    "http://client.example/callback",
    "https://client.example:443/callback#x",
    "https://evil.example/callback",
  ];
  const cases: Record<string, string>[] = [
    ...near.map((redirect_uri) => ({ response_type: "code", client_id: app.clientId, redirect_uri, state: "x" })),
    { response_type: "code", client_id: "apc_000000000000000000000000", redirect_uri: app.redirectUri!, state: "x" },
    { response_type: "code", redirect_uri: app.redirectUri!, state: "x" },
  ];
  for (const params of cases) {
    const res = await page.request.get(`/oauth2/authorize?${new URLSearchParams(params)}`, { maxRedirects: 0 });
    expect(res.status(), JSON.stringify(params)).toBe(200);
    expect(res.headers()["location"]).toBeUndefined();
    await page.goto(`/oauth2/authorize?${new URLSearchParams(params)}`);
    await expect(page.getByRole("heading", { name: "This authorization request cannot be completed" })).toBeVisible();
    expect(page.url()).not.toContain("client.example/callback?");
  }
  // The exact URI works.
  const ok = await authorizeInBrowser(page, authorizeUrl(app, { state: "fine" }));
  expect(ok.searchParams.get("code")).toBeTruthy();
});

test("8 redirect_uri may be omitted only when one is registered", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const none = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP], redirectUri: null });
  await signedUp(page, "omit");
  const callback = await authorizeInBrowser(page, authorizeUrl(app, { redirect_uri: undefined }));
  expect(callback.origin + callback.pathname).toBe(app.redirectUri);
  // Omitted at authorization, so it may be omitted at the token endpoint too.
  const res = await redeemRaw(app, { code: callback.searchParams.get("code")! });
  expect(res.status).toBe(200);

  await page.goto(authorizeUrl(none, { state: "x" }));
  await expect(page.getByRole("heading", { name: "This authorization request cannot be completed" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "no registered Redirect URL" })).toBeVisible();
});

test("23 implicit returns access_token, token_type, expires_in, state in the fragment and no refresh token", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["implicit", "refresh_token"] });
  await signedUp(page, "implicit");
  const callback = await authorizeInBrowser(page, authorizeUrl(app, { response_type: "token", state: "imp-1" }));
  expect(callback.search).toBe("");
  const fragment = new URLSearchParams(callback.hash.slice(1));
  expect(fragment.get("token_type")).toBe("Bearer");
  expect(fragment.get("expires_in")).toBe("3600");
  expect(fragment.get("state")).toBe("imp-1");
  expect(fragment.get("refresh_token")).toBeNull();
  const token = fragment.get("access_token")!;
  expect((await validateAtApi(token)).client_id).toBe(app.clientId);
  expect((await callHello(token)).status).toBe(200);
  // An app without the Implicit grant type is refused, in the fragment.
  const codeOnly = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  const refused = await authorizeRedirect(page, authorizeUrl(codeOnly, { response_type: "token", state: "imp-2" }));
  expect(new URLSearchParams(refused.hash.slice(1)).get("error")).toBe("unauthorized_client");
});

test("24 state comes back unchanged on success and on error", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  await signedUp(page, "state");
  const state = "a b/c?d=e&f=%20+ünïcode~";
  const ok = await authorizeInBrowser(page, authorizeUrl(app, { state }));
  expect(ok.searchParams.get("state")).toBe(state);
  const bad = await authorizeRedirect(page, authorizeUrl(app, { state, scope: "not-an-api" }));
  expect(bad.searchParams.get("error")).toBe("invalid_scope");
  expect(bad.searchParams.get("state")).toBe(state);
  const unsupported = await authorizeRedirect(page, authorizeUrl(app, { state, response_type: "id_token" }));
  expect(unsupported.searchParams.get("error")).toBe("unsupported_response_type");
  expect(unsupported.searchParams.get("state")).toBe(state);
});

test("25 PKCE: a wrong or missing verifier is invalid_grant, plain is refused", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  await signedUp(page, "pkce");
  const { verifier, challenge } = await pkce();
  const withChallenge = () => authorizeRedirect(page, authorizeUrl(app, { code_challenge: challenge, code_challenge_method: "S256" }));
  await authorizeInBrowser(page, authorizeUrl(app, { code_challenge: challenge, code_challenge_method: "S256" }));

  const missing = await withChallenge();
  expect(await oauthError(redeem(app, missing))).toEqual({ error: "invalid_grant", status: 400 });
  const wrong = await withChallenge();
  expect(await oauthError(redeem(app, wrong, { verifier: oauth.generateRandomCodeVerifier() }))).toEqual({
    error: "invalid_grant",
    status: 400,
  });
  const right = await withChallenge();
  expect((await redeem(app, right, { verifier })).access_token).toBeTruthy();

  const plain = await authorizeRedirect(page, authorizeUrl(app, { code_challenge: verifier, code_challenge_method: "plain", state: "p" }));
  expect(plain.searchParams.get("error")).toBe("invalid_request");
  expect(plain.searchParams.get("code")).toBeNull();
  const noMethod = await authorizeRedirect(page, authorizeUrl(app, { code_challenge: challenge }));
  expect(noMethod.searchParams.get("error")).toBe("invalid_request");
  // A verifier for a code issued without a challenge is refused as well (no downgrade).
  const plainCode = await authorizeRedirect(page, authorizeUrl(app));
  expect(await oauthError(redeem(app, plainCode, { verifier }))).toEqual({ error: "invalid_grant", status: 400 });
});

test("26 duplicated parameters are refused at the authorization endpoint", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  await signedUp(page, "dups");
  await authorizeInBrowser(page, authorizeUrl(app));
  const base = `response_type=code&client_id=${app.clientId}&redirect_uri=${encodeURIComponent(app.redirectUri!)}&state=d`;
  const dupScope = await authorizeRedirect(page, `/oauth2/authorize?${base}&scope=hello&scope=hello`);
  expect(dupScope.searchParams.get("error")).toBe("invalid_request");
  expect(dupScope.searchParams.get("state")).toBe("d");
  // A duplicated client_id or redirect_uri cannot be trusted to redirect to: error page.
  const dupClient = await page.request.get(`/oauth2/authorize?${base}&client_id=${app.clientId}`, { maxRedirects: 0 });
  expect(dupClient.status()).toBe(200);
  expect(await dupClient.text()).toContain("more than once");
});

test("Authorized apps lists the authorized app; revoking it stops its refresh and access tokens", async ({ page }) => {
  const app = await makeOAuthApp(testDb(), { grantTypes: [...CODE_APP] });
  await signedUp(page, "grants");
  const tokens = await redeem(app, await authorizeInBrowser(page, authorizeUrl(app)));
  expect((await callHello(tokens.access_token)).status).toBe(200);

  await page.goto("/apps");
  // "Authorized apps" is in the account menu.
  await page.getByRole("button", { name: /^Your account/ }).click();
  await page.getByRole("menuitem", { name: "Authorized apps" }).click();
  await expect(page.getByRole("heading", { name: "Authorized apps" })).toBeVisible();
  const item = page.getByRole("listitem", { name: app.name });
  await expect(item).toContainText("hello");
  await item.getByRole("button", { name: `Revoke ${app.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("The authorization was revoked.")).toBeVisible();
  await expect(page.getByRole("listitem", { name: app.name })).toHaveCount(0);

  await expectTokensRevoked(app, tokens);
  // Authorizing again asks again.
  await page.goto(authorizeUrl(app));
  await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
});
