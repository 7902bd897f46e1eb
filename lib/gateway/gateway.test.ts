// The gateway over real HTTP: a Node server running the same adapter as scripts/serve.ts
// (lib/gateway/node.ts) in front of an upstream the test starts, with apps and tokens made through the
// domain modules and the token endpoint.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApi } from "../../tests/factories/apps";
import { makeDeveloperCompany, registered } from "../../tests/factories/domain";
import { basicHeader } from "../../tests/factories/oauth";
import { publishedOpenApi } from "../apis/openapi";
import { newAppSecret } from "../apps/secrets";
import { invalidate } from "../cache";
import { db } from "../db";
import { flushUsage } from "../metrics/recorder";
import { issuer } from "../oauth/config";
import { publishedJwks } from "../oauth/keys";
import { revokeAccessTokenJti } from "../oauth/revocation";
import { handleTokenRequest } from "../oauth/token-endpoint";
import { verifyAccessTokenSignature } from "../oauth/verify-access-token";
import { tryApiOperation } from "../try-it/operation";
import { ASSERTION_TYPE, gatewayBaseUrl } from "./assertion";
import { serveGateway } from "./node";
import { flushRequestLogs } from "./request-log";
import { sealUpstreamHeaders } from "./upstream-config";

// Ports the system picks (the SQLite and PostgreSQL runs of this file go side by side in CI).
let GATEWAY_PORT = 0;
let UPSTREAM_PORT = 0;
let DEAD_PORT = 0; // nothing listens there: a port the system gave out and that was closed again

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
const seen: Seen[] = [];
let streamClosed: () => void = () => {};

const upstream = http.createServer((req, res) => {
  seen.push({ method: req.method!, url: req.url!, headers: req.headers });
  if (req.url!.startsWith("/base/slow")) {
    const t = setTimeout(() => res.end("late"), 3000);
    res.on("close", () => clearTimeout(t));
    return;
  }
  if (req.url!.startsWith("/base/stream")) {
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.write(Buffer.alloc(1024, 1));
    res.on("close", () => streamClosed());
    return;
  }
  if (req.url!.startsWith("/base/soap")) {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(200, { "content-type": req.headers["content-type"]!, "x-soap-action": String(req.headers.soapaction) });
      res.end(Buffer.concat(chunks));
    });
    return;
  }
  req.resume();
  req.on("end", () => {
    res.writeHead(req.url!.includes("created") ? 201 : 200, { "content-type": "application/json", connection: "keep-alive" });
    res.end(JSON.stringify({ ok: true }));
  });
});

let n = 0;
const gateway = http.createServer((req, res) => {
  const path = (req.url ?? "/").split("?")[0]!;
  serveGateway(req, res, { path, ip: "203.0.113.9", requestId: `req-test-${++n}`, refusalHeaders: {} });
});

let base = "";

async function token(clientId: string, secret: string): Promise<string> {
  const answer = await handleTokenRequest(
    new Request("http://localhost/oauth2/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicHeader(clientId, secret) },
      body: "grant_type=client_credentials",
    }),
  );
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { access_token: string }).access_token;
}

async function apiWithUpstream(opts: { url?: string; timeoutMs?: number; bodyLimitBytes?: number } = {}) {
  const api = await makeApi(db(), { openToAll: true });
  await db().api.update({
    where: { id: api.id },
    data: {
      upstreamUrl: opts.url ?? `http://127.0.0.1:${UPSTREAM_PORT}/base`,
      upstreamTimeoutMs: opts.timeoutMs ?? 5000,
      bodyLimitBytes: opts.bodyLimitBytes ?? 10 * 1024 * 1024,
      upstreamHeaders: sealUpstreamHeaders(api.id, { "x-api-key": "upstream-key-1" }),
    },
  });
  invalidate("catalog");
  return api;
}

async function subscribedApp(apiId: string) {
  const dev = await makeDeveloperCompany();
  const app = await registered(dev.actor, apiId);
  const { secret } = await newAppSecret(dev.actor, app.id);
  return { ...dev, app, accessToken: await token(app.clientId, secret) };
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  UPSTREAM_PORT = await listen(upstream);
  GATEWAY_PORT = await listen(gateway);
  base = `http://127.0.0.1:${GATEWAY_PORT}`;
  const probe = http.createServer();
  DEAD_PORT = await listen(probe);
  await new Promise((r) => probe.close(r));
});

afterAll(async () => {
  upstream.closeAllConnections();
  gateway.closeAllConnections();
  await new Promise((r) => upstream.close(r));
  await new Promise((r) => gateway.close(r));
});

