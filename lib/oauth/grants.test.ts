// Integration tests of the grants and of access-token verification on the real database (SQLite, or
// PostgreSQL with TEST_DATABASE=postgresql). The HTTP behaviours are covered again in e2e/oauth-*.spec.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { rejectionOf } from "../../tests/assertions";
import { PASSWORD } from "../../tests/factories/constants";
import { authenticated, catalog, form } from "../../tests/factories/domain";
import { type GrantType, makeOAuthApp } from "../../tests/factories/oauth";
import { makeUser } from "../../tests/factories/people";
import { db } from "../db";
import { approveAuthorization, type AuthorizationRequest, checkAuthorizationRequest } from "./authorize";
import { invalidateApps, invalidateCompanyClients } from "./clients";
import { listUserGrants, revokeUserGrant } from "./consents";
import { OAuthError } from "./errors";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import { revokeToken } from "./revoke";
import { InvalidAccessToken, verifyAccessToken } from "./verify-access-token";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

const ctx = () => ({ ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, userAgent: "vitest" });

const oauthCode = async (p: Promise<unknown>) => (await rejectionOf(p, OAuthError)).code;

async function invalidReason(token: string): Promise<string> {
  const e = await verifyAccessToken(token).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InvalidAccessToken);
  return (e as InvalidAccessToken).reason;
}

async function codeFor(appOpts: { grantTypes: GrantType[] }, query: Record<string, string> = {}) {
  const app = await makeOAuthApp(db(), appOpts);
  const user = await makeUser(db());
  const check = await checkAuthorizationRequest(
    new URLSearchParams({ response_type: "code", client_id: app.clientId, redirect_uri: app.redirectUri!, ...query }),
  );
  if (!check.ok) throw new Error("request refused");
  const url = new URL(await approveAuthorization(user, check.request, ctx()));
  return { app, user, request: check.request as AuthorizationRequest, code: url.searchParams.get("code")! };
}

describe("authorization codes", () => {
  it("5 are stored as digests and expire within 60 s", async () => {
    const { app, code } = await codeFor({ grantTypes: ["authorization_code"] });
    const row = await db().authorizationCode.findFirstOrThrow({ where: { appId: app.appId } });
    expect(row.codeDigest).not.toContain(code);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60_000);
  });

  it("1 and 2: of concurrent redemptions exactly one wins, and the replay revokes what the winner got", async () => {
    const { app, code } = await codeFor({ grantTypes: ["authorization_code", "refresh_token"] });
    const client = await authenticated(app);
    const params = form({ code, redirect_uri: app.redirectUri! });
    const results = await Promise.allSettled([1, 2, 3].map(() => authorizationCodeGrant(client, params)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect(((r as PromiseRejectedResult).reason as OAuthError).code).toBe("invalid_grant");
    const tokens = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof authorizationCodeGrant>>>).value;
    expect(await invalidReason(tokens.access_token)).toBe("revoked");
    const grant = await db().tokenGrant.findFirstOrThrow({ where: { appId: app.appId } });
    expect(grant.revokedReason).toBe("code_reused");
    expect(await oauthCode(refreshTokenGrant(client, form({ refresh_token: tokens.refresh_token! })))).toBe("invalid_grant");
  });

  it("6 7 8: the redirect URI must match exactly; unknown clients and URIs are error pages", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["authorization_code"] });
    const none = await makeOAuthApp(db(), { grantTypes: ["authorization_code"], redirectUri: null });
    const check = (q: Record<string, string>) => checkAuthorizationRequest(new URLSearchParams({ response_type: "code", ...q }));
    expect((await check({ client_id: app.clientId, redirect_uri: `${app.redirectUri}/` })).ok).toBe(false);
    expect(await check({ client_id: app.clientId, redirect_uri: `${app.redirectUri}/` })).toMatchObject({ kind: "page" });
    expect(await check({ client_id: "apc_unknown", redirect_uri: app.redirectUri! })).toMatchObject({ kind: "page" });
    expect(await check({ client_id: none.clientId })).toMatchObject({ kind: "page" });
    expect(await check({ client_id: app.clientId })).toMatchObject({
      ok: true,
      request: { redirectUri: app.redirectUri, redirectUriGiven: false },
    });
  });
});

