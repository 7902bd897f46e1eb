// The token endpoint's synchronous path (processTokenRequest.now, served by scripts/serve.ts): it
// answers at once only when everything is in memory, with the answers of the asynchronous way; in
// every other case it answers undefined having counted and changed nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catalog } from "../../tests/factories/domain";
import { basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { peek, resetLimiter } from "../limiter";
import { metricsText } from "../observability/metrics";
import type { OAuthHttpRequest } from "./params";
import { processTokenRequest } from "./token-endpoint";

const saved = { limits: process.env.CONSOLE_RATE_LIMITS, redis: process.env.REDIS_URL, ttl: process.env.OAUTH_CLIENT_CACHE_TTL_MS };
beforeAll(async () => {
  await catalog(); // the Hello API the apps subscribe to
  process.env.CONSOLE_RATE_LIMITS = "tokenPerClient=3/3600,clientAuthFailures=2/300";
  process.env.OAUTH_CLIENT_CACHE_TTL_MS = "60000"; // a slow first request on a loaded machine outlives 2 s
  delete process.env.REDIS_URL; // the synchronous path is the memory store's
  resetEnvCache();
  resetLimiter();
});
afterAll(() => {
  for (const [k, v] of [
    ["CONSOLE_RATE_LIMITS", saved.limits],
    ["REDIS_URL", saved.redis],
    ["OAUTH_CLIENT_CACHE_TTL_MS", saved.ttl],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvCache();
  resetLimiter();
});

let n = 0;
const request = (
  authorization: string | null,
  body: Record<string, string> = { grant_type: "client_credentials" },
  extra: Partial<OAuthHttpRequest> = {},
): OAuthHttpRequest => ({
  method: "POST",
  contentType: "application/x-www-form-urlencoded",
  authorization,
  body: new URLSearchParams(body).toString(),
  ip: `203.0.113.${++n % 250}`,
  userAgent: "vitest",
  ...extra,
});

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
}

describe("processTokenRequest.now", () => {
  it("answers a cached client at once like the asynchronous way, and counts the per-client rate limit", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    // Not cached yet: nothing at once.
    expect(processTokenRequest.now(request(auth))).toBeUndefined();
    const slow = await processTokenRequest(request(auth)); // 1 of 3
    expect(slow.status).toBe(200);
    const fast = processTokenRequest.now(request(auth)); // 2 of 3
    expect(fast).toBeDefined();
    expect(fast!.status).toBe(200);
    expect(fast!.headers).toEqual(slow.headers);
    const [a, b] = [JSON.parse(slow.body), JSON.parse(fast!.body)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(b).toMatchObject({ token_type: "Bearer", expires_in: a.expires_in, scope: a.scope });
    const [ca, cb] = [claims(a.access_token), claims(b.access_token)];
    expect(Object.keys(cb).sort()).toEqual(Object.keys(ca).sort());
    expect(cb).toMatchObject({ iss: ca.iss, sub: app.clientId, aud: ca.aud, client_id: app.clientId, scope: ca.scope });
    expect(cb.jti).not.toBe(ca.jti);
    expect(processTokenRequest.now(request(auth))!.status).toBe(200); // 3 of 3
    const limited = processTokenRequest.now(request(auth))!;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.body)).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/Too many requests/),
    });
    // Both ways count into the same limit.
    expect((await processTokenRequest(request(auth))).status).toBe(429);
    expect(await metricsText().then((m) => m.body)).toMatch(
      /^console_tokens_issued_total\{grant="client_credentials",outcome="issued"\} [1-9]\d*$/m,
    );
  });

  it("answers the grant's refusals at once too (invalid_scope, RFC 6749 5.2), with the rate limit counted", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    await processTokenRequest(request(auth));
    const answer = processTokenRequest.now(request(auth, { grant_type: "client_credentials", scope: "no-such-api" }))!;
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_scope" });
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(processTokenRequest.now(request(auth))!.status).toBe(200); // 3 of 3: the refusal counted as 2
    expect(processTokenRequest.now(request(auth))!.status).toBe(429);
  });

  it("leaves wrong secrets, unknown clients, lockouts, DPoP proofs and other grants to the asynchronous way, counting nothing", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials", "refresh_token"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    await processTokenRequest(request(auth));
    const wrong = basicHeader(app.clientId, "apcs_wrong-secret-0000000000000000");
    expect(processTokenRequest.now(request(wrong))).toBeUndefined();
    expect((await peek("clientAuthFailures", app.clientId)).remaining).toBe(2);
    expect((await processTokenRequest(request(wrong))).status).toBe(401);
    expect((await peek("clientAuthFailures", app.clientId)).remaining).toBe(1);
    const unknown = basicHeader("apc_unknown000000000000000000000", "apcs_wrong-secret-0000000000000000");
    expect((await processTokenRequest(request(unknown))).status).toBe(401); // now cached as unknown
    expect(processTokenRequest.now(request(unknown))).toBeUndefined();
    expect(processTokenRequest.now(request(auth, { grant_type: "refresh_token", refresh_token: "x" }))).toBeUndefined();
    expect(processTokenRequest.now(request(auth, undefined, { dpop: "x.y.z" }))).toBeUndefined();
    expect(processTokenRequest.now(request(auth, undefined, { contentType: "text/plain" }))).toBeUndefined();
    expect(processTokenRequest.now(request(null))).toBeUndefined();
    // Locked out: the right secret is refused by the asynchronous way, never answered at once.
    expect((await processTokenRequest(request(wrong))).status).toBe(401);
    expect(processTokenRequest.now(request(auth))).toBeUndefined();
    expect((await processTokenRequest(request(auth))).status).toBe(429);
    // Only the first request counted against the per-client limit (3): two more are allowed.
    expect((await peek("tokenPerClient", `token:${app.clientId}`)).remaining).toBe(2);
  });
});
