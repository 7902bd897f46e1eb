// lib/apps and lib/companies tell the token service at once when a change must stop tokens: with the
// client cache on (a long TTL), a deactivated, suspended, deleted app, a rotated-out secret and a
// suspended company are refused by the token endpoint on the very next request.
import { describe, expect, it } from "vitest";
import { withLongClientCache } from "../../tests/client-cache";
import { addPerson, ctx, makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { basicHeader } from "../../tests/factories/oauth";
import { makeUser } from "../../tests/factories/people";
import { suspendApp } from "../companies/app-ownership";
import { setCompanyStatus } from "../companies/companies";
import { db } from "../db";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { deleteApp, setAppStatus } from "./manage-app";
import { newAppSecret, rotateClientSecret } from "./secrets";

const tokenRequest = (clientId: string, secret: string) =>
  handleTokenRequest(
    new Request("http://localhost/oauth2/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicHeader(clientId, secret) },
      body: "grant_type=client_credentials",
    }),
  );

async function ccApp() {
  const dev = await makeDeveloperCompany();
  const app = await registered(dev.actor, dev.hello.id);
  const { secret } = await newAppSecret(dev.actor, app.id);
  // Warm the cache: the next request would be served from it for a minute.
  expect((await tokenRequest(app.clientId, secret)).status).toBe(200);
  return { ...dev, app, secret };
}

withLongClientCache();

describe("changes that stop tokens reach the token service's cache at once", () => {
  it("a deactivated app's client is refused at once, and gets tokens again once reactivated", async () => {
    const { actor, app, secret } = await ccApp();
    await setAppStatus(actor, app.id, "INACTIVE", ctx);
    const refused = await tokenRequest(app.clientId, secret);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/invalid_client|unauthorized_client/);
    await setAppStatus(actor, app.id, "ACTIVE", ctx);
    expect((await tokenRequest(app.clientId, secret)).status).toBe(200);
  });

  it("a secret rotated out with no grace period stops at once; the new one works", async () => {
    const { actor, app, secret } = await ccApp();
    await rotateClientSecret(actor, app.id, { graceHours: 0 }, ctx);
    expect((await tokenRequest(app.clientId, secret)).status).toBe(401);
    const { secret: fresh } = await newAppSecret(actor, app.id);
    expect((await tokenRequest(app.clientId, fresh)).status).toBe(200);
  });

  it("a deleted app is refused at once", async () => {
    const { actor, app, secret } = await ccApp();
    const { name } = await db().app.findUniqueOrThrow({ where: { id: app.id }, select: { name: true } });
    await deleteApp(actor, app.id, name, ctx);
    expect((await tokenRequest(app.clientId, secret)).status).toBe(401);
  });

  it("an app suspended by a Delegated Administrator, and an app of a suspended company, are refused at once", async () => {
    const first = await ccApp();
    const da = await addPerson(first.company, ["DELEGATED_ADMIN"]);
    await suspendApp(da.user, first.company.id, first.app.id, { reason: "Under review" }, ctx);
    expect((await tokenRequest(first.app.clientId, first.secret)).status).toBeGreaterThanOrEqual(400);

    const second = await ccApp();
    const admin = await makeUser(db(), { isPlatformAdmin: true });
    await setCompanyStatus(admin, second.company.id, "SUSPENDED", ctx);
    expect((await tokenRequest(second.app.clientId, second.secret)).status).toBeGreaterThanOrEqual(400);
    await setCompanyStatus(admin, second.company.id, "ACTIVE", ctx);
    expect((await tokenRequest(second.app.clientId, second.secret)).status).toBe(200);
  });
});

describe("the Hello API's cached app and subscription checks", () => {
  it("an app suspended by its Delegated Administrator, or unsubscribed from Hello API, is refused by /api/hello on the next call", async () => {
    const { handleHello } = await import("../resource/hello");
    const { updateApp } = await import("./manage-app");
    const { makeApi } = await import("../../tests/factories/apps");
    const first = await ccApp();
    const tokenOf = async (clientId: string, secret: string) =>
      ((await (await tokenRequest(clientId, secret)).json()) as { access_token: string }).access_token;
    const call = (t: string) => handleHello(new Request("http://localhost/api/hello", { headers: { authorization: `Bearer ${t}` } }));
    const access = await tokenOf(first.app.clientId, first.secret);
    expect((await call(access)).status).toBe(200); // now cached
    const da = await addPerson(first.company, ["DELEGATED_ADMIN"]);
    await suspendApp(da.user, first.company.id, first.app.id, { reason: "Under review" }, ctx);
    expect((await call(access)).status).toBe(401);

    const second = await ccApp();
    const other = await makeApi(db(), { openToAll: true });
    const access2 = await tokenOf(second.app.clientId, second.secret);
    expect((await call(access2)).status).toBe(200);
    const { name } = await db().app.findUniqueOrThrow({ where: { id: second.app.id }, select: { name: true } });
    await updateApp(second.actor, second.app.id, { name, description: "", apiIds: [other.id] }, ctx);
    expect((await call(access2)).status).toBe(403);
  });
});
