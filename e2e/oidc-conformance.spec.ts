// OpenID Connect provider, driven by openid-client 6. Test names follow the OpenID
// Foundation's Basic OP conformance modules where one applies.
import { createHash } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { PASSWORD } from "../tests/factories/constants";
import { makeOAuthApp, type TestApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { authorizeUrl, CLIENT_ORIGIN, serveClientRedirects } from "./fixtures/authorize";
import { testDb } from "./fixtures/db";
import { BASE, callHello } from "./fixtures/oauth";
import { browserCallback, client, landAtClient, pkceAuthorizationUrl, rpFor } from "./fixtures/oidc";
import { signInAs } from "./fixtures/test";
import { formAlert, signIn } from "./helpers";

// Each test signs people up and walks whole flows through the browser: allow for a busy machine.
test.describe.configure({ timeout: 180_000 });

const POST_LOGOUT = "https://client.example/signed-out";

async function oidcApp(): Promise<TestApp> {
  return makeOAuthApp(testDb(), {
    grantTypes: ["authorization_code", "refresh_token"],
    settings: { kind: "web", requirePkce: true, postLogoutRedirectUri: POST_LOGOUT },
  });
}

async function person(page: Page, label: string): Promise<string> {
  const user = await makeUser(testDb(), { name: `${label} Person` });
  await signInAs(page.context(), user);
  await serveClientRedirects(page);
  return user.email;
}

/** A full code + PKCE + nonce sign-in through openid-client; returns the tokens and the checks used. */
async function signInWithOidc(page: Page, app: TestApp, extra: Record<string, string> = {}) {
  const config = await rpFor(app);
  const nonce = client.randomNonce();
  const state = client.randomState();
  const { url, verifier } = await pkceAuthorizationUrl(config, {
    redirect_uri: app.redirectUri!,
    scope: "openid profile email",
    nonce,
    state,
    ...extra,
  });
  const callback = await browserCallback(page, url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: state,
    idTokenExpected: true,
  });
  return { config, tokens, callback };
}

