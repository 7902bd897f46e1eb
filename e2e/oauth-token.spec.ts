// The token endpoint with client_credentials and the (legacy) password grant through oauth4webapi,
// and the error cases through raw HTTP. Numbers in test names are the behaviours.
import { expect, test } from "@playwright/test";
import { setAppStatus } from "../tests/factories/apps";
import { setCompanyStatus } from "../tests/factories/companies";
import { PASSWORD } from "../tests/factories/constants";
import { addSecret, basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { testDb } from "./fixtures/db";
import { basic, callHello, clientCredentialsToken, oauth, oauthError, passwordToken, post, rawPost, validateAtApi } from "./fixtures/oauth";

// The error codes RFC 6749 section 5.2 allows, written out here (not taken from lib/oauth/errors.ts).
const RFC6749_5_2 = "invalid_request invalid_client invalid_grant unauthorized_client unsupported_grant_type invalid_scope".split(" ");

function token(body: Record<string, string> | string, headers: Record<string, string> = {}) {
  return rawPost("/oauth2/token", typeof body === "string" ? body : new URLSearchParams(body), headers);
}

/** A token request with the app's own credentials in the Authorization header (client_secret_basic). */
function tokenBasic(app: { clientId: string; clientSecret: string }, body: Record<string, string>) {
  return token(body, { authorization: basicHeader(app.clientId, app.clientSecret) });
}

test("18 token_type, expires_in 3600, access_token (client_credentials, both client authentication methods)", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  for (const auth of [basic(app), post(app)]) {
    const tokens = await clientCredentialsToken(app, auth);
    expect(tokens.token_type).toBe("bearer"); // oauth4webapi lower-cases it; the raw answer is below
    expect(tokens.expires_in).toBe(3600);
    const claims = await validateAtApi(tokens.access_token);
    expect(claims).toMatchObject({ sub: app.clientId, client_id: app.clientId, scope: "hello" });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(typeof claims.jti).toBe("string");
  }
  const raw = await tokenBasic(app, { grant_type: "client_credentials" });
  const body = await raw.json();
  expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "hello" });
  expect(body.access_token.split(".")).toHaveLength(3);
  const header = JSON.parse(Buffer.from(body.access_token.split(".")[0], "base64url").toString());
  expect(header).toMatchObject({ typ: "at+jwt", alg: "ES256" });
  const hello = await callHello(body.access_token);
  expect(hello.status).toBe(200);
  const greeting = await hello.json();
  expect(greeting.message).toBe(`Hello, ${app.name}!`);
  expect(greeting.tokenExpiresIn).toBeGreaterThan(3500);
  expect(greeting.tokenExpiresIn).toBeLessThanOrEqual(3600);
});

test("21 client_credentials never returns a refresh token, even with Refresh Token registered", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials", "refresh_token"] });
  const tokens = await clientCredentialsToken(app);
  expect(tokens.refresh_token).toBeUndefined();
  expect(await testDb().refreshToken.count({ where: { appId: app.appId } })).toBe(0);
});

test("password grant (legacy): a console user's credentials give access and refresh tokens, refresh only when registered", async () => {
  const user = await makeUser(testDb());
  const withRefresh = await makeOAuthApp(testDb(), { grantTypes: ["password", "refresh_token"] });
  const tokens = await passwordToken(withRefresh, user.email, PASSWORD);
  expect(tokens.expires_in).toBe(3600);
  expect(tokens.refresh_token).toMatch(/^aprt_/);
  expect((await validateAtApi(tokens.access_token)).sub).toBe(user.id);
  expect((await callHello(tokens.access_token)).status).toBe(200);
  // The grant shows among the person's grants.
  expect(await testDb().consentGrant.count({ where: { userId: user.id, appId: withRefresh.appId, revokedAt: null } })).toBe(1);

  const without = await makeOAuthApp(testDb(), { grantTypes: ["password"] });
  const only = await passwordToken(without, user.email, PASSWORD, post(without));
  expect(only.refresh_token).toBeUndefined();
});

