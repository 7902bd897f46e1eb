// Failed client authentication at the token service (wrong secrets were not counted before): failures are counted per
// client id and per address before authentication can succeed; past the limit even the right secret
// answers 429 with Retry-After, at the token, revocation and introspection endpoints alike; an
// unknown client id is counted and answered like a known one.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { processIntrospectionRequest } from "../../lib/oauth/introspect";
import { processTokenRequest } from "../../lib/oauth/token-endpoint";
import { testRedis, withTestEnv } from "../env";
import { catalog } from "../factories/domain";
import { basicHeader, makeOAuthApp } from "../factories/oauth";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

withTestEnv({ CONSOLE_RATE_LIMITS: "clientAuthFailures=3/300,clientAuthFailuresPerAddress=6/300", ...testRedis() });

// Counters may live in a shared Redis (TEST_REDIS_URL) for 300 s: this run's client ids and addresses are
// its own, so a run soon after another (or beside one on the other database) starts from zero.
const run = Math.floor(Math.random() * 250) + 1;
const runTag = Math.random().toString(36).slice(2, 10).padEnd(8, "0");

const request = (auth: string, ip: string, body: Record<string, string> = { grant_type: "client_credentials" }) => ({
  method: "POST",
  contentType: "application/x-www-form-urlencoded",
  authorization: auth,
  body: new URLSearchParams(body).toString(),
  ip,
  userAgent: "vitest",
});

describe("failed client authentication", () => {
  it("per client: after 3 wrong secrets even the right one answers 429 with Retry-After, from any address", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const wrong = basicHeader(app.clientId, "apcs_wrong-secret-0000000000000000");
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await processTokenRequest(request(wrong, `10.${run}.1.${10 + i}`))).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await processTokenRequest(request(basicHeader(app.clientId, app.clientSecret), `10.${run}.1.99`));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(refused.body)).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/Too many failed client authentications/),
    });
    // Introspection counts the same client.
    const introspected = await processIntrospectionRequest(
      request(basicHeader(app.clientId, app.clientSecret), `10.${run}.1.98`, { token: "x" }),
    );
    expect(introspected.status).toBe(429);
    // Another client is not affected.
    const other = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    expect((await processTokenRequest(request(basicHeader(other.clientId, other.clientSecret), `10.${run}.1.97`))).status).toBe(200);
  });

  it("an unknown client id is counted and answered like a known one", async () => {
    const unknown = basicHeader(`apc_unknown${runTag}00000000000000000`.slice(0, 30), "apcs_wrong-secret-0000000000000000");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await processTokenRequest(request(unknown, `10.${run}.2.${40 + i}`)));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429]);
    expect(answers[0]!.body).toBe(answers[1]!.body);
    expect(answers[0]!.headers["www-authenticate"]).toMatch(/^Basic/);
  });

  it("per address: wrong secrets for many clients from one address lock that address out, not others", async () => {
    const ip = `10.${run}.3.50`;
    const apps = await Promise.all([1, 2, 3].map(() => makeOAuthApp(db(), { grantTypes: ["client_credentials"] })));
    for (const app of apps) {
      for (let i = 0; i < 2; i++)
        expect((await processTokenRequest(request(basicHeader(app.clientId, "apcs_nope-0000000000000000000000"), ip))).status).toBe(401);
    }
    const good = apps[0]!;
    const fromThere = await processTokenRequest(request(basicHeader(good.clientId, good.clientSecret), ip));
    expect(fromThere.status).toBe(429);
    expect(Number(fromThere.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect((await processTokenRequest(request(basicHeader(good.clientId, good.clientSecret), `10.${run}.3.51`))).status).toBe(200);
  });
});
