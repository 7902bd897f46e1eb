// private_key_jwt (RFC 7523) through the console's route handlers served over real HTTP (port 0), with
// openid-client's PrivateKeyJwt client authentication, and hand-signed assertions for the refusals.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as introspectRoute from "../../app/oauth2/introspect/route";
import * as parRoute from "../../app/oauth2/par/route";
import * as registerRoute from "../../app/oauth2/register/route";
import * as revokeRoute from "../../app/oauth2/revoke/route";
import * as tokenRoute from "../../app/oauth2/token/route";
import { makeDeveloperCompany, registered, uniqueName } from "../../tests/factories/domain";
import { addMember, makeUser } from "../../tests/factories/people";
import { setClientAuthentication } from "../apps/client-authentication";
import { rotateClientSecret } from "../apps/secrets";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { AppError } from "../errors";
import { CLIENT_ASSERTION_TYPE, pruneClientAssertionJtis, useAssertionJtiRedisForTests } from "./client-assertion";
import { forgetClientKeySets } from "./client-jwks";
import { clearClientCache } from "./clients";
import { ENDPOINTS, issuer } from "./config";
import { authorizationServerMetadata } from "./metadata";
import { createInitialAccessToken } from "./registration/initial-tokens";

const ctx = { ip: "203.0.113.21", userAgent: "vitest" };
type Handler = (request: Request) => Promise<Response>;
const ROUTES: Record<string, Handler> = {
  [ENDPOINTS.token]: tokenRoute.POST,
  [ENDPOINTS.introspection]: introspectRoute.POST,
  [ENDPOINTS.revocation]: revokeRoute.POST,
  [ENDPOINTS.pushedAuthorization]: parRoute.POST,
};

// The console's client endpoints over HTTP: each request is handed to its route handler.
const consoleServer = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const handler = ROUTES[(req.url ?? "/").split("?")[0]!];
  if (!handler) return void res.writeHead(404).end();
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const response = await handler(new Request(`${issuer()}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

// A client's JWKS URL: serves whatever `published` holds and counts the fetches.
let published: { keys: JWK[] } = { keys: [] };
let jwksFetches = 0;
const jwksServer = http.createServer((req, res) => {
  jwksFetches++;
  res.writeHead(200, { "content-type": "application/jwk-set+json" }).end(JSON.stringify(published));
});

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

let base = "";
let jwksUrl = "";

beforeAll(async () => {
  process.env.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK = "1";
  resetEnvCache();
  base = `http://127.0.0.1:${await listen(consoleServer)}`;
  jwksUrl = `http://127.0.0.1:${await listen(jwksServer)}/jwks.json`;
});

afterAll(async () => {
  delete process.env.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK;
  resetEnvCache();
  consoleServer.closeAllConnections();
  jwksServer.closeAllConnections();
  await Promise.all([new Promise((r) => consoleServer.close(r)), new Promise((r) => jwksServer.close(r))]);
});

type Alg = "ES256" | "PS256" | "RS256" | "EdDSA";
async function keyPair(alg: Alg, kid = `k-${alg}-${Math.random().toString(36).slice(2, 8)}`) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { privateKey, jwk, kid, alg };
}
type Key = Awaited<ReturnType<typeof keyPair>>;

/** A Client Credentials app of a new company, switched to private_key_jwt with these keys. */
async function keyApp(keys: { jwks?: JWK[]; jwksUri?: string }, overrides: Parameters<typeof registered>[2] = {}) {
  const { actor, hello } = await makeDeveloperCompany();
  const app = await registered(actor, hello.id, overrides);
  const changed = await setClientAuthentication(
    actor,
    app.id,
    { method: "private_key_jwt", jwks: keys.jwks ? JSON.stringify({ keys: keys.jwks }) : "", jwksUri: keys.jwksUri ?? "" },
    ctx,
  );
  expect(changed?.method).toBe("private_key_jwt");
  return { actor, app: await db().app.findUniqueOrThrow({ where: { id: app.id } }) };
}

function clientConfig(clientId: string, key: Key) {
  const config = new oidc.Configuration(
    {
      issuer: issuer(),
      token_endpoint: base + ENDPOINTS.token,
      introspection_endpoint: base + ENDPOINTS.introspection,
      revocation_endpoint: base + ENDPOINTS.revocation,
    },
    clientId,
    {},
    oidc.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }),
  );
  oidc.allowInsecureRequests(config);
  return config;
}

