// RFC 7591 / 7592 through the real route modules, with requests shaped like the RFCs' examples.
import { describe, expect, it } from "vitest";
import * as clientRoute from "../../app/oauth2/register/[clientId]/route";
import * as registerRoute from "../../app/oauth2/register/route";
import { makeCompany } from "../../tests/factories/companies";
import { catalog, uniqueName } from "../../tests/factories/domain";
import { addMember, makeUser } from "../../tests/factories/people";
import { verifyClientSecret } from "../apps/client-auth";
import { db } from "../db";
import { checkAuthorizationRequest } from "./authorize";
import { authenticateClient, findClient } from "./clients";
import { authorizationServerMetadata } from "./metadata";
import { parseParams } from "./params";
import { createInitialAccessToken } from "./registration/initial-tokens";

const ctx = { ip: "203.0.113.11", userAgent: "vitest" };

async function daWithToken(opts: { maxUses?: number; grantTypes?: string[] } = {}) {
  const { hello } = await catalog();
  const company = await makeCompany(db());
  const da = await makeUser(db());
  await addMember(db(), company.id, da.id, ["DELEGATED_ADMIN", "API_DEVELOPER"]);
  const iat = await createInitialAccessToken(
    da,
    company.id,
    {
      name: "CI",
      expiresInDays: 7,
      maxUses: opts.maxUses ?? 5,
      grantTypes: opts.grantTypes ?? ["authorization_code", "client_credentials", "refresh_token"],
      apiIds: [hello.id],
      acceptTerms: true,
    },
    ctx,
  );
  return { company, da, hello, iat: iat.token, iatId: iat.id };
}

function register(token: string | null, metadata: unknown): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": ctx.ip };
  if (token) headers.authorization = `Bearer ${token}`;
  return registerRoute.POST(new Request("http://localhost/oauth2/register", { method: "POST", headers, body: JSON.stringify(metadata) }));
}

