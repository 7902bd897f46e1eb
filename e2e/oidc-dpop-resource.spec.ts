// Tighter tokens: resource indicators (RFC 8707) with the Hello API checking its own
// audience; sender-constrained tokens (RFC 9449 DPoP) through openid-client's DPoP handle; an app
// that requires DPoP; entitlements filter scopes at issue; a public client's refresh token bound to its
// DPoP key (RFC 9449 section 5).
import { createHash, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { calculateJwkThumbprint, decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
import { basicHeader, makeOAuthApp } from "../tests/factories/oauth";
import { testDb } from "./fixtures/db";
import { AUDIENCE, BASE, callHello, rawPost } from "./fixtures/oauth";
import { browserCallback, client, pkceAuthorizationUrl, rpFor, signedInWithPublicSpa } from "./fixtures/oidc";

// Each test signs people up and walks whole flows through the browser: allow for a busy machine.
test.describe.configure({ timeout: 180_000 });

const HELLO = `${BASE}/api/hello`;

async function proof(keys: CryptoKeyPair, htm: string, htu: string, extra: Record<string, unknown> = {}) {
  return new SignJWT({ htm, htu, jti: randomUUID(), iat: Math.floor(Date.now() / 1000), ...extra })
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: await exportJWK(keys.publicKey) })
    .sign(keys.privateKey);
}

test("resource (RFC 8707): per-API audience; the Hello API accepts its own or the platform audience only", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"] });
  const config = await rpFor(app);
  const plain = await client.clientCredentialsGrant(config, { scope: "hello" });
  expect(decodeJwt(plain.access_token).aud).toBe(AUDIENCE);
  const own = await client.clientCredentialsGrant(config, { scope: "hello", resource: HELLO });
  expect(decodeJwt(own.access_token).aud).toBe(HELLO);
  expect((await callHello(own.access_token)).status).toBe(200);
  // A token for another API of the platform is refused by the Hello API.
  const slug = `other-${Date.now().toString(36)}`;
  const api = await testDb().api.create({
    data: { id: `api_${slug}`, slug, name: `Other ${slug}`, endpoint: `/api/${slug}`, openToAll: true },
  });
  await testDb().appApiSubscription.create({ data: { appId: app.appId, apiId: api.id } });
  const other = await client.clientCredentialsGrant(config, { scope: `hello ${slug}`, resource: `${AUDIENCE}/${slug}` });
  expect(decodeJwt(other.access_token).aud).toBe(`${AUDIENCE}/${slug}`);
  expect(other.scope).toBe(slug);
  const refused = await callHello(other.access_token);
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
  // An unknown resource is invalid_target.
  const bad = await rawPost(
    "/oauth2/token",
    new URLSearchParams({ grant_type: "client_credentials", resource: "https://elsewhere.example/api" }),
    {
      authorization: basicHeader(app.clientId, app.clientSecret),
    },
  );
  expect(((await bad.json()) as { error: string }).error).toBe("invalid_target");
  // Entitlements: a retired API never appears in a token's scope.
  await testDb().api.update({ where: { id: api.id }, data: { status: "RETIRED" } });
  const after = await client.clientCredentialsGrant(config, {});
  expect(after.scope).toBe("hello");
});