test("9 an unregistered grant type gets 400 unauthorized_client", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code"] });
  const user = await makeUser(testDb());
  const cc = await tokenBasic(app, { grant_type: "client_credentials" });
  expect(cc.status).toBe(400);
  expect((await cc.json()).error).toBe("unauthorized_client");
  expect(await oauthError(passwordToken(app, user.email, PASSWORD))).toEqual({ error: "unauthorized_client", status: 400 });
  const refresh = await tokenBasic(app, { grant_type: "refresh_token", refresh_token: "aprt_x" });
  expect((await refresh.json()).error).toBe("unauthorized_client");
});

test("10 an unknown grant type gets unsupported_grant_type", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  for (const grant_type of ["implicit", "magic", "urn:ietf:params:oauth:grant-type:jwt-bearer"]) {
    const res = await tokenBasic(app, { grant_type });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("unsupported_grant_type");
  }
  // The device flow is supported but this app did not register it.
  const device = await tokenBasic(app, { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: "x" });
  expect(device.status).toBe(400);
  expect((await device.json()).error).toBe("unauthorized_client");
});

test("11 missing parameters get invalid_request", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["authorization_code", "password", "refresh_token", "client_credentials"] });
  const auth = { authorization: basicHeader(app.clientId, app.clientSecret) };
  const bodies: Record<string, string>[] = [
    {},
    { grant_type: "authorization_code" },
    { grant_type: "password", username: "x@example.com" },
    { grant_type: "password", password: "x" },
    { grant_type: "refresh_token" },
  ];
  for (const body of bodies) {
    const res = await token(body, auth);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect((await res.json()).error, JSON.stringify(body)).toBe("invalid_request");
  }
  const notForm = await fetch(
    `${new URL("/oauth2/token", "http://x").pathname}`.replace(/^/, `http://127.0.0.1:${process.env.E2E_PORT ?? 3917}`),
    {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    },
  );
  expect((await notForm.json()).error).toBe("invalid_request");
});

test("12 bad client credentials get 401 invalid_client, with WWW-Authenticate: Basic when Basic was used", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const wrongBasic = await token(
    { grant_type: "client_credentials" },
    { authorization: basicHeader(app.clientId, app.clientSecret.slice(0, -1) + (app.clientSecret.endsWith("x") ? "y" : "x")) },
  );
  expect(wrongBasic.status).toBe(401);
  expect((await wrongBasic.json()).error).toBe("invalid_client");
  expect(wrongBasic.headers.get("www-authenticate")).toMatch(/^Basic /);

  const unknown = await token(
    { grant_type: "client_credentials" },
    { authorization: basicHeader("apc_000000000000000000000000", app.clientSecret) },
  );
  expect(unknown.status).toBe(401);
  expect(unknown.headers.get("www-authenticate")).toMatch(/^Basic /);

  const wrongPost = await token({ grant_type: "client_credentials", client_id: app.clientId, client_secret: "apcs_wrong" });
  expect(wrongPost.status).toBe(401);
  expect((await wrongPost.json()).error).toBe("invalid_client");
  expect(wrongPost.headers.get("www-authenticate")).toBeNull();

  const none = await token({ grant_type: "client_credentials", client_id: app.clientId });
  expect(none.status).toBe(401);
  expect((await none.json()).error).toBe("invalid_client");

  // Revoked and expired secrets no longer authenticate; a second live secret (rotation) does.
  const revoked = await addSecret(testDb(), app.appId, { revokedAt: new Date() });
  const expired = await addSecret(testDb(), app.appId, { expiresAt: new Date(Date.now() - 1000) });
  const grace = await addSecret(testDb(), app.appId, { expiresAt: new Date(Date.now() + 3600_000) });
  for (const s of [revoked, expired]) {
    expect((await token({ grant_type: "client_credentials" }, { authorization: basicHeader(app.clientId, s) })).status).toBe(401);
  }
  expect((await token({ grant_type: "client_credentials" }, { authorization: basicHeader(app.clientId, grace) })).status).toBe(200);
  expect(await oauthError(clientCredentialsToken({ ...app, clientSecret: "apcs_nope" }))).toEqual({ error: "invalid_client", status: 401 });
});

