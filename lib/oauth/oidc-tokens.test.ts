// ID token and userinfo claims (email_verified from the person's verified address), at_hash, why there is
// no c_hash, and DPoP-bound refresh tokens of public clients (RFC 9449 section 5), through the real token
// endpoint function with real DPoP proofs, on the real database (SQLite, or PostgreSQL with
// TEST_DATABASE=postgresql).
import { randomUUID } from "node:crypto";
import { createLocalJWKSet, decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../tests/factories/domain";
import { type AppSettings as AppSettings, basicHeader, makeOAuthApp, type TestApp as TestApp } from "../../tests/factories/oauth";
import { makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { approveAuthorization, checkAuthorizationRequest } from "./authorize";
import { ENDPOINTS, issuer } from "./config";
import { halfHash } from "./id-token";
import { publishedJwks } from "./keys";
import { authorizationServerMetadata } from "./metadata";
import type { OAuthHttpRequest } from "./params";
import { s256 } from "./pkce";
import { processTokenRequest } from "./token-endpoint";
import { processUserinfoRequest } from "./userinfo";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

const ctx = { ip: "203.0.113.77", userAgent: "vitest" };
const VERIFIER = "dpop-refresh-verifier-".padEnd(50, "x");

async function dpopProof(keys: CryptoKeyPair, htm = "POST", htu = issuer() + ENDPOINTS.token): Promise<string> {
  return new SignJWT({ htm, htu, jti: randomUUID(), iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: await exportJWK(keys.publicKey) })
    .sign(keys.privateKey);
}

/** POST /oauth2/token as the fast path sees it. */
async function tokenRequest(app: TestApp, values: Record<string, string>, opts: { dpop?: string; publicClient?: boolean } = {}) {
  const body = new URLSearchParams(opts.publicClient ? { ...values, client_id: app.clientId } : values).toString();
  const request: OAuthHttpRequest = {
    method: "POST",
    contentType: "application/x-www-form-urlencoded",
    authorization: opts.publicClient ? null : basicHeader(app.clientId, app.clientSecret),
    body,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    dpop: opts.dpop ?? null,
  };
  const answer = await processTokenRequest(request);
  return { status: answer.status, json: JSON.parse(answer.body) as Record<string, string> };
}

/** A code for the person, through the validated authorization request (PKCE S256 always). */
async function codeFor(app: TestApp, user: { id: string; email: string }, scope: string, nonce?: string): Promise<string> {
  const check = await checkAuthorizationRequest(
    new URLSearchParams({
      response_type: "code",
      client_id: app.clientId,
      redirect_uri: app.redirectUri!,
      scope,
      code_challenge: s256(VERIFIER),
      code_challenge_method: "S256",
      ...(nonce ? { nonce } : {}),
    }),
  );
  if (!check.ok) throw new Error(`request refused: ${JSON.stringify(check)}`);
  const url = new URL(await approveAuthorization(user, check.request, ctx, { authTime: Math.floor(Date.now() / 1000) }));
  return url.searchParams.get("code")!;
}

const redeem = (app: TestApp, code: string, opts: { dpop?: string; publicClient?: boolean } = {}) =>
  tokenRequest(app, { grant_type: "authorization_code", code, redirect_uri: app.redirectUri!, code_verifier: VERIFIER }, opts);

async function userinfo(accessToken: string) {
  const answer = await processUserinfoRequest({
    method: "GET",
    contentType: null,
    authorization: `Bearer ${accessToken}`,
    body: null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  return { status: answer.status, json: JSON.parse(answer.body) as Record<string, unknown> };
}

describe("ID token and userinfo claims", () => {
  it("email_verified is true for a verified address, in the id_token and at userinfo alike; at_hash is the access token's", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"], settings: { kind: "web", requirePkce: true } });
    const user = await makeUser(db(), { name: "Verified Person" });
    const tokens = await redeem(app, await codeFor(app, user, "openid profile email", "n-123"));
    expect(tokens.status).toBe(200);
    const jwks = createLocalJWKSet(await publishedJwks());
    const { payload } = await jwtVerify(tokens.json.id_token!, jwks, { issuer: issuer(), audience: app.clientId });
    expect(payload).toMatchObject({ sub: user.id, nonce: "n-123", email: user.email, email_verified: true, name: "Verified Person" });
    // at_hash (Core 3.1.3.6): the left half of the SHA-256 of the access token it came with.
    expect(payload.at_hash).toBe(halfHash(tokens.json.access_token!));
    expect(payload.at_hash).not.toBe(halfHash(tokens.json.access_token! + "x"));
    // c_hash belongs to hybrid responses only (an id_token from the authorization endpoint); none here.
    expect(payload.c_hash).toBeUndefined();
    const info = await userinfo(tokens.json.access_token!);
    expect(info.status).toBe(200);
    expect(info.json).toEqual({
      sub: user.id,
      name: "Verified Person",
      updated_at: expect.any(Number),
      email: user.email,
      email_verified: true,
    });
  });

  it("email_verified is false while the address is not verified; without the email scope neither claim is given", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"], settings: { kind: "web", requirePkce: true } });
    const unverified = await makeUser(db(), { verified: false });
    const tokens = await redeem(app, await codeFor(app, unverified, "openid email"));
    expect(decodeJwt(tokens.json.id_token!)).toMatchObject({ email: unverified.email, email_verified: false });
    expect((await userinfo(tokens.json.access_token!)).json).toEqual({
      sub: unverified.id,
      email: unverified.email,
      email_verified: false,
    });
    // Verified later: userinfo reads the person now.
    await db().user.update({ where: { id: unverified.id }, data: { emailVerifiedAt: new Date() } });
    expect((await userinfo(tokens.json.access_token!)).json.email_verified).toBe(true);

    const plain = await redeem(app, await codeFor(app, await makeUser(db()), "openid"));
    const claims = decodeJwt(plain.json.id_token!);
    expect(claims.email).toBeUndefined();
    expect(claims.email_verified).toBeUndefined();
    expect(claims.name).toBeUndefined();
  });

  it("no hybrid response types: an id_token never comes from the authorization endpoint, so no c_hash is required", async () => {
    const meta = await authorizationServerMetadata();
    expect(meta.response_types_supported).toEqual(["code", "token"]);
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code", "implicit"], settings: { kind: "web", requirePkce: true } });
    for (const responseType of ["code id_token", "code token", "code id_token token", "id_token", "id_token token"]) {
      const check = await checkAuthorizationRequest(
        new URLSearchParams({
          response_type: responseType,
          client_id: app.clientId,
          redirect_uri: app.redirectUri!,
          scope: "openid",
          nonce: "n",
          code_challenge: s256(VERIFIER),
          code_challenge_method: "S256",
        }),
      );
      expect(check.ok, responseType).toBe(false);
      const url = new URL((check as { url: string }).url);
      expect(url.searchParams.get("error"), responseType).toBe("unsupported_response_type");
    }
  });
});

describe("DPoP-bound refresh tokens (RFC 9449 section 5)", () => {
  const publicApp = (settings: AppSettings = {}) =>
    makeOAuthApp(db(), {
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "com.example.app:/callback",
      settings: { kind: "native", clientType: "public", requirePkce: true, ...settings },
    });

  it("a public client's refresh token is bound to its DPoP key: refreshing needs a proof of the same key, and the binding survives rotation", async () => {
    const app = await publicApp();
    const user = await makeUser(db());
    const keys = await generateKeyPair("ES256");
    const first = await redeem(app, await codeFor(app, user, "hello"), { publicClient: true, dpop: await dpopProof(keys) });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.token_type).toBe("DPoP");
    const row = await db().refreshToken.findFirstOrThrow({ where: { appId: app.appId } });
    expect(row.jkt).toBe((decodeJwt(first.json.access_token!).cnf as { jkt: string }).jkt);

    const refresh = (token: string, dpop?: string) =>
      tokenRequest(app, { grant_type: "refresh_token", refresh_token: token }, { publicClient: true, dpop });
    // Without a proof: refused, and the grant is not revoked (a thief without the key can do nothing).
    const bare = await refresh(first.json.refresh_token!);
    expect(bare.status).toBe(400);
    expect(bare.json).toMatchObject({ error: "invalid_grant", error_description: expect.stringContaining("DPoP") });
    // With a valid proof of another key: refused too.
    const stranger = await generateKeyPair("ES256");
    expect((await refresh(first.json.refresh_token!, await dpopProof(stranger))).json).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringContaining("another DPoP key"),
    });
    // A proof for another URL is not a valid proof at all.
    expect((await refresh(first.json.refresh_token!, await dpopProof(keys, "POST", issuer() + "/oauth2/other"))).json.error).toBe(
      "invalid_dpop_proof",
    );
    expect((await db().tokenGrant.findFirstOrThrow({ where: { appId: app.appId } })).revokedAt).toBeNull();

    // The same key: a new DPoP access token and a rotated refresh token that is bound to the key as well.
    const second = await refresh(first.json.refresh_token!, await dpopProof(keys));
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    expect(second.json.token_type).toBe("DPoP");
    expect((decodeJwt(second.json.access_token!).cnf as { jkt: string }).jkt).toBe(row.jkt);
    expect((await refresh(second.json.refresh_token!)).json.error).toBe("invalid_grant");
    expect((await refresh(second.json.refresh_token!, await dpopProof(keys))).status).toBe(200);
    expect(await db().refreshToken.count({ where: { appId: app.appId, jkt: { not: row.jkt } } })).toBe(0);
  });

  it("a public client that sent no proof gets an unbound refresh token; a confidential client's is bound to its authentication, not a key", async () => {
    const app = await publicApp();
    const plain = await redeem(app, await codeFor(app, await makeUser(db()), "hello"), { publicClient: true });
    expect(plain.json.token_type).toBe("Bearer");
    expect((await db().refreshToken.findFirstOrThrow({ where: { appId: app.appId } })).jkt).toBeNull();
    expect(
      (await tokenRequest(app, { grant_type: "refresh_token", refresh_token: plain.json.refresh_token! }, { publicClient: true })).status,
    ).toBe(200);

    const web = await makeOAuthApp(db(), {
      grantTypes: ["authorization_code", "refresh_token"],
      settings: { kind: "web", requirePkce: true },
    });
    const keys = await generateKeyPair("ES256");
    const bound = await redeem(web, await codeFor(web, await makeUser(db()), "hello"), { dpop: await dpopProof(keys) });
    expect(bound.json.token_type).toBe("DPoP");
    expect((await db().refreshToken.findFirstOrThrow({ where: { appId: web.appId } })).jkt).toBeNull();
    const again = await tokenRequest(web, { grant_type: "refresh_token", refresh_token: bound.json.refresh_token! });
    expect(again.status).toBe(200);
    expect(again.json.token_type).toBe("Bearer");
  });
});