test("DPoP (RFC 9449): token_type DPoP bound by cnf.jkt; the Hello API checks the proof, its method, URL, age and jti", async () => {
  const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], settings: { requireDpop: true } });
  const config = await rpFor(app);
  // Required: without a proof there is no token.
  const none = await client.clientCredentialsGrant(config, { scope: "hello" }).then(
    () => null,
    (e: unknown) => e as { error?: string },
  );
  expect(none?.error).toBe("invalid_dpop_proof");

  const keyPair = await client.randomDPoPKeyPair("ES256");
  const handle = client.getDPoPHandle(config, keyPair);
  const tokens = await client.clientCredentialsGrant(config, { scope: "hello" }, { DPoP: handle });
  expect(tokens.token_type).toBe("dpop");
  const jkt = await calculateJwkThumbprint(await exportJWK(keyPair.publicKey));
  expect((decodeJwt(tokens.access_token).cnf as { jkt: string }).jkt).toBe(jkt);
  // openid-client sends the token with the DPoP scheme and a fresh proof.
  const ok = await client.fetchProtectedResource(config, tokens.access_token, new URL(HELLO), "GET", undefined, undefined, {
    DPoP: handle,
  });
  expect(ok.status).toBe(200);
  // As a Bearer token it is refused.
  const bearer = await callHello(tokens.access_token);
  expect(bearer.status).toBe(401);
  expect(bearer.headers.get("www-authenticate")).toMatch(/^DPoP /);
  const call = (dpop: string) => fetch(HELLO, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop } });
  const ath = createHash("sha256").update(tokens.access_token).digest("base64url");
  const keys = keyPair as CryptoKeyPair;
  // Wrong method, wrong URL, too old, another key: refused.
  expect((await call(await proof(keys, "POST", HELLO, { ath }))).status).toBe(401);
  expect((await call(await proof(keys, "GET", `${BASE}/api/other`, { ath }))).status).toBe(401);
  expect((await call(await proof(keys, "GET", HELLO, { ath, iat: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
  const stranger = await generateKeyPair("ES256");
  expect((await call(await proof(stranger, "GET", HELLO, { ath }))).status).toBe(401);
  // A proof is accepted once (jti replay).
  const once = await proof(keys, "GET", HELLO, { ath });
  expect((await call(once)).status).toBe(200);
  const replay = await call(once);
  expect(replay.status).toBe(401);
  expect(((await replay.json()) as { error_description: string }).error_description).toContain("jti");
});

test("DPoP-bound refresh tokens (RFC 9449 5): a public client refreshes only with a proof of the same key", async ({ page }) => {
  const { app, config } = await signedInWithPublicSpa(page, "Dpop Refresh", { requirePkce: true });
  const state = client.randomState();
  const { url, verifier } = await pkceAuthorizationUrl(config, {
    redirect_uri: app.redirectUri!,
    scope: "hello",
    state,
  });
  const callback = await browserCallback(page, url);
  const keyPair = await client.randomDPoPKeyPair("ES256");
  const handle = client.getDPoPHandle(config, keyPair);
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }, undefined, {
    DPoP: handle,
  });
  expect(tokens.token_type).toBe("dpop");
  expect(tokens.refresh_token).toBeTruthy();
  const jkt = await calculateJwkThumbprint(await exportJWK(keyPair.publicKey));
  // Stored with its binding (the value itself only as a digest).
  expect((await testDb().refreshToken.findFirstOrThrow({ where: { appId: app.appId } })).jkt).toBe(jkt);

  // Without a proof, as a thief with only the token would send it: invalid_grant, and nothing is revoked.
  const bare = await rawPost(
    "/oauth2/token",
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens.refresh_token!, client_id: app.clientId }),
  );
  expect(bare.status).toBe(400);
  expect(((await bare.json()) as { error: string }).error).toBe("invalid_grant");
  // With a proof of another key: refused as well.
  const other = client.getDPoPHandle(config, await client.randomDPoPKeyPair("ES256"));
  const refused = await client.refreshTokenGrant(config, tokens.refresh_token!, undefined, { DPoP: other }).then(
    () => null,
    (e: unknown) => e as { error?: string },
  );
  expect(refused?.error).toBe("invalid_grant");
  // The same key: a new DPoP-bound access token that the Hello API accepts, and a rotated refresh token.
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!, undefined, { DPoP: handle });
  expect(refreshed.token_type).toBe("dpop");
  expect((decodeJwt(refreshed.access_token).cnf as { jkt: string }).jkt).toBe(jkt);
  const hello = await client.fetchProtectedResource(config, refreshed.access_token, new URL(HELLO), "GET", undefined, undefined, {
    DPoP: handle,
  });
  expect(hello.status).toBe(200);
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  const bareAgain = await rawPost(
    "/oauth2/token",
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshed.refresh_token!, client_id: app.clientId }),
  );
  expect(((await bareAgain.json()) as { error: string }).error).toBe("invalid_grant");
});