test("13 two client authentication methods in one request are refused", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const both = await tokenBasic(app, { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret });
  expect(both.status).toBe(400);
  expect((await both.json()).error).toBe("invalid_request");
  const mismatch = await tokenBasic(app, { grant_type: "client_credentials", client_id: "apc_someoneelse0000000000000" });
  expect((await mismatch.json()).error).toBe("invalid_request");
});

test("14 Basic credentials are form-urlencoding-decoded", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const special = "s3cret with space:colon+plus%percent&amp=équals";
  await addSecret(testDb(), app.appId, { value: special });
  // RFC 6749 2.3.1: id and secret are form-urlencoded before Base64, so '+' means a space.
  const formEncoded = (v: string) => new URLSearchParams({ v }).toString().slice(2);
  const res = await token(
    { grant_type: "client_credentials" },
    { authorization: "Basic " + Buffer.from(`${formEncoded(app.clientId)}:${formEncoded(special)}`).toString("base64") },
  );
  expect(res.status).toBe(200);
  // Every character percent-encoded decodes to the same credentials.
  const pct = (v: string) => [...Buffer.from(v)].map((b) => "%" + b.toString(16).padStart(2, "0")).join("");
  const res2 = await token(
    { grant_type: "client_credentials" },
    { authorization: "Basic " + Buffer.from(`${pct(app.clientId)}:${pct(app.clientSecret)}`).toString("base64") },
  );
  expect(res2.status).toBe(200);
  // Sent without the encoding, the secret is decoded into something else and refused.
  const literal = await token(
    { grant_type: "client_credentials" },
    { authorization: "Basic " + Buffer.from(`${app.clientId}:${special}`).toString("base64") },
  );
  expect(literal.status).toBe(401);
  // oauth4webapi does the same encoding.
  const tokens = await clientCredentialsToken({ ...app, clientSecret: special });
  expect(tokens.access_token).toBeTruthy();
});

test("16 Cache-Control: no-store and Pragma: no-cache on every token response, errors too", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const responses = [
    await tokenBasic(app, { grant_type: "client_credentials" }),
    await token({ grant_type: "client_credentials" }, { authorization: basicHeader(app.clientId, "wrong") }),
    await tokenBasic(app, { grant_type: "nope" }),
    await token("grant_type=a&grant_type=b", { authorization: basicHeader(app.clientId, app.clientSecret) }),
    await fetch(`http://127.0.0.1:${process.env.E2E_PORT ?? 3917}/oauth2/token`),
  ];
  for (const res of responses) {
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("pragma")).toBe("no-cache");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  }
  expect(responses.map((r) => r.status)).toEqual([200, 401, 400, 400, 405]);
});

test("17 only RFC 6749 5.2 error codes, as JSON", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials", "authorization_code", "refresh_token"] });
  const auth = { authorization: basicHeader(app.clientId, app.clientSecret) };
  const bodies: (Record<string, string> | string)[] = [
    {},
    { grant_type: "client_credentials", scope: "not-an-api" },
    { grant_type: "authorization_code", code: "apcode_nope", redirect_uri: app.redirectUri! },
    { grant_type: "refresh_token", refresh_token: "aprt_nope" },
    { grant_type: "password", username: "a@example.com", password: "x" },
    { grant_type: "jwt-bearer" },
    "grant_type=client_credentials&scope=hello&scope=hello",
    "%%%",
  ];
  const seen = new Set<string>();
  for (const body of bodies) {
    const res = await token(body, auth);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const json = await res.json();
    expect(RFC6749_5_2, JSON.stringify(body)).toContain(json.error);
    expect(typeof json.error_description).toBe("string");
    seen.add(json.error);
  }
  const badClient = await token({ grant_type: "client_credentials" }, { authorization: "Basic !!!" });
  expect((await badClient.json()).error).toBe("invalid_client");
  expect([...seen].sort()).toEqual(["invalid_grant", "invalid_request", "invalid_scope", "unauthorized_client", "unsupported_grant_type"]);
});

