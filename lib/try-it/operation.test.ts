// "Try it" from an API reference on the real database and the real token endpoint: Client
// Credentials apps as before, and Authorization Code apps (confidential and public) through a real
// authorization-code grant for the developer, whose tokens — and a consent made only for the try — are
// revoked when the call is done.
import { describe, expect, it } from "vitest";
import { ctx, makeDeveloperCompany, registration } from "../../tests/factories/domain";
import { registerApp } from "../apps/register-app";
import { db } from "../db";
import { appsThatMayTry, TRY_IT_NOT_ELIGIBLE, tryApiOperation } from "./operation";

const HELLO_OP = { operation: "GET /api/hello", params: {} };

async function developerWith(overrides: Parameters<typeof registration>[1]) {
  const dev = await makeDeveloperCompany();
  const app = await registerApp(dev.actor, registration(dev.hello.id, overrides), ctx);
  const scope = { kind: "company" as const, companyId: dev.company.id };
  return { ...dev, app, scope };
}

describe("Try it", () => {
  it("a Client Credentials app: a token from its credentials, 200 from the Hello API, audited", async () => {
    const { actor, app, scope, hello } = await developerWith({
      grantTypes: ["client_credentials", "authorization_code"],
      redirectUri: "https://client.example/cb",
    });
    expect(await appsThatMayTry(actor, hello.id)).toEqual([expect.objectContaining({ id: app.id, grantType: "client_credentials" })]);
    const result = await tryApiOperation(actor, scope, "hello", { appId: app.id, ...HELLO_OP }, ctx);
    expect(result).toMatchObject({ grantType: "client_credentials", tokenStatus: 200, tokenError: null, response: { status: 200 } });
    // Client Credentials are preferred: no person's grant or consent is made.
    expect(await db().tokenGrant.count({ where: { appId: app.id } })).toBe(0);
    expect(await db().consentGrant.count({ where: { appId: app.id } })).toBe(0);
  });

  it("an Authorization Code app acts for the developer: a real code grant with PKCE, and nothing stays live afterwards", async () => {
    const { actor, app, scope, hello, user } = await developerWith({
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUri: "https://client.example/cb",
      kind: "web",
    });
    expect(await appsThatMayTry(actor, hello.id)).toEqual([expect.objectContaining({ id: app.id, grantType: "authorization_code" })]);
    const result = await tryApiOperation(actor, scope, "hello", { appId: app.id, ...HELLO_OP }, ctx);
    expect(result.tokenError).toBeNull();
    expect(result).toMatchObject({ grantType: "authorization_code", tokenStatus: 200, response: { status: 200 } });
    expect(result.response!.body).toContain("Hello, ");
    expect(result.request.headers.Authorization).toMatch(/^Bearer .{8}….{8}$/);

    // The code was issued with a PKCE challenge for the developer and redeemed once.
    const code = await db().authorizationCode.findFirstOrThrow({ where: { appId: app.id } });
    expect(code).toMatchObject({ userId: user.id, codeChallengeMethod: "S256", scope: "hello" });
    expect(code.consumedAt).not.toBeNull();
    // Its grant, refresh token and the consent made for the try are revoked; all of it is audited.
    const grant = await db().tokenGrant.findFirstOrThrow({ where: { appId: app.id } });
    expect(grant).toMatchObject({ userId: user.id, revokedReason: "try_it" });
    expect(await db().refreshToken.count({ where: { appId: app.id, revokedAt: null } })).toBe(0);
    expect((await db().consentGrant.findFirstOrThrow({ where: { appId: app.id, userId: user.id } })).revokedAt).not.toBeNull();
    for (const event of ["app.api_tried", "consent.granted", "consent.revoked"]) {
      expect(await db().auditLog.count({ where: { targetId: app.id, event } }), event).toBe(1);
    }
    const tried = await db().auditLog.findFirstOrThrow({ where: { targetId: app.id, event: "app.api_tried" } });
    expect(tried.metadata).toMatchObject({ grantType: "authorization_code", api: "hello" });
  });

  it("keeps an authorization the developer had given before; a public app redeems with client_id only", async () => {
    const { actor, app, scope, user } = await developerWith({
      grantTypes: ["authorization_code"],
      redirectUri: "https://spa.example/cb",
      kind: "spa",
    });
    expect((await db().app.findUniqueOrThrow({ where: { id: app.id } })).clientType).toBe("public");
    await db().consentGrant.create({
      data: { id: `consent_before_${Date.now().toString(36)}`, userId: user.id, appId: app.id, scope: "hello" },
    });
    const result = await tryApiOperation(actor, scope, "hello", { appId: app.id, ...HELLO_OP }, ctx);
    expect(result).toMatchObject({ grantType: "authorization_code", tokenStatus: 200, response: { status: 200 } });
    expect((await db().consentGrant.findFirstOrThrow({ where: { appId: app.id, userId: user.id } })).revokedAt).toBeNull();
    expect((await db().tokenGrant.findFirstOrThrow({ where: { appId: app.id } })).revokedReason).toBe("try_it");
    const tried = await db().auditLog.findFirstOrThrow({ where: { targetId: app.id, event: "app.api_tried" } });
    expect(tried.metadata).toMatchObject({ credentialId: null, grantType: "authorization_code" });
  });

  it("an app with neither grant (or another developer's app) cannot be tried", async () => {
    const { actor, app, scope, hello, company } = await developerWith({
      grantTypes: ["urn:ietf:params:oauth:grant-type:device_code"],
      kind: "device",
    });
    expect(await appsThatMayTry(actor, hello.id)).toEqual([]);
    await expect(tryApiOperation(actor, scope, "hello", { appId: app.id, ...HELLO_OP }, ctx)).rejects.toMatchObject({
      code: "conflict",
      message: TRY_IT_NOT_ELIGIBLE,
    });
    const { addPerson } = await import("../../tests/factories/domain");
    const colleague = await addPerson(company, ["API_DEVELOPER"]);
    await expect(tryApiOperation(colleague.actor, scope, "hello", { appId: app.id, ...HELLO_OP }, ctx)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
