// The edge (bounded input, trusted proxies, observability), through the real server over raw sockets where
// a client library would not misbehave enough: oversized bodies are refused with 413 before they are
// read (Content-Length) or cut off as they grow (chunked), slow (slowloris-like) requests are cut,
// over-long URLs and headers are refused; a spoofed X-Forwarded-For does not change the address the
// throttles count; every answer has an X-Request-Id; /metrics is scraped with its token.
import net from "node:net";
import { expect, test } from "@playwright/test";
import { makeOAuthApp } from "../tests/factories/oauth";
import { makeUser } from "../tests/factories/people";
import { closeTestDb, testDb } from "./fixtures/db";

const port = Number(process.env.E2E_PORT ?? 3917);
const METRICS_TOKEN = "e2e-metrics-token-0123456789";

test.afterAll(async () => {
  await closeTestDb();
});

interface RawResult {
  /** What the server sent back (status line first), possibly empty. */
  response: string;
  /** Body bytes the client managed to write before the server closed the connection. */
  sent: number;
  /** True when the server closed the connection before the client finished sending. */
  closedEarly: boolean;
  /** True when the server closed the connection (before the client would have, 8 s after its last byte). */
  closedByServer: boolean;
}

/**
 * Sends `head`, then `chunks` (each after `gapMs`), stopping when the server closes the connection.
 * Resolves when the connection is closed (by the server) or, after the last chunk, the answer is in.
 */
function raw(head: string, chunks: Buffer[], gapMs = 0): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let response = "";
    let sent = 0;
    let finished = false;
    let closed = false;
    let endedByUs = false;
    socket.on("data", (d) => (response += d.toString("latin1")));
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      resolve({ response, sent, closedEarly: !finished, closedByServer: !endedByUs });
    });
    socket.on("connect", async () => {
      socket.write(head);
      for (const chunk of chunks) {
        if (closed || socket.destroyed) return;
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
        if (closed || socket.destroyed) return;
        const ok = socket.write(chunk);
        sent += chunk.length;
        if (!ok)
          await new Promise((r) => {
            socket.once("drain", r);
            socket.once("close", r);
          });
      }
      finished = true;
      // Give the server the chance to answer and close, then end our side.
      setTimeout(() => {
        endedByUs = true;
        socket.destroy();
      }, 8000);
    });
  });
}

const status = (r: RawResult) => Number(/^HTTP\/1\.1 (\d{3})/.exec(r.response)?.[1] ?? 0);
const MiB = 1024 * 1024;

test.describe("bounded input", () => {
  for (const [method, path] of [
    ["POST", "/oauth2/token"],
    ["POST", "/oauth2/revoke"],
    ["POST", "/oauth2/introspect"],
    ["POST", "/api/auth/signout"],
    ["POST", "/signin"],
    ["GET", "/api/hello"],
  ] as const) {
    test(`${method} ${path}: a 200 MiB Content-Length is refused with 413 before the body is read, and the connection closed`, async () => {
      const head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${200 * MiB}\r\n\r\n`;
      // Only 64 KiB of the announced 200 MiB follow: the server answers without waiting for the rest, and closes.
      const r = await raw(head, [Buffer.alloc(64 * 1024, 97)]);
      expect(status(r), r.response.slice(0, 200)).toBe(413);
      expect(r.response.toLowerCase()).toContain("x-request-id:");
      expect(r.closedByServer).toBe(true);
    });
  }

  test("a chunked body that grows past the route's limit is cut off (413) and its connection destroyed", async () => {
    const head = `POST /oauth2/revoke HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const chunk = Buffer.concat([Buffer.from((16 * 1024).toString(16) + "\r\n"), Buffer.alloc(16 * 1024, 97), Buffer.from("\r\n")]);
    const r = await raw(
      head,
      Array.from({ length: 512 }, () => chunk),
    ); // 8 MiB offered
    expect(r.closedEarly).toBe(true);
    expect(r.sent).toBeLessThan(8 * MiB);
    if (r.response) expect(status(r)).toBe(413);
  });

  test("a body within the limit still works (the token endpoint's fast path and a Next.js route)", async ({ request }) => {
    const res = await request.post("/oauth2/revoke", { form: { token: "x".repeat(8000) } });
    expect(res.status()).toBe(401); // reached client authentication: the body was read
  });

  test("slowloris: a body dribbled a byte at a time is cut when the request takes too long", async () => {
    const head = `POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\n`;
    // 200 bytes at one every 500 ms would take 100 s; the server (CONSOLE_REQUEST_TIMEOUT_MS=5000 here) cuts it.
    const r = await raw(
      head,
      Array.from({ length: 200 }, () => Buffer.from("a")),
      500,
    );
    expect(r.closedEarly).toBe(true);
    expect(r.sent).toBeLessThan(200);
    if (r.response) expect(status(r)).toBe(408);
  });

  test("slowloris: headers that never end are cut too", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => Buffer.from(`X-Slow-${i}: a\r\n`));
    const r = await raw(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, lines, 500);
    expect(r.closedEarly).toBe(true);
  });

  test("an over-long query string answers 414, over-large headers 431", async ({ request }) => {
    const long = await request.get(`/api/health?q=${"a".repeat(9000)}`);
    expect(long.status()).toBe(414);
    const r = await raw(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, []);
    expect(status(r)).toBe(431);
  });
});