function manage(method: "GET" | "PUT" | "DELETE", clientId: string, token: string, body?: unknown): Promise<Response> {
  const request = new Request(`http://localhost/oauth2/register/${clientId}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return clientRoute[method](request, { params: Promise.resolve({ clientId }) });
}

// RFC 7591 section 3.1's example request, with the console's API slug as the scope.
const example = () => ({
  redirect_uris: ["https://client.example.org/callback"],
  client_name: uniqueName("My Example Client"),
  token_endpoint_auth_method: "client_secret_basic",
  grant_types: ["authorization_code", "refresh_token"],
  response_types: ["code"],
  scope: "hello",
  logo_uri: "https://client.example.org/logo.png",
});

describe("RFC 7591 dynamic client registration", () => {
  it("the metadata lists registration_endpoint", async () => {
    expect((await authorizationServerMetadata()).registration_endpoint).toMatch(/\/oauth2\/register$/);
  });

  it("registers an app as the DA with an initial access token and answers the client information", async () => {
    const { iat, iatId, da, company, hello } = await daWithToken();
    const meta = example();
    const r = await register(iat, meta);
    expect(r.status).toBe(201);
    expect(r.headers.get("cache-control")).toBe("no-store");
    const info = (await r.json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      client_name: meta.client_name,
      redirect_uris: meta.redirect_uris,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "hello",
      client_secret_expires_at: 0,
    });
    expect(info.client_id).toMatch(/^apc_/);
    expect(info.client_secret).toMatch(/^apcs_/);
    expect(info.registration_access_token).toMatch(/^apcr_/);
    expect(info.registration_client_uri).toMatch(new RegExp(`/oauth2/register/${info.client_id}$`));
    expect(typeof info.client_id_issued_at).toBe("number");
    const app = await db().app.findUniqueOrThrow({ where: { clientId: String(info.client_id) }, include: { subscriptions: true } });
    expect(app).toMatchObject({ companyId: company.id, createdById: da.id, redirectUri: meta.redirect_uris[0] });
    expect(app.subscriptions.map((s) => s.apiId)).toEqual([hello.id]);
    expect((await verifyClientSecret(app.clientId, String(info.client_secret)))?.id).toBe(app.id);
    expect((await db().initialAccessToken.findUniqueOrThrow({ where: { id: iatId } })).uses).toBe(1);
    const audit = await db().auditLog.findFirstOrThrow({ where: { event: "app.registered", targetId: app.id } });
    expect(audit.metadata).toMatchObject({ via: { kind: "initial_access_token", id: iatId } });
  });

  it("refuses without a valid token, with two redirect URIs, with grant types the token does not allow, and under the form's rules", async () => {
    const { iat } = await daWithToken({ grantTypes: ["authorization_code", "client_credentials"] });
    const none = await register(null, example());
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await register("apci_" + "x".repeat(38), example())).status).toBe(401);

    const two = await register(iat, {
      ...example(),
      redirect_uris: ["https://a.example.org/cb", "https://b.example.org/cb"],
      grant_types: ["authorization_code"],
    });
    expect(two.status).toBe(400);
    expect(await two.json()).toMatchObject({ error: "invalid_redirect_uri" });
    const fragment = await register(iat, {
      ...example(),
      redirect_uris: ["https://a.example.org/cb#x"],
      grant_types: ["authorization_code"],
    });
    expect(await fragment.json()).toMatchObject({ error: "invalid_redirect_uri" });
    const password = await register(iat, { ...example(), grant_types: ["password"], redirect_uris: [], response_types: [] });
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: "invalid_client_metadata" });
    // A public client cannot keep a secret, so it cannot use Client Credentials (the form's rule for public kinds).
    const publicM2m = await register(iat, {
      client_name: uniqueName("Public machine"),
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "none",
      scope: "hello",
    });
    expect(publicM2m.status).toBe(400);
    expect(await publicM2m.json()).toMatchObject({
      error: "invalid_client_metadata",
      error_description: expect.stringContaining("Client Credentials"),
    });
    const badType = await register(iat, { ...example(), application_type: "tv" });
    expect(await badType.json()).toMatchObject({ error: "invalid_client_metadata" });
    const unsupported = await register(iat, { ...example(), token_endpoint_auth_method: "private_key_jwt" });
    expect(await unsupported.json()).toMatchObject({ error: "invalid_client_metadata" });
    const m2m = { client_name: uniqueName("Machine"), grant_types: ["client_credentials"], scope: "hello" };
    expect((await register(iat, m2m)).status).toBe(201);
    const sameName = await register(iat, m2m);
    expect(sameName.status).toBe(400);
    expect(await sameName.json()).toMatchObject({ error: "invalid_client_metadata" });
  });

  it("counts uses atomically: concurrent registrations never exceed the number of uses", async () => {
    const { iat, iatId } = await daWithToken({ maxUses: 1 });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => register(iat, { client_name: uniqueName("Race"), grant_types: ["client_credentials"] })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 401, 401, 401]);
    expect((await db().initialAccessToken.findUniqueOrThrow({ where: { id: iatId } })).uses).toBe(1);
  });
});

describe("public clients (token_endpoint_auth_method none) become public kinds of app", () => {
  const ALL = ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code", "client_credentials"];

  it("an https redirect makes a Single-page app: no secret, PKCE required, its redirect's origin allowed for CORS", async () => {
    const { iat } = await daWithToken({ grantTypes: ALL });
    const meta = {
      client_name: uniqueName("SPA"),
      redirect_uris: ["https://spa.example.org/callback"],
      grant_types: ["authorization_code", "refresh_token"],
      token_endpoint_auth_method: "none",
      scope: "hello",
    };
    const r = await register(iat, meta);
    expect(r.status).toBe(201);
    const info = (await r.json()) as Record<string, unknown>;
    expect(info).toMatchObject({
      token_endpoint_auth_method: "none",
      application_type: "web",
      grant_types: ["authorization_code", "refresh_token"],
      redirect_uris: meta.redirect_uris,
    });
    expect(info.client_secret).toBeUndefined();
    expect(info.client_secret_expires_at).toBeUndefined();
    expect(info.registration_access_token).toMatch(/^apcr_/);
    const app = await db().app.findUniqueOrThrow({ where: { clientId: String(info.client_id) } });
    expect(app).toMatchObject({ kind: "spa", clientType: "public", requirePkce: true, allowedOrigins: "https://spa.example.org" });
    expect(await db().clientSecret.count({ where: { appId: app.id } })).toBe(0);
    // The token service treats it as public: client_id only, and PKCE is required at the authorization endpoint.
    const client = await findClient(app.clientId);
    expect(client).toMatchObject({ clientType: "public", requirePkce: true, allowedOrigins: ["https://spa.example.org"] });
    const noPkce = await checkAuthorizationRequest(
      new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: meta.redirect_uris[0]! }),
    );
    expect(noPkce).toMatchObject({ ok: false, error: "invalid_request" });
    const withPkce = await checkAuthorizationRequest(
      new URLSearchParams({
        response_type: "code",
        client_id: app.clientId,
        redirect_uri: meta.redirect_uris[0]!,
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      }),
    );
    expect(withPkce.ok).toBe(true);
    const authenticatedPublic = await authenticateClient(null, parseParams(new URLSearchParams({ client_id: app.clientId })));
    expect(authenticatedPublic).toMatchObject({ authMethod: "none", clientId: app.clientId });
  });

  it("application_type native, a private-use scheme or a loopback redirect makes a Native / mobile app; the device grant a Device or CLI app", async () => {
    const { iat } = await daWithToken({ grantTypes: ALL, maxUses: 10 });
    const cases: [Record<string, unknown>, string][] = [
      [{ redirect_uris: ["com.example.app:/oauth2redirect"], grant_types: ["authorization_code", "refresh_token"] }, "native"],
      [{ redirect_uris: ["http://127.0.0.1/callback"], grant_types: ["authorization_code"] }, "native"],
      [{ redirect_uris: ["https://app.example.org/cb"], grant_types: ["authorization_code"], application_type: "native" }, "native"],
      [{ grant_types: ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"] }, "device"],
    ];
    for (const [extra, kind] of cases) {
      const r = await register(iat, { client_name: uniqueName(kind), token_endpoint_auth_method: "none", scope: "hello", ...extra });
      const info = (await r.json()) as Record<string, unknown>;
      expect(r.status, JSON.stringify(info)).toBe(201);
      expect(info.client_secret).toBeUndefined();
      expect(info).toMatchObject({ token_endpoint_auth_method: "none", application_type: kind === "native" ? "native" : "web" });
      const app = await db().app.findUniqueOrThrow({ where: { clientId: String(info.client_id) } });
      expect(app, JSON.stringify(extra)).toMatchObject({ kind, clientType: "public", requirePkce: true, allowedOrigins: "" });
    }
    // A private-use scheme stays a Native-only redirect: a confidential registration cannot use one.
    const confidential = await register(iat, {
      client_name: uniqueName("Conf"),
      redirect_uris: ["com.example.app:/cb"],
      grant_types: ["authorization_code"],
      scope: "hello",
    });
    expect(await confidential.json()).toMatchObject({ error: "invalid_redirect_uri" });
  });

  it("RFC 7592: a public client reads back without a secret, keeps its method when PUT omits it, and cannot become confidential", async () => {
    const { iat } = await daWithToken({ grantTypes: ALL });
    const meta = {
      client_name: uniqueName("SPA 7592"),
      redirect_uris: ["https://spa7592.example.org/cb"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "none",
      scope: "hello",
    };
    const info = (await (await register(iat, meta)).json()) as Record<string, string>;
    const id = info.client_id!;
    const rat = info.registration_access_token!;
    const read = (await (await manage("GET", id, rat)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ token_endpoint_auth_method: "none" });
    expect(read.client_secret).toBeUndefined();
    const renamed = uniqueName("SPA renamed");
    const { token_endpoint_auth_method: _omitted, ...withoutMethod } = meta;
    const put = await manage("PUT", id, rat, {
      ...withoutMethod,
      client_id: id,
      client_name: renamed,
      post_logout_redirect_uris: ["https://spa7592.example.org/bye"],
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      client_name: renamed,
      token_endpoint_auth_method: "none",
      post_logout_redirect_uris: ["https://spa7592.example.org/bye"],
    });
    const app = await db().app.findUniqueOrThrow({ where: { clientId: id } });
    expect(app).toMatchObject({
      name: renamed,
      kind: "spa",
      clientType: "public",
      postLogoutRedirectUri: "https://spa7592.example.org/bye",
    });
    expect(await db().auditLog.count({ where: { event: "app.settings_updated", targetId: app.id } })).toBe(1);
    const confidential = await manage("PUT", id, rat, { ...meta, client_id: id, token_endpoint_auth_method: "client_secret_basic" });
    expect(confidential.status).toBe(400);
    expect(await confidential.json()).toMatchObject({ error: "invalid_client_metadata" });
    expect(await db().clientSecret.count({ where: { appId: app.id } })).toBe(0);
  });
});

describe("RFC 7592 client configuration", () => {
  it("reads, updates (name and APIs only) and deletes with the registration access token", async () => {
    const { iat } = await daWithToken();
    const info = (await (await register(iat, example())).json()) as Record<string, string>;
    const id = info.client_id!;
    const rat = info.registration_access_token!;

    const read = await manage("GET", id, rat);
    expect(read.status).toBe(200);
    const current = (await read.json()) as Record<string, unknown>;
    expect(current).toMatchObject({ client_id: id, client_name: info.client_name, registration_client_uri: info.registration_client_uri });
    expect(current.client_secret).toBeUndefined();
    expect((await manage("GET", id, "apcr_" + "A".repeat(38))).status).toBe(401);

    const renamed = uniqueName("Renamed client");
    const put = await manage("PUT", id, rat, { ...example(), client_id: id, client_name: renamed });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ client_name: renamed });
    expect((await db().app.findUniqueOrThrow({ where: { clientId: id } })).name).toBe(renamed);

    const moved = await manage("PUT", id, rat, { ...example(), client_id: id, redirect_uris: ["https://elsewhere.example.org/cb"] });
    expect(moved.status).toBe(400);
    expect(await moved.json()).toMatchObject({ error: "invalid_client_metadata" });
    const regranted = await manage("PUT", id, rat, { ...example(), client_id: id, grant_types: ["authorization_code"] });
    expect(await regranted.json()).toMatchObject({ error: "invalid_client_metadata" });

    expect((await manage("DELETE", id, rat)).status).toBe(204);
    expect(await db().app.count({ where: { clientId: id } })).toBe(0);
    expect((await manage("GET", id, rat)).status).toBe(401);
  });

  it("another client's registration access token is refused", async () => {
    const { iat } = await daWithToken();
    const a = (await (await register(iat, { client_name: uniqueName("A"), grant_types: ["client_credentials"] })).json()) as Record<
      string,
      string
    >;
    const b = (await (await register(iat, { client_name: uniqueName("B"), grant_types: ["client_credentials"] })).json()) as Record<
      string,
      string
    >;
    expect((await manage("GET", a.client_id!, b.registration_access_token!)).status).toBe(401);
    expect((await manage("DELETE", a.client_id!, b.registration_access_token!)).status).toBe(401);
  });
});
