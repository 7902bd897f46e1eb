// Refresh tokens, revocation, introspection, metadata, JWKS and the Hello API's Bearer challenges.
// Numbers in test names are the behaviours.
import { expect, test } from "@playwright/test";
import { PASSWORD } from "../tests/factories/constants";
import { basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { makeUser, setUserStatus } from "../tests/factories/people";
import { refreshRow, signWithServerKey, testDb } from "./fixtures/db";
import {
  AUDIENCE,
  authorizationServer,
  BASE,
  callHello,
  clientCredentialsToken,
  introspect,
  oauthError,
  passwordToken,
  rawPost,
  refreshToken,
  revoke,
  validateAtApi,
} from "./fixtures/oauth";

const PW_APP = ["password", "refresh_token"] as const;

async function userTokens() {
  const user = await makeUser(testDb());
  const app = await makeOAuthApp(testDb(), { grantTypes: [...PW_APP] });
  const tokens = await passwordToken(app, user.email, PASSWORD);
  return { user, app, tokens };
}

test("19 a refresh token is bound to its client and expires", async () => {
  const { app, tokens } = await userTokens();
  const thief = await makeOAuthApp(testDb(), { grantTypes: [...PW_APP], companyId: app.companyId });
  expect(await oauthError(refreshToken(thief, tokens.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
  // Still usable by its own client.
  const next = await refreshToken(app, tokens.refresh_token!);
  expect(next.refresh_token).toBeTruthy();

  const row = await refreshRow(next.refresh_token!);
  expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());
  await testDb().refreshToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await oauthError(refreshToken(app, next.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
});

test("20 refresh tokens rotate, and reusing an old one revokes the whole grant", async () => {
  const { app, tokens } = await userTokens();
  const second = await refreshToken(app, tokens.refresh_token!);
  expect(second.refresh_token).not.toBe(tokens.refresh_token);
  expect(second.expires_in).toBe(3600);
  expect((await validateAtApi(second.access_token)).client_id).toBe(app.clientId);
  const third = await refreshToken(app, second.refresh_token!);
  expect((await callHello(third.access_token)).status).toBe(200);

  // Presenting the first (already rotated) one again: invalid_grant, and everything of the grant dies.
  expect(await oauthError(refreshToken(app, tokens.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
  expect(await oauthError(refreshToken(app, third.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
  for (const access of [tokens.access_token, second.access_token, third.access_token]) {
    const res = await callHello(access);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  }
  expect((await refreshRow(third.refresh_token!)).tokenGrant.revokedReason).toBe("refresh_token_reused");
});

test("20 two concurrent refreshes with one token cannot both win", async () => {
  const { app, tokens } = await userTokens();
  const send = () =>
    rawPost("/oauth2/token", new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token! }), {
      authorization: basicHeader(app.clientId, app.clientSecret),
    });
  const results = await Promise.all([send(), send(), send(), send()]);
  const statuses = results.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
  expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(3);
  // Exactly one rotation happened in the database.
  const grantId = (await refreshRow(tokens.refresh_token!)).tokenGrantId;
  expect(await testDb().refreshToken.count({ where: { tokenGrantId: grantId } })).toBeLessThanOrEqual(2);
});

test("27 revocation answers 200 for unknown tokens and cannot revoke another client's", async () => {
  const { app, tokens } = await userTokens();
  const other = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const otherToken = (await clientCredentialsToken(other)).access_token;

  for (const token of ["not-a-token", "aprt_unknown", "eyJhbGciOiJIUzI1NiJ9.e30.x"]) {
    const res = await rawPost("/oauth2/revoke", new URLSearchParams({ token }), {
      authorization: basicHeader(app.clientId, app.clientSecret),
    });
    expect(res.status).toBe(200);
  }
  // Another client's tokens: 200, and nothing happens to them.
  await revoke(app, otherToken);
  expect((await callHello(otherToken)).status).toBe(200);
  await revoke(other, tokens.refresh_token!);
  expect((await refreshToken(app, tokens.refresh_token!)).access_token).toBeTruthy();

  // Its own access token: revoked at the API at once (jti list), through oauth4webapi.
  const fresh = await clientCredentialsToken(other);
  await revoke(other, fresh.access_token);
  const res = await callHello(fresh.access_token);
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');

  // Client authentication is required.
  const anon = await rawPost("/oauth2/revoke", new URLSearchParams({ token: fresh.access_token }));
  expect(anon.status).toBe(401);
  expect((await anon.json()).error).toBe("invalid_client");
});

test("revoking a refresh token revokes its grant: its access tokens stop working", async () => {
  const { app, tokens } = await userTokens();
  expect((await callHello(tokens.access_token)).status).toBe(200);
  await revoke(app, tokens.refresh_token!);
  expect((await callHello(tokens.access_token)).status).toBe(401);
  expect(await oauthError(refreshToken(app, tokens.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
});

test("28 introspection needs client authentication and shows revoked, expired and used tokens as inactive", async () => {
  const { user, app, tokens } = await userTokens();
  const anon = await rawPost("/oauth2/introspect", new URLSearchParams({ token: tokens.access_token }));
  expect(anon.status).toBe(401);
  expect((await anon.json()).error).toBe("invalid_client");

  const active = await introspect(app, tokens.access_token);
  expect(active).toMatchObject({
    active: true,
    client_id: app.clientId,
    sub: user.id,
    username: user.email,
    scope: "hello",
    token_type: "Bearer",
    aud: AUDIENCE,
  });
  expect(await introspect(app, tokens.refresh_token!)).toMatchObject({
    active: true,
    token_type: "refresh_token",
    client_id: app.clientId,
  });

  // Another app cannot look at this app's tokens.
  const other = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  expect(await introspect(other, tokens.access_token)).toEqual({ active: false });

  // Used: a rotated refresh token.
  const next = await refreshToken(app, tokens.refresh_token!);
  expect(await introspect(app, tokens.refresh_token!)).toEqual({ active: false });
  // Revoked: an access token on the jti list.
  await revoke(app, next.access_token);
  expect(await introspect(app, next.access_token)).toEqual({ active: false });
  // Expired: a token signed by the server's key whose exp has passed, and a lapsed refresh token.
  const now = Math.floor(Date.now() / 1000);
  const expired = await signWithServerKey({
    iss: BASE,
    sub: app.clientId,
    aud: AUDIENCE,
    client_id: app.clientId,
    scope: "hello",
    iat: now - 7200,
    exp: now - 3600,
  });
  expect(await introspect(app, expired)).toEqual({ active: false });
  const row = await refreshRow(next.refresh_token!);
  await testDb().refreshToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await introspect(app, next.refresh_token!)).toEqual({ active: false });
  expect(await introspect(app, "garbage")).toEqual({ active: false });
  const res = await rawPost("/oauth2/introspect", new URLSearchParams({ token: "garbage" }), {
    authorization: basicHeader(app.clientId, app.clientSecret),
  });
  expect(res.headers.get("cache-control")).toBe("no-store");
});

test("29 metadata matches the endpoints, and the JWKS publishes the key that verifies tokens", async () => {
  const as = await authorizationServer();
  expect(as.issuer).toBe(BASE);
  expect(as).toMatchObject({
    authorization_endpoint: `${BASE}/oauth2/authorize`,
    token_endpoint: `${BASE}/oauth2/token`,
    revocation_endpoint: `${BASE}/oauth2/revoke`,
    introspection_endpoint: `${BASE}/oauth2/introspect`,
    jwks_uri: `${BASE}/oauth2/jwks`,
    code_challenge_methods_supported: ["S256"],
  });
  expect([...as.grant_types_supported!].sort()).toEqual([
    "authorization_code",
    "client_credentials",
    "implicit",
    "password",
    "refresh_token",
    "urn:ietf:params:oauth:grant-type:device_code",
  ]);
  expect([...as.response_types_supported!].sort()).toEqual(["code", "token"]);
  // "none": public clients (single-page and native apps with PKCE); "private_key_jwt": apps that sign in with a key.
  expect([...as.token_endpoint_auth_methods_supported!].sort()).toEqual([
    "client_secret_basic",
    "client_secret_post",
    "none",
    "private_key_jwt",
  ]);
  // Every advertised endpoint answers as its kind should.
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const auth = { authorization: basicHeader(app.clientId, app.clientSecret) };
  expect((await rawPost(new URL(as.token_endpoint!).pathname, "grant_type=client_credentials", auth)).status).toBe(200);
  expect((await rawPost(new URL(as.revocation_endpoint!).pathname, "token=x", auth)).status).toBe(200);
  expect((await rawPost(new URL(as.introspection_endpoint!).pathname, "token=x", auth)).status).toBe(200);
  // The authorization endpoint: with a known client and no response_type, an error back to the client.
  const authz = await fetch(`${as.authorization_endpoint}?client_id=${app.clientId}&state=m`, { redirect: "manual" });
  expect(authz.status).toBe(307);
  const location = new URL(authz.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(app.redirectUri);
  expect(location.searchParams.get("error")).toBe("invalid_request");
  const jwks = await (await fetch(as.jwks_uri!)).json();
  expect(jwks.keys.length).toBeGreaterThanOrEqual(1);
  for (const k of jwks.keys) {
    expect(k).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    expect(k.d).toBeUndefined();
  }
  const token = (await clientCredentialsToken(app)).access_token;
  const kid = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid;
  expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(kid);
});

test("the Hello API: 401 Bearer without a token, invalid_token for bad, expired or forged ones, 403 insufficient_scope when not subscribed", async () => {
  const none = await callHello();
  expect(none.status).toBe(401);
  expect(none.headers.get("www-authenticate")).toMatch(/^Bearer realm="api-console"$/);

  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: BASE, sub: app.clientId, aud: AUDIENCE, client_id: app.clientId, scope: "hello", iat: now - 7200, exp: now - 3600 };
  const expired = await signWithServerKey(claims);
  const good = (await clientCredentialsToken(app)).access_token;
  const [h, p, sig] = good.split(".");
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, "base64url").toString()), client_id: "apc_other" })).toString("base64url")}.${sig}`;
  const wrongAudience = await signWithServerKey({ ...claims, aud: "https://elsewhere.example", exp: now + 600 });
  for (const token of ["garbage", expired, tampered, wrongAudience, ""]) {
    const res = await callHello(token);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await res.json()).error).toBe("invalid_token");
  }
  const basicAuth = await fetch(`${BASE}/api/hello`, { headers: { authorization: basicHeader(app.clientId, app.clientSecret) } });
  expect(basicAuth.status).toBe(401);
  expect(basicAuth.headers.get("www-authenticate")).not.toContain("error=");

  const unsubscribed = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], subscribeHello: false });
  const token = (await clientCredentialsToken(unsubscribed)).access_token;
  const res = await callHello(token);
  expect(res.status).toBe(403);
  expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  expect((await res.json()).error).toBe("insufficient_scope");
  // The token is otherwise valid (oauth4webapi's RFC 9068 checks pass).
  expect((await validateAtApi(token)).client_id).toBe(unsubscribed.clientId);
});

test("a suspended person's tokens stop working at the API and cannot be refreshed", async () => {
  const { user, app, tokens } = await userTokens();
  expect((await callHello(tokens.access_token)).status).toBe(200);
  await setUserStatus(testDb(), user.email, "SUSPENDED");
  expect((await callHello(tokens.access_token)).status).toBe(401);
  expect(await oauthError(refreshToken(app, tokens.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
  expect(await introspect(app, tokens.access_token)).toEqual({ active: false });
});