test.describe("trusted proxies", () => {
  test("a spoofed X-Forwarded-For does not change the address the throttles count (no trusted proxy configured)", async ({ request }) => {
    const app = await makeOAuthApp(testDb(), { grantTypes: ["password"] });
    const user = await makeUser(testDb());
    const spoofed = "203.0.113.77";
    const res = await request.post("/oauth2/token", {
      headers: { "x-forwarded-for": spoofed, "x-real-ip": spoofed, "x-console-client-address": spoofed },
      form: {
        grant_type: "password",
        username: user.email,
        password: "wrong-password-entirely",
        client_id: app.clientId,
        client_secret: app.clientSecret,
      },
    });
    expect(res.status()).toBe(400);
    const keys = (await testDb().throttleBucket.findMany({ select: { key: true } })).map((b) => b.key);
    expect(keys.some((k) => k.includes(spoofed))).toBe(false);
    expect(keys).toContain("signin:address:127.0.0.1");
  });
});

test.describe("observability", () => {
  test("every answer carries an X-Request-Id; a caller's well-formed one is kept", async ({ request }) => {
    for (const path of ["/api/health", "/api/ready", "/api/hello", "/signin", "/.well-known/oauth-authorization-server"]) {
      const res = await request.get(path);
      expect(res.headers()["x-request-id"], path).toMatch(/^[A-Za-z0-9._:-]{8,64}$/);
    }
    const token = await request.post("/oauth2/token", { form: { grant_type: "client_credentials" } });
    expect(token.headers()["x-request-id"]).toBeTruthy();
    const given = await request.get("/api/health", { headers: { "x-request-id": "trace-0123456789" } });
    expect(given.headers()["x-request-id"]).toBe("trace-0123456789");
    const hostile = await request.get("/api/health", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(hostile.headers()["x-request-id"]).not.toContain(" ");
  });

  test("/api/health says the state of each dependency; /api/ready is 200 while serving", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", checks: { database: "ok" } });
    const ready = await request.get("/api/ready");
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  test("/metrics needs its Bearer token and counts tokens issued by grant and outcome", async ({ request }) => {
    expect((await request.get("/metrics")).status()).toBe(401);
    expect((await request.get("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status()).toBe(401);
    const app = await makeOAuthApp(testDb(), { grantTypes: ["client_credentials"], subscribeHello: true });
    const issued = await request.post("/oauth2/token", {
      form: { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret },
    });
    expect(issued.status()).toBe(200);
    const { access_token } = await issued.json();
    expect((await request.get("/api/hello", { headers: { authorization: `Bearer ${access_token}` } })).status()).toBe(200);
    const scrape = await request.get("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.status()).toBe(200);
    expect(scrape.headers()["content-type"]).toContain("text/plain");
    const text = await scrape.text();
    expect(text).toMatch(/^console_tokens_issued_total\{grant="client_credentials",outcome="issued"\} [1-9]\d*$/m);
    expect(text).toMatch(/^console_api_calls_total\{api="hello",outcome="success"\} [1-9]\d*$/m);
    expect(text).toMatch(
      /^console_http_request_duration_seconds_bucket\{[^}]*route="\/oauth2\/token",method="POST",status="200"[^}]*\} \d+$/m,
    );
    expect(text).toContain("# TYPE console_job_runs_total counter");
  });
});