/** A hand-made assertion: iss = sub = client id, aud issuer, exp in 60 s, a fresh jti, unless overridden. */
async function assertion(clientId: string, key: Key, claims: Record<string, unknown> = {}, now = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ jti: crypto.randomUUID(), ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience((claims.aud as string | undefined) ?? issuer())
    .setIssuedAt(now)
    .setExpirationTime((claims.exp as number | undefined) ?? now + 60)
    .sign(key.privateKey);
}

async function post(path: string, body: Record<string, string>, headers: Record<string, string> = {}) {
  const r = await fetch(base + path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const tokenWith = (clientAssertion: string, extra: Record<string, string> = {}) =>
  post(ENDPOINTS.token, {
    grant_type: "client_credentials",
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: clientAssertion,
    ...extra,
  });

describe("private_key_jwt client authentication", () => {
  it("openid-client's PrivateKeyJwt gets a client_credentials token, introspects and revokes it", async () => {
    const key = await keyPair("ES256");
    const { app } = await keyApp({ jwks: [key.jwk] });
    const config = clientConfig(app.clientId, key);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: "hello" });
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.access_token).toBeTruthy();
    const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspection).toMatchObject({ active: true, client_id: app.clientId });
    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it("accepts ES256, PS256, RS256 and EdDSA keys, and aud = the token endpoint's URL", async () => {
    const keys = await Promise.all((["ES256", "PS256", "RS256", "EdDSA"] as const).map((alg) => keyPair(alg)));
    const { app } = await keyApp({ jwks: keys.map((k) => k.jwk) });
    for (const key of keys) {
      const r = await tokenWith(await assertion(app.clientId, key, { aud: issuer() + ENDPOINTS.token }));
      expect(r, key.alg).toMatchObject({ status: 200 });
    }
  });

  it("refuses a reused jti, a wrong aud, an expired assertion, exp too far ahead, another client's key", async () => {
    const key = await keyPair("ES256");
    const { app } = await keyApp({ jwks: [key.jwk] });
    const once = await assertion(app.clientId, key);
    expect((await tokenWith(once)).status).toBe(200);
    const reused = await tokenWith(once);
    expect(reused).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(reused.body.error_description).toMatch(/already used/);

    const wrongAud = await tokenWith(await assertion(app.clientId, key, { aud: "https://other.example/oauth2/token" }));
    expect(wrongAud).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(wrongAud.body.error_description).toMatch(/aud/);

    const past = Math.floor(Date.now() / 1000) - 600;
    const expired = await tokenWith(await assertion(app.clientId, key, {}, past));
    expect(expired).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(expired.body.error_description).toMatch(/expired/);

    const tooFar = await tokenWith(await assertion(app.clientId, key, { exp: Math.floor(Date.now() / 1000) + 600 }));
    expect(tooFar).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(tooFar.body.error_description).toMatch(/5 minutes/);

    const stranger = await keyPair("ES256", key.kid);
    expect(await tokenWith(await assertion(app.clientId, stranger))).toMatchObject({ status: 401, body: { error: "invalid_client" } });

    const noJti = await new SignJWT({})
      .setProtectedHeader({ alg: "ES256", kid: key.kid })
      .setIssuer(app.clientId)
      .setSubject(app.clientId)
      .setAudience(issuer())
      .setExpirationTime("1m")
      .sign(key.privateKey);
    expect(await tokenWith(noJti)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("the app has no secret: its old one is revoked and a secret is refused; a secret app's assertion is refused", async () => {
    const key = await keyPair("ES256");
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    expect(await db().clientSecret.count({ where: { appId: app.id, revokedAt: null } })).toBe(1);
    // While it uses a secret, an assertion is refused.
    expect(await tokenWith(await assertion(app.clientId, key))).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    await setClientAuthentication(actor, app.id, { method: "private_key_jwt", jwks: JSON.stringify({ keys: [key.jwk] }) }, ctx);
    expect(await db().clientSecret.count({ where: { appId: app.id, revokedAt: null } })).toBe(0);
    const audit = await db().auditLog.findFirst({ where: { targetId: app.id, event: "app.client_auth_changed" } });
    expect(audit?.metadata).toMatchObject({ from: "client_secret", to: "private_key_jwt", keySource: "jwks" });
    const secretTry = await post(ENDPOINTS.token, { grant_type: "client_credentials", client_id: app.clientId, client_secret: "apcs_x" });
    expect(secretTry).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(secretTry.body.error_description).toMatch(/private_key_jwt/);
    expect((await tokenWith(await assertion(app.clientId, key))).status).toBe(200);
    await expect(rotateClientSecret(actor, app.id, { graceHours: 0 }, ctx)).rejects.toMatchObject({ code: "conflict" });
    // Back to a secret: a new one is issued, and assertions stop working.
    const back = await setClientAuthentication(actor, app.id, { method: "client_secret" }, ctx);
    expect(back?.issuedSecretId).toBeTruthy();
    clearClientCache();
    expect(await tokenWith(await assertion(app.clientId, key))).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("refuses private key material and a private JWKS URL", async () => {
    const key = await keyPair("ES256");
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const privateJwk = await exportJWK(key.privateKey);
    await expect(
      setClientAuthentication(actor, app.id, { method: "private_key_jwt", jwks: JSON.stringify({ keys: [privateJwk] }) }, ctx),
    ).rejects.toMatchObject({ code: "validation", fieldErrors: { jwks: [expect.stringMatching(/private/)] } });
    await expect(
      setClientAuthentication(actor, app.id, { method: "private_key_jwt", jwksUri: "https://169.254.169.254/keys" }, ctx),
    ).rejects.toBeInstanceOf(AppError);
    await expect(setClientAuthentication(actor, app.id, { method: "private_key_jwt" }, ctx)).rejects.toMatchObject({ code: "validation" });
  });

  it("PAR accepts an assertion whose aud is the PAR endpoint", async () => {
    const key = await keyPair("EdDSA");
    const { app } = await keyApp(
      { jwks: [key.jwk] },
      { grantTypes: ["authorization_code"], redirectUri: "https://client.example/callback", kind: "web" },
    );
    const r = await post(ENDPOINTS.pushedAuthorization, {
      response_type: "code",
      client_id: app.clientId,
      redirect_uri: "https://client.example/callback",
      scope: "hello",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: await assertion(app.clientId, key, { aud: issuer() + ENDPOINTS.pushedAuthorization }),
    });
    expect(r).toMatchObject({ status: 201, body: { request_uri: expect.stringMatching(/^urn:ietf:params:oauth:request_uri:/) } });
  });

  it("fetches keys from a JWKS URL, keeps them, and fetches again for an unknown kid after the cool-down", async () => {
    forgetClientKeySets();
    const first = await keyPair("ES256");
    const second = await keyPair("RS256");
    const third = await keyPair("PS256");
    published = { keys: [first.jwk] };
    const { app } = await keyApp({ jwksUri: jwksUrl });
    const before = jwksFetches;
    expect((await oidc.clientCredentialsGrant(clientConfig(app.clientId, first), { scope: "hello" })).access_token).toBeTruthy();
    expect((await tokenWith(await assertion(app.clientId, first))).status).toBe(200);
    expect(jwksFetches - before).toBe(1); // kept, not fetched per request
    // The client publishes a second key and uses it at once: within the cool-down (30 s after the last
    // fetch) the unknown kid is not fetched again, and the assertion is refused.
    published = { keys: [first.jwk, second.jwk] };
    expect(await tokenWith(await assertion(app.clientId, second))).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(jwksFetches - before).toBe(1);
    // Past the cool-down (the clock moved by the test, not by sleeping), the unknown kid fetches the set again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31_000 });
    try {
      expect((await tokenWith(await assertion(app.clientId, second))).status).toBe(200);
      expect(jwksFetches - before).toBe(2);
      // A known kid does not fetch; a third, unknown one right after that fetch waits for the next cool-down.
      expect((await tokenWith(await assertion(app.clientId, first))).status).toBe(200);
      published = { keys: [first.jwk, second.jwk, third.jwk] };
      expect((await tokenWith(await assertion(app.clientId, third))).status).toBe(401);
      expect(jwksFetches - before).toBe(2);
      vi.setSystemTime(Date.now() + 31_000);
      expect((await tokenWith(await assertion(app.clientId, third))).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    expect(jwksFetches - before).toBe(3);
  });

  it("a JWKS URL must be https unless loopback is allowed, and never a private address", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    delete process.env.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK;
    resetEnvCache();
    try {
      await expect(setClientAuthentication(actor, app.id, { method: "private_key_jwt", jwksUri: jwksUrl }, ctx)).rejects.toMatchObject({
        code: "validation",
        fieldErrors: { jwksUri: [expect.any(String)] },
      });
      await expect(
        setClientAuthentication(actor, app.id, { method: "private_key_jwt", jwksUri: "https://10.0.0.8/jwks.json" }, ctx),
      ).rejects.toMatchObject({ code: "validation" });
    } finally {
      process.env.CONSOLE_WEBHOOKS_ALLOW_LOOPBACK = "1";
      resetEnvCache();
    }
  });

  it("the metadata lists private_key_jwt and its algorithms", async () => {
    const meta = await authorizationServerMetadata();
    for (const k of ["token", "revocation", "introspection"]) {
      expect(meta[`${k}_endpoint_auth_methods_supported`]).toContain("private_key_jwt");
      expect(meta[`${k}_endpoint_auth_signing_alg_values_supported`]).toEqual(["ES256", "PS256", "RS256", "EdDSA"]);
    }
  });
});

describe("dynamic registration with private_key_jwt", () => {
  async function initialToken() {
    const { company, hello } = await makeDeveloperCompany();
    const da = await makeUser(db());
    await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
    const iat = await createInitialAccessToken(
      da,
      company.id,
      { name: "CI", expiresInDays: 7, maxUses: 5, grantTypes: ["client_credentials"], apiIds: [hello.id], acceptTerms: true },
      ctx,
    );
    return iat.token;
  }
  const register = (token: string, metadata: unknown) =>
    registerRoute.POST(
      new Request(`${issuer()}/oauth2/register`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(metadata),
      }),
    );

  it("registers a client with jwks, issues no secret, and the client gets a token with an assertion", async () => {
    const key = await keyPair("ES256");
    const r = await register(await initialToken(), {
      client_name: uniqueName("Key client"),
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "private_key_jwt",
      jwks: { keys: [key.jwk] },
      scope: "hello",
    });
    expect(r.status).toBe(201);
    const info = (await r.json()) as Record<string, unknown>;
    expect(info.token_endpoint_auth_method).toBe("private_key_jwt");
    expect(info.client_secret).toBeUndefined();
    expect((info.jwks as { keys: JWK[] }).keys[0]!.kid).toBe(key.kid);
    const app = await db().app.findUniqueOrThrow({ where: { clientId: info.client_id as string } });
    expect(app.clientAuthMethod).toBe("private_key_jwt");
    expect(await db().clientSecret.count({ where: { appId: app.id, revokedAt: null } })).toBe(0);
    const tokens = await oidc.clientCredentialsGrant(clientConfig(app.clientId, key), { scope: "hello" });
    expect(tokens.access_token).toBeTruthy();
  });

  it("refuses private_key_jwt without keys, with both, or with private key material", async () => {
    const token = await initialToken();
    const key = await keyPair("ES256");
    const base = {
      client_name: uniqueName("Key client"),
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "private_key_jwt",
    };
    for (const extra of [
      {},
      { jwks: { keys: [key.jwk] }, jwks_uri: "https://keys.example/jwks.json" },
      { jwks: { keys: [await exportJWK(key.privateKey)] } },
    ]) {
      const r = await register(token, { ...base, ...extra });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: string }).error).toBe("invalid_client_metadata");
    }
  });
});

// The database store always; the Redis one too where a Redis server is named (TEST_REDIS_URL, set by .ci/run).
const stores: [string, string | null][] = [["database", null]];
if (process.env.TEST_REDIS_URL) stores.push(["redis", process.env.TEST_REDIS_URL]);

describe.each(stores)("single-use jti (%s)", (name, redisUrl) => {
  it("a jti is accepted once, and the database forgets it after the assertion expired", async () => {
    useAssertionJtiRedisForTests(redisUrl);
    try {
      const key = await keyPair("ES256");
      const { app } = await keyApp({ jwks: [key.jwk] });
      const jti = crypto.randomUUID();
      expect((await tokenWith(await assertion(app.clientId, key, { jti }))).status).toBe(200);
      // Another assertion (other iat) with the same jti is refused too.
      const again = await tokenWith(await assertion(app.clientId, key, { jti }, Math.floor(Date.now() / 1000) - 5));
      expect(again).toMatchObject({ status: 401, body: { error: "invalid_client" } });
      if (name === "database") {
        const rows = await db().clientAssertionJti.count();
        expect(rows).toBeGreaterThan(0);
        expect(await pruneClientAssertionJtis(new Date(Date.now() + 10 * 60_000))).toBeGreaterThanOrEqual(1);
        expect(await db().clientAssertionJti.count({ where: { expiresAt: { lt: new Date(Date.now() + 10 * 60_000) } } })).toBe(0);
      }
    } finally {
      useAssertionJtiRedisForTests(null);
    }
  });
});
