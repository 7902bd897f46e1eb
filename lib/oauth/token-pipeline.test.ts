// The token endpoint's one pipeline (lib/oauth/token-endpoint.ts, run by the Next.js route and by
// scripts/serve.ts): the answer comes at once (no promise) when every step finds what it needs in
// memory — the memory limiter, a cached client, a cached signing key — and as a promise otherwise,
// with the same answers and the same counting either way.
import { beforeAll, describe, expect, it } from "vitest";
import { withTestEnv } from "../../tests/env";
import { catalog } from "../../tests/factories/domain";
import { basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { db } from "../db";
import type { HttpAnswer } from "../http/answer";
import { peek } from "../limiter";
import { metricsText } from "../observability/metrics";
import { isPromise } from "../runtime/maybe-sync";
import type { OAuthHttpRequest } from "./params";
import { processTokenRequest } from "./token-endpoint";

beforeAll(async () => {
  await catalog(); // the Hello API the apps subscribe to
});
withTestEnv({
  CONSOLE_RATE_LIMITS: "tokenPerClient=3/3600,clientAuthFailures=2/300",
  OAUTH_CLIENT_CACHE_TTL_MS: "60000", // a slow first request on a loaded machine outlives 2 s
  REDIS_URL: undefined, // the synchronous path is the memory store's
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

/** The answer of a request that the pipeline must answer at once (fails when it returns a promise). */
function atOnce(request: OAuthHttpRequest): HttpAnswer {
  const answer = processTokenRequest(request);
  if (isPromise(answer)) throw new Error("the token request was not answered at once");
  return answer;
}

/** The answer of a request that must wait (a database read or a DPoP proof check). */
function later(request: OAuthHttpRequest): Promise<HttpAnswer> {
  const answer = processTokenRequest(request);
  if (!isPromise(answer)) throw new Error(`the token request was answered at once: ${answer.status} ${answer.body}`);
  return answer;
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());
}

describe("the token pipeline", () => {
  it("answers a cached client at once, like the awaited first request, and counts the per-client rate limit", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    // Not cached yet: the client is read from the database.
    const slow = await later(request(auth)); // 1 of 3
    expect(slow.status).toBe(200);
    const fast = atOnce(request(auth)); // 2 of 3
    expect(fast.status).toBe(200);
    expect(fast.headers).toEqual(slow.headers);
    const [a, b] = [JSON.parse(slow.body), JSON.parse(fast.body)];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(b).toMatchObject({ token_type: "Bearer", expires_in: a.expires_in, scope: a.scope });
    const [ca, cb] = [claims(a.access_token), claims(b.access_token)];
    expect(Object.keys(cb).sort()).toEqual(Object.keys(ca).sort());
    expect(cb).toMatchObject({ iss: ca.iss, sub: app.clientId, aud: ca.aud, client_id: app.clientId, scope: ca.scope });
    expect(cb.jti).not.toBe(ca.jti);
    expect(atOnce(request(auth)).status).toBe(200); // 3 of 3
    const limited = atOnce(request(auth));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.body)).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringMatching(/Too many requests/),
    });
    expect(await metricsText().then((m) => m.body)).toMatch(
      /^console_tokens_issued_total\{grant="client_credentials",outcome="issued"\} [1-9]\d*$/m,
    );
  });

  it("answers the grant's refusals at once too (invalid_scope, RFC 6749 5.2), with the rate limit counted", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    await processTokenRequest(request(auth));
    const answer = atOnce(request(auth, { grant_type: "client_credentials", scope: "no-such-api" }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "invalid_scope" });
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(atOnce(request(auth)).status).toBe(200); // 3 of 3: the refusal counted as 2
    expect(atOnce(request(auth)).status).toBe(429);
  });

  it("refuses grant types it does not issue, and malformed requests, at once; no grant is taken for another", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    await processTokenRequest(request(auth));
    const implicit = atOnce(request(auth, { grant_type: "implicit" }));
    expect(implicit.status).toBe(400);
    expect(JSON.parse(implicit.body)).toMatchObject({ error: "unsupported_grant_type" });
    const missing = atOnce(request(auth, {}));
    expect(JSON.parse(missing.body)).toMatchObject({ error: "invalid_request" });
    // A second app: the first has used its 3 requests.
    const other = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const otherAuth = basicHeader(other.clientId, other.clientSecret);
    await processTokenRequest(request(otherAuth));
    const notRegistered = atOnce(request(otherAuth, { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: "x" }));
    expect(JSON.parse(notRegistered.body)).toMatchObject({ error: "unauthorized_client" });
    expect(atOnce(request(auth, undefined, { contentType: "text/plain" })).status).toBe(400);
    expect(atOnce(request(null)).status).toBe(401);
    expect(await metricsText().then((m) => m.body)).toMatch(
      /^console_tokens_issued_total\{grant="other",outcome="unsupported_grant_type"\} [1-9]\d*$/m,
    );
  });

  it("waits for what is not in memory: another grant's database work, a DPoP proof check", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials", "refresh_token"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    await processTokenRequest(request(auth));
    const refresh = await later(request(auth, { grant_type: "refresh_token", refresh_token: "x" }));
    expect(JSON.parse(refresh.body)).toMatchObject({ error: "invalid_grant" });
    const proof = await later(request(auth, undefined, { dpop: "x.y.z" }));
    expect(proof.status).toBe(400);
    expect(JSON.parse(proof.body)).toMatchObject({ error: "invalid_dpop_proof" });
  });

  it("counts failed client authentications, and refuses a locked-out client at once without counting a request", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const auth = basicHeader(app.clientId, app.clientSecret);
    await processTokenRequest(request(auth)); // 1 of 3
    // A wrong secret: refused (at once, or after one fresh read of the client) and counted.
    const wrong = basicHeader(app.clientId, "apcs_wrong-secret-0000000000000000");
    expect((await processTokenRequest(request(wrong))).status).toBe(401);
    expect((await peek("clientAuthFailures", app.clientId)).remaining).toBe(1);
    const unknownId = `apc_unknown${Date.now()}`;
    const unknown = basicHeader(unknownId, "apcs_wrong-secret-0000000000000000");
    expect((await processTokenRequest(request(unknown))).status).toBe(401);
    expect((await peek("clientAuthFailures", unknownId)).remaining).toBe(1);
    // Locked out: the right secret is refused at once, before any lookup.
    expect((await processTokenRequest(request(wrong))).status).toBe(401);
    const locked = atOnce(request(auth));
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body)).toMatchObject({ error_description: expect.stringMatching(/failed client authentications/) });
    // Only the first request counted against the per-client limit (3): two more are allowed.
    expect((await peek("tokenPerClient", `token:${app.clientId}`)).remaining).toBe(2);
  });
});