test("22 wrong resource-owner credentials get invalid_grant, repeated ones a lockout", async () => {
  const user = await makeUser(testDb());
  const app = await makeOAuthApp(testDb(), { grantTypes: ["password"] });
  const unknown = await oauthError(passwordToken(app, `nobody.${Date.now()}@example.com`, PASSWORD));
  expect(unknown).toEqual({ error: "invalid_grant", status: 400 });
  for (let i = 0; i < 6; i++) {
    expect(await oauthError(passwordToken(app, user.email, `wrong-password-${i}`))).toEqual({ error: "invalid_grant", status: 400 });
  }
  // The account is now locked (the console's sign-in throttle): even the right password is refused.
  const res = await tokenBasic(app, { grant_type: "password", username: user.email, password: PASSWORD });
  expect(res.status).toBe(400);
  const body = await res.json();
  expect(body.error).toBe("invalid_grant");
  expect(body.error_description).toMatch(/Too many failed attempts/);
});

test("26 duplicated parameters are refused at the token endpoint", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  for (const body of [
    "grant_type=client_credentials&grant_type=client_credentials",
    "grant_type=client_credentials&scope=hello&scope=hello",
    `grant_type=client_credentials&client_id=${app.clientId}&client_id=${app.clientId}&client_secret=${app.clientSecret}`,
  ]) {
    const res = await token(body, body.includes("client_secret") ? {} : { authorization: basicHeader(app.clientId, app.clientSecret) });
    expect(res.status, body).toBe(400);
    expect((await res.json()).error).toBe("invalid_request");
  }
});

test("30 per-client rate limits answer 429 with Retry-After", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const other = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const auth = { authorization: basicHeader(app.clientId, app.clientSecret) };
  // The e2e server allows 60 requests per client per minute (OAUTH_RATE_LIMIT_PER_MINUTE in playwright.config.ts).
  let limited: Response | undefined;
  for (let i = 0; i < 80 && !limited; i++) {
    const res = await token({ grant_type: "client_credentials" }, auth);
    if (res.status === 429) limited = res;
    else expect(res.status).toBe(200);
  }
  expect(limited, "no 429 within 80 requests").toBeDefined();
  expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(limited!.headers.get("cache-control")).toBe("no-store");
  expect(RFC6749_5_2).toContain((await limited!.json()).error);
  // Another client is not affected.
  expect((await clientCredentialsToken(other)).access_token).toBeTruthy();
});

test("suspended apps and companies get no new tokens, and their tokens stop working at the API", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const before = await clientCredentialsToken(app);
  expect((await callHello(before.access_token)).status).toBe(200);
  await setAppStatus(testDb(), app.appId, "SUSPENDED");
  expect(await oauthError(clientCredentialsToken(app))).toEqual({ error: "unauthorized_client", status: 400 });
  const hello = await callHello(before.access_token);
  expect(hello.status).toBe(401);
  expect(hello.headers.get("www-authenticate")).toContain('error="invalid_token"');
  await setAppStatus(testDb(), app.appId, "ACTIVE");
  expect((await callHello(before.access_token)).status).toBe(200);

  await setCompanyStatus(testDb(), app.companyId, "SUSPENDED");
  expect(await oauthError(clientCredentialsToken(app))).toEqual({ error: "unauthorized_client", status: 400 });
  expect((await callHello(before.access_token)).status).toBe(401);
  await setCompanyStatus(testDb(), app.companyId, "ACTIVE");
  expect((await clientCredentialsToken(app)).access_token).toBeTruthy();
  void oauth;
});
