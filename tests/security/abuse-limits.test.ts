// Abuse limits of the token service and of the secret reveal, through lib/limiter (Redis when
// TEST_REDIS_URL is set — .ci/run sets it — so the counts are the ones every instance shares; memory
// otherwise). Limits are lowered with CONSOLE_RATE_LIMITS for the test.
import { beforeAll, describe, expect, it } from "vitest";
import { revealClientSecret } from "../../lib/apps/secrets";
import { db } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { processTokenRequest } from "../../lib/oauth/token-endpoint";
import { testRedis, withTestEnv } from "../env";
import { PASSWORD } from "../factories/constants";
import { catalog, ctx, makeDeveloperCompany, registered } from "../factories/domain";
import { basicHeader, makeOAuthApp } from "../factories/oauth";
import { makeUser } from "../factories/people";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

withTestEnv({ CONSOLE_RATE_LIMITS: "tokenPerClient=4/3600,passwordGrant=2/3600,secretReveal=2/3600", ...testRedis() });

const tokenRequest = (auth: string, body: Record<string, string>) =>
  processTokenRequest({
    method: "POST",
    contentType: "application/x-www-form-urlencoded",
    authorization: auth,
    body: new URLSearchParams(body).toString(),
    ip: "198.51.100.9",
    userAgent: "vitest",
  });

describe(`abuse limits (${process.env.TEST_REDIS_URL ? "Redis" : "memory"} store)`, () => {
  it("token endpoint per client: 429 with Retry-After past the limit, other clients unaffected, no token issued", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const other = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await tokenRequest(auth, { grant_type: "client_credentials" });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect(Number(last!.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers["retry-after"])).toBeLessThanOrEqual(3600);
    expect(JSON.parse(last!.body)).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/Too many requests/),
    });
    expect((await tokenRequest(basicHeader(other.clientId, other.clientSecret), { grant_type: "client_credentials" })).status).toBe(200);
  });

  it("password grant per client: 429 with Retry-After before any password is checked, nothing written", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["password"] });
    const user = await makeUser(db());
    const auth = basicHeader(app.clientId, app.clientSecret);
    const body = { grant_type: "password", username: user.email, password: PASSWORD };
    const first = await tokenRequest(auth, body);
    const second = await tokenRequest(auth, body);
    expect([first.status, second.status]).toEqual([200, 200]);
    const grantsBefore = await db().tokenGrant.count({ where: { appId: app.appId } });
    const third = await tokenRequest(auth, body);
    expect(third.status).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(third.body).error_description).toMatch(/Too many password grant requests/);
    expect(await db().tokenGrant.count({ where: { appId: app.appId } })).toBe(grantsBefore);
  });

  it("secret reveal per user: rate_limited (429) with retryAfterSeconds, and not audited", async () => {
    const { actor, hello } = await makeDeveloperCompany();
    const app = await registered(actor, hello.id);
    const proof = { provenAt: Math.floor(Date.now() / 1000) };
    await revealClientSecret(actor, app.id, proof, ctx);
    await revealClientSecret(actor, app.id, proof, ctx);
    const e = await revealClientSecret(actor, app.id, proof, ctx).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("rate_limited");
    expect((e as AppError).status).toBe(429);
    expect((e as AppError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((e as AppError).message).toMatch(/^Too many requests to show a Client Secret\. Try again in \d+ seconds?\.$/);
    expect(await db().auditLog.count({ where: { targetId: app.id, event: "secret.revealed" } })).toBe(2);
  });
});