describe("the gateway", () => {
  it("forwards an allowed call with identity headers and a verifiable assertion, without credentials", async () => {
    const api = await apiWithUpstream();
    const { app, company, accessToken } = await subscribedApp(api.id);
    seen.length = 0;
    const res = await fetch(`${base}/gateway/${api.slug}/items/created?color=red&size=2`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${accessToken}`,
        cookie: "session=secret",
        "content-type": "application/json",
        "x-console-client-id": "spoofed",
        "x-forwarded-for": "198.51.100.1",
      },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    const got = seen.at(-1)!;
    expect(got.method).toBe("PUT");
    expect(got.url).toBe("/base/items/created?color=red&size=2");
    expect(got.headers.authorization).toBeUndefined();
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers["x-api-key"]).toBe("upstream-key-1");
    expect(got.headers["x-console-client-id"]).toBe(app.clientId);
    expect(got.headers["x-console-company-id"]).toBe(company.id);
    expect(got.headers["x-console-subject"]).toBe(app.clientId);
    expect(got.headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(got.headers["x-forwarded-proto"]).toBe(new URL(issuer()).protocol.slice(0, -1));
    expect(got.headers["x-forwarded-host"]).toBe(new URL(issuer()).host);
    expect(got.headers["x-request-id"]).toMatch(/^req-test-/);

    const assertion = String(got.headers["x-console-assertion"]);
    expect(decodeProtectedHeader(assertion).typ).toBe(ASSERTION_TYPE);
    const { payload } = await jwtVerify(assertion, createLocalJWKSet(await publishedJwks()), {
      issuer: issuer(),
      audience: gatewayBaseUrl(api.slug),
      typ: ASSERTION_TYPE,
    });
    expect(payload.client_id).toBe(app.clientId);
    expect(payload.company_id).toBe(company.id);
    expect(payload.sub).toBe(app.clientId);
    expect(String(payload.scope).split(" ")).toContain(api.slug);
    expect(payload.jti).toBeTruthy();
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(60);

    // Counted and logged: the usage counters and a request-log row with the query's values redacted.
    await flushUsage();
    await flushRequestLogs();
    const counters = await db().usageCounter.findMany({ where: { appId: app.id, apiId: api.id } });
    expect(counters.reduce((s, c) => s + c.calls, 0)).toBe(1);
    const logs = await db().requestLog.findMany({ where: { appId: app.id } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      method: "PUT",
      path: `/gateway/${api.slug}/items/created`,
      query: "color=REDACTED&size=REDACTED",
      status: 201,
      statusClass: 2,
    });
  });

  it("refuses a missing or revoked token with 401 invalid_token, and an unknown API with 404", async () => {
    const api = await apiWithUpstream();
    const { accessToken } = await subscribedApp(api.id);
    const none = await fetch(`${base}/gateway/${api.slug}/x`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer .*error="invalid_token"/);

    const claims = await verifyAccessTokenSignature(accessToken);
    const app = await db().app.findUniqueOrThrow({ where: { clientId: claims.clientId } });
    await revokeAccessTokenJti(claims.jti, app.id, new Date(claims.expiresAt * 1000));
    seen.length = 0;
    const revoked = await fetch(`${base}/gateway/${api.slug}/x`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
    expect(seen).toHaveLength(0);

    // The API's root, with nothing after the slug.
    const root = await subscribedApp(api.id);
    const rootAnswer = await fetch(`${base}/gateway/${api.slug}`, { headers: { authorization: `Bearer ${root.accessToken}` } });
    expect(rootAnswer.status).toBe(200);
    await rootAnswer.text();
    expect(seen.at(-1)!.url).toBe("/base/");

    expect((await fetch(`${base}/gateway/no-such-api-here/x`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(404);
  });

  it("refuses an app not subscribed to the API, and one whose company is suspended, with 403 naming the rule", async () => {
    const api = await apiWithUpstream();
    const other = await makeApi(db(), { openToAll: true });
    const { accessToken } = await subscribedApp(other.id);
    const res = await fetch(`${base}/gateway/${api.slug}/x`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toMatch(/error="insufficient_scope"/);
    expect(await res.json()).toMatchObject({ error: "insufficient_scope", rule: "not_subscribed" });

    const mine = await subscribedApp(api.id);
    await db().company.update({ where: { id: mine.company.id }, data: { status: "SUSPENDED" } });
    invalidate("company", { companyId: mine.company.id });
    const suspended = await fetch(`${base}/gateway/${api.slug}/x`, { headers: { authorization: `Bearer ${mine.accessToken}` } });
    expect(suspended.status).toBe(403);
    expect(await suspended.json()).toMatchObject({ error: "insufficient_scope", rule: "company_suspended" });
  });

  it("enforces the subscription's plan: a quota past its calls is 429 with Retry-After and RateLimit headers, a pending subscription 403", async () => {
    const api = await apiWithUpstream();
    const planId = `plan_gw_${api.id}`;
    await db().plan.create({ data: { id: planId, apiId: api.id, name: "Two a day", callsPerDay: 2 } });
    const { app, accessToken } = await subscribedApp(api.id);
    await db().appApiSubscription.update({ where: { appId_apiId: { appId: app.id, apiId: api.id } }, data: { planId } });
    const call = () => fetch(`${base}/gateway/${api.slug}/plan`, { headers: { authorization: `Bearer ${accessToken}` } });
    for (const left of [1, 0]) {
      const ok = await call();
      expect(ok.status).toBe(200);
      expect(ok.headers.get("ratelimit-policy")).toMatch(/"day";q=2/);
      expect(ok.headers.get("ratelimit")).toMatch(new RegExp(`r=${left}`));
    }
    const past = await call();
    expect(past.status).toBe(429);
    expect(Number(past.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(past.headers.get("ratelimit")).toMatch(/r=0/);
    expect(await past.json()).toMatchObject({ error: "quota_exceeded" });

    const other = await subscribedApp(api.id);
    await db().appApiSubscription.update({ where: { appId_apiId: { appId: other.app.id, apiId: api.id } }, data: { status: "PENDING" } });
    const pending = await fetch(`${base}/gateway/${api.slug}/plan`, { headers: { authorization: `Bearer ${other.accessToken}` } });
    expect(pending.status).toBe(403);
    expect(await pending.json()).toMatchObject({ error: "insufficient_scope", rule: "pending_approval" });
  });

  it("answers 502 when the upstream refuses connections and 504 when it is too slow", async () => {
    const dead = await apiWithUpstream({ url: `http://127.0.0.1:${DEAD_PORT}` });
    const a = await subscribedApp(dead.id);
    const bad = await fetch(`${base}/gateway/${dead.slug}/x`, { headers: { authorization: `Bearer ${a.accessToken}` } });
    expect(bad.status).toBe(502);
    expect(await bad.json()).toEqual({ error: "bad_gateway" });

    const slow = await apiWithUpstream({ timeoutMs: 300 });
    const b = await subscribedApp(slow.id);
    const late = await fetch(`${base}/gateway/${slow.slug}/slow`, { headers: { authorization: `Bearer ${b.accessToken}` } });
    expect(late.status).toBe(504);
    expect(await late.json()).toEqual({ error: "gateway_timeout" });
  });

  it("aborts the upstream request when the client goes away mid-stream", async () => {
    const api = await apiWithUpstream();
    const { accessToken } = await subscribedApp(api.id);
    const closed = new Promise<void>((resolve) => (streamClosed = resolve));
    await new Promise<void>((resolve, reject) => {
      const req = http.get(`${base}/gateway/${api.slug}/stream`, { headers: { authorization: `Bearer ${accessToken}` } }, (res) => {
        expect(res.statusCode).toBe(200);
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
    });
    await closed; // the upstream saw its request end without an answer finished
  });

  it("passes SOAP through unchanged and refuses a body past the API's limit with 413", async () => {
    const api = await apiWithUpstream({ bodyLimitBytes: 1000 });
    const { accessToken } = await subscribedApp(api.id);
    const envelope = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><Ping/></soap:Body></soap:Envelope>`;
    for (const contentType of ["text/xml; charset=utf-8", "application/soap+xml; charset=utf-8"]) {
      const res = await fetch(`${base}/gateway/${api.slug}/soap`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": contentType, soapaction: '"urn:Ping"' },
        body: envelope,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(contentType);
      expect(res.headers.get("x-soap-action")).toBe('"urn:Ping"');
      expect(await res.text()).toBe(envelope);
    }
    const big = await fetch(`${base}/gateway/${api.slug}/soap`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "text/xml" },
      body: "x".repeat(1001),
    });
    expect(big.status).toBe(413);
    // Without a Content-Length (chunked), the body is counted as it streams.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/gateway/${api.slug}/soap`,
        { method: "POST", headers: { authorization: `Bearer ${accessToken}`, "content-type": "text/xml", "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on("error", reject);
      req.write("y".repeat(600));
      req.end("y".repeat(600));
    });
    expect(chunked).toBe(413);
  });

  it("Try it on an API behind the gateway goes through it (counted and logged); its OpenAPI servers name the gateway", async () => {
    const api = await apiWithUpstream();
    const doc = {
      openapi: "3.1.0",
      info: { title: "Items", version: "1" },
      servers: [{ url: "https://internal.example" }],
      paths: {
        "/items/{id}": {
          get: {
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    };
    await db().api.update({ where: { id: api.id }, data: { openapi: JSON.stringify(doc) } });
    invalidate("catalog");
    const { actor, app, company } = await subscribedApp(api.id);
    seen.length = 0;
    const scope = { kind: "company" as const, companyId: company.id };
    const result = await tryApiOperation(
      actor,
      scope,
      api.slug,
      { appId: app.id, operation: "GET /items/{id}", params: { id: "7" } },
      null,
    );
    expect(result.request.url).toBe(`${gatewayBaseUrl(api.slug)}/items/7`);
    expect(result.response?.status).toBe(200);
    expect(seen.at(-1)!.url).toBe("/base/items/7");
    await flushRequestLogs();
    expect(await db().requestLog.count({ where: { appId: app.id, path: `/gateway/${api.slug}/items/7` } })).toBe(1);

    const stored = await db().api.findUniqueOrThrow({ where: { id: api.id } });
    expect(publishedOpenApi({ ...stored, openapi: stored.openapi! }).servers).toEqual([
      { url: gatewayBaseUrl(api.slug), description: "The API Console's gateway" },
    ]);
  });
});