describe("refresh tokens", () => {
  it("20 of concurrent refreshes with one token at most one wins (conditional rotation)", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["password", "refresh_token"] });
    const user = await makeUser(db());
    const client = await authenticated(app);
    const first = await passwordGrant(client, form({ username: user.email, password: PASSWORD }), ctx());
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => refreshTokenGrant(client, form({ refresh_token: first.refresh_token! }))),
    );
    expect(results.filter((r) => r.status === "fulfilled").length).toBeLessThanOrEqual(1);
    const grant = await db().tokenGrant.findFirstOrThrow({ where: { appId: app.appId } });
    // The losers saw a used token: the grant is revoked, so no rotated child stays usable.
    expect(grant.revokedReason).toBe("refresh_token_reused");
    expect(await db().refreshToken.count({ where: { tokenGrantId: grant.id, revokedAt: null } })).toBe(0);
    expect(await db().refreshToken.count({ where: { tokenGrantId: grant.id, rotatedAt: { not: null } } })).toBe(1);
  });
});

describe("password grant", () => {
  it("22 wrong credentials are invalid_grant; after repeated failures even the right password is refused", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["password"] });
    const user = await makeUser(db());
    const client = await authenticated(app);
    // Locks count per account and address (so a stranger cannot lock the owner out): the failures and the right password come from one address.
    const from = ctx();
    for (let i = 0; i < 6; i++) {
      expect(await oauthCode(passwordGrant(client, form({ username: user.email, password: `wrong-${i}-password` }), from))).toBe(
        "invalid_grant",
      );
    }
    const e = await passwordGrant(client, form({ username: user.email, password: PASSWORD }), from).catch((err: OAuthError) => err);
    expect((e as OAuthError).code).toBe("invalid_grant");
    expect((e as OAuthError).description).toMatch(/Too many failed attempts/);
  });
});

describe("access-token verification (the one module the APIs use)", () => {
  it("refuses revoked (jti and grant), suspended app, suspended company and suspended user tokens", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials", "password"] });
    const client = await authenticated(app);
    const cc = await clientCredentialsGrant(client, form({}));
    expect((await verifyAccessToken(cc.access_token)).clientId).toBe(app.clientId);
    expect(await revokeToken(client, cc.access_token)).toBe("access_token");
    expect(await invalidReason(cc.access_token)).toBe("revoked");

    const cc2 = await clientCredentialsGrant(client, form({}));
    // Changed behind lib's back: forget the caches as lib/apps and lib/companies do after their changes.
    await db().app.update({ where: { id: app.appId }, data: { status: "SUSPENDED" } });
    invalidateApps([app.appId]);
    expect(await invalidReason(cc2.access_token)).toBe("inactive");
    await db().app.update({ where: { id: app.appId }, data: { status: "ACTIVE" } });
    await db().company.update({ where: { id: app.companyId }, data: { status: "SUSPENDED" } });
    invalidateCompanyClients(app.companyId);
    expect(await invalidReason(cc2.access_token)).toBe("inactive");
    await db().company.update({ where: { id: app.companyId }, data: { status: "ACTIVE" } });
    invalidateCompanyClients(app.companyId);
    expect((await verifyAccessToken(cc2.access_token)).jti).toBeTruthy();

    const user = await makeUser(db());
    const pw = await passwordGrant(client, form({ username: user.email, password: PASSWORD }), ctx());
    expect((await verifyAccessToken(pw.access_token)).userId).toBe(user.id);
    await db().user.update({ where: { id: user.id }, data: { status: "SUSPENDED" } });
    expect(await invalidReason(pw.access_token)).toBe("inactive");
    expect(await invalidReason(pw.access_token.slice(0, -3) + "AAA")).toBe("bad_signature");
  });

  it("revoking a person's grant on Manage grants kills its refresh and access tokens; others' grants are not theirs to revoke", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["password", "refresh_token"] });
    const user = await makeUser(db());
    const stranger = await makeUser(db());
    const client = await authenticated(app);
    const tokens = await passwordGrant(client, form({ username: user.email, password: PASSWORD }), ctx());
    const [grant] = await listUserGrants(user.id);
    expect(grant).toMatchObject({ appName: expect.any(String), scope: ["hello"] });
    await expect(revokeUserGrant(stranger, grant!.id, ctx())).rejects.toMatchObject({ code: "not_found" });
    await revokeUserGrant(user, grant!.id, ctx());
    expect(await listUserGrants(user.id)).toEqual([]);
    expect(await invalidReason(tokens.access_token)).toBe("revoked");
    expect(await oauthCode(refreshTokenGrant(client, form({ refresh_token: tokens.refresh_token! })))).toBe("invalid_grant");
    expect(await db().auditLog.count({ where: { event: "consent.revoked", actorId: user.id } })).toBe(1);
  });
});