test("oidcc-server: discovery lists every endpoint the console serves", async () => {
  const app = await oidcApp();
  const config = await rpFor(app);
  const md = config.serverMetadata();
  expect(md.issuer).toBe(BASE);
  for (const [key, path] of [
    ["authorization_endpoint", "/oauth2/authorize"],
    ["token_endpoint", "/oauth2/token"],
    ["userinfo_endpoint", "/oauth2/userinfo"],
    ["jwks_uri", "/oauth2/jwks"],
    ["end_session_endpoint", "/oauth2/logout"],
    ["device_authorization_endpoint", "/oauth2/device_authorization"],
    ["pushed_authorization_request_endpoint", "/oauth2/par"],
  ] as const) {
    expect(md[key], key).toBe(BASE + path);
  }
  expect(md.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email", "hello"]));
  expect(md.id_token_signing_alg_values_supported).toEqual(["ES256"]);
  expect(md.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(["client_secret_basic", "client_secret_post", "none"]));
  expect(md.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "urn:ietf:params:oauth:grant-type:device_code"]));
  expect(md.authorization_response_iss_parameter_supported).toBe(true);
  // RFC 8414 metadata says the same.
  const rfc8414 = (await (await fetch(`${BASE}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
  expect(rfc8414.userinfo_endpoint).toBe(md.userinfo_endpoint);
  expect(rfc8414.token_endpoint_auth_methods_supported).toContain("none");
});

test("oidcc-ensure-request-with-valid-pkce-succeeds, oidcc-id-token-signature, oidcc-userinfo-get: code + PKCE + nonce", async ({
  page,
}) => {
  const email = await person(page, "oidc");
  const app = await oidcApp();
  const { config, tokens, callback } = await signInWithOidc(page, app);
  expect(callback.searchParams.get("iss")).toBe(BASE); // RFC 9207
  const user = await testDb().user.findUniqueOrThrow({ where: { email } });
  // The ID token: ES256 with a key of the JWKS, and the claims of Core 2.
  const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(`${BASE}/oauth2/jwks`)), {
    issuer: BASE,
    audience: app.clientId,
  });
  expect(protectedHeader.alg).toBe("ES256");
  expect(payload.sub).toBe(user.id);
  for (const claim of ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash"]) expect(payload[claim], claim).toBeDefined();
  // at_hash: the left half of the access token's SHA-256 (Core 3.1.3.6); no c_hash outside hybrid flows.
  expect(payload.at_hash).toBe(createHash("sha256").update(tokens.access_token).digest().subarray(0, 16).toString("base64url"));
  expect(payload.c_hash).toBeUndefined();
  // The email scope's claims: the person verified their address at sign-up, so email_verified is true.
  expect(user.emailVerifiedAt).not.toBeNull();
  expect(payload).toMatchObject({ email, email_verified: true, name: "oidc Person" });
  expect(tokens.claims()!.sub).toBe(user.id);
  // userinfo, GET (openid-client) and POST (form body).
  const info = await client.fetchUserInfo(config, tokens.access_token, user.id);
  expect(info).toMatchObject({ sub: user.id, email, email_verified: true, name: "oidc Person" });
  const posted = await fetch(`${BASE}/oauth2/userinfo`, { method: "POST", headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(posted.status).toBe(200);
  expect(((await posted.json()) as { sub: string }).sub).toBe(user.id);
  // The consent page listed the claims asked for.
  // sub is stable: a second sign-in gives the same one.
  const again = await signInWithOidc(page, app);
  expect(again.tokens.claims()!.sub).toBe(user.id);
});

/** A new person (`label`) signed in, an OIDC app and its relying party, and an authorization URL asking for `params`. */
async function personAuthorizing(page: Page, label: string, params: { scope: string; nonce: string }) {
  await person(page, label);
  const app = await oidcApp();
  const config = await rpFor(app);
  return { app, config, ...(await pkceAuthorizationUrl(config, { redirect_uri: app.redirectUri!, ...params })) };
}

test("the consent page lists the claims asked for; scope=openid alone grants no API", async ({ page }) => {
  const { config, url, verifier } = await personAuthorizing(page, "claims", { scope: "openid email", nonce: "n-0S6_WzA2Mj" });
  await page.goto(url.toString());
  await expect(page.getByTestId("consent-claims")).toContainText("email address");
  await expect(page.getByRole("list", { name: "What the application asks for" })).not.toContainText("Hello API");
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL((u) => u.href.startsWith(CLIENT_ORIGIN));
  const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
    pkceCodeVerifier: verifier,
    expectedNonce: "n-0S6_WzA2Mj",
    expectedState: client.skipStateCheck,
  });
  expect(tokens.scope).toBe("email openid");
  expect((await callHello(tokens.access_token)).status).toBe(403);
});

test("oidcc-response-type-missing: the error goes back to the redirect URI", async ({ page }) => {
  await person(page, "rtmissing");
  const app = await oidcApp();
  await landAtClient(page, authorizeUrl(app, { response_type: undefined, scope: "openid", state: "s1", nonce: "n1" }));
  const url = new URL(page.url());
  expect(url.searchParams.get("error")).toBe("invalid_request");
  expect(url.searchParams.get("state")).toBe("s1");
});

test("oidcc-ensure-redirect-uri-in-authorization-request: openid without redirect_uri is an error page", async ({ page }) => {
  await person(page, "noredirect");
  const app = await oidcApp();
  await page.goto(authorizeUrl(app, { redirect_uri: undefined, scope: "openid", nonce: "n1" }));
  await expect(formAlert(page)).toContainText("redirect_uri");
  expect(page.url().startsWith(BASE)).toBe(true);
});

test("oidcc-prompt-none-not-logged-in: login_required at the redirect URI", async ({ page }) => {
  await serveClientRedirects(page);
  const app = await oidcApp();
  await landAtClient(
    page,
    authorizeUrl(app, {
      scope: "openid",
      prompt: "none",
      state: "pn",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    }),
  );
  const url = new URL(page.url());
  expect(url.searchParams.get("error")).toBe("login_required");
  expect(url.searchParams.get("state")).toBe("pn");
});

test("prompt=none when consent is missing: consent_required; prompt=consent shows the page again", async ({ page }) => {
  await person(page, "pnconsent");
  const app = await oidcApp();
  const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  await landAtClient(
    page,
    authorizeUrl(app, { scope: "openid", prompt: "none", code_challenge: challenge, code_challenge_method: "S256" }),
  );
  expect(new URL(page.url()).searchParams.get("error")).toBe("consent_required");
  await signInWithOidc(page, app);
  await page.goto(
    authorizeUrl(app, { scope: "openid profile email", prompt: "consent", code_challenge: challenge, code_challenge_method: "S256" }),
  );
  await expect(page.getByRole("button", { name: "Allow" })).toBeVisible();
});

test("oidcc-max-age-1: an older sign-in must sign in again; auth_time is the new sign-in", async ({ page }) => {
  const email = await person(page, "maxage");
  const app = await oidcApp();
  const first = await signInWithOidc(page, app);
  const firstAuth = first.tokens.claims()!.auth_time!;
  // max_age=1 needs a sign-in less than a second old: wait until the first one is older than that.
  await page.waitForTimeout(2100);
  const config = first.config;
  const nonce = client.randomNonce();
  const { url, verifier } = await pkceAuthorizationUrl(config, {
    redirect_uri: app.redirectUri!,
    scope: "openid",
    max_age: "1",
    nonce,
  });
  await page.goto(url.toString());
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.href.startsWith(CLIENT_ORIGIN));
  const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
    pkceCodeVerifier: verifier,
    expectedNonce: nonce,
    expectedState: client.skipStateCheck,
    maxAge: 1,
  });
  expect(tokens.claims()!.auth_time!).toBeGreaterThan(firstAuth);
});

test("oidcc-codereuse: a code presented twice is refused and what it issued is revoked", async ({ page }) => {
  const { config, url, verifier } = await personAuthorizing(page, "codereuse", { scope: "openid hello", nonce: "reuse" });
  const callback = await browserCallback(page, url);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedNonce: "reuse",
    expectedState: client.skipStateCheck,
  });
  expect((await callHello(tokens.access_token)).status).toBe(200);
  const replay = await client
    .authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedNonce: "reuse", expectedState: client.skipStateCheck })
    .then(
      () => null,
      (e: unknown) => e as { error?: string },
    );
  expect(replay?.error).toBe("invalid_grant");
  expect((await callHello(tokens.access_token)).status).toBe(401);
});

test("logout: end_session_endpoint signs the person out and returns to the registered post-logout URL", async ({ page }) => {
  const email = await person(page, "logout");
  const app = await oidcApp();
  const { config, tokens } = await signInWithOidc(page, app);
  // An unregistered post-logout URL is refused on the console's page.
  const bad = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token!,
    post_logout_redirect_uri: "https://evil.example/",
    state: "x",
  });
  await page.goto(bad.toString());
  await expect(formAlert(page)).toContainText("post-logout redirect URL");
  const url = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT, state: "bye" });
  await page.goto(url.toString());
  await expect(page.getByRole("heading", { name: "Sign out of the console?" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.href.startsWith(POST_LOGOUT));
  expect(new URL(page.url()).searchParams.get("state")).toBe("bye");
  await page.goto("/apps");
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, email);
  expect(decodeJwt(tokens.id_token!).sub).toBeTruthy();
});
