// Failing well (a lost database used to give 500s): with the database unreachable, the token endpoint, introspection
// and the Hello API answer 503 with Retry-After and an RFC-shaped error (never a 500), and the health
// check names the failed dependency. The database is made unreachable for real: SQLite at a path that
// cannot be opened, and PostgreSQL at a port where nothing listens.
import { afterEach, describe, expect, it } from "vitest";
import { disconnectDb } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { clearClientCache } from "../../lib/oauth/clients";
import { processIntrospectionRequest } from "../../lib/oauth/introspect";
import { processTokenRequest } from "../../lib/oauth/token-endpoint";
import { checkDependencies, isUnavailableError } from "../../lib/observability/health";
import { helloAnswer } from "../../lib/resource/hello";

const savedUrl = process.env.DATABASE_URL;
const savedTtl = process.env.OAUTH_CLIENT_CACHE_TTL_MS;
afterEach(async () => {
  await disconnectDb().catch(() => {});
  process.env.DATABASE_URL = savedUrl;
  if (savedTtl === undefined) delete process.env.OAUTH_CLIENT_CACHE_TTL_MS;
  else process.env.OAUTH_CLIENT_CACHE_TTL_MS = savedTtl;
  resetEnvCache();
});

const form = (body: Record<string, string>) => ({
  method: "POST",
  contentType: "application/x-www-form-urlencoded",
  authorization: "Basic " + Buffer.from("apc_someclient000000000000:apcs_secret").toString("base64"),
  body: new URLSearchParams(body).toString(),
  ip: "198.51.100.7",
  userAgent: "vitest",
});

const unreachable: [string, string][] = [
  ["SQLite", "file:/nonexistent-directory-for-the-test/console.db"],
  ["PostgreSQL", "postgresql://postgres@127.0.0.1:4299/nowhere?connect_timeout=2"],
];

describe.each(unreachable)("with the database unreachable (%s)", (_kind, url) => {
  async function breakDatabase(): Promise<void> {
    await disconnectDb().catch(() => {});
    process.env.DATABASE_URL = url;
    process.env.OAUTH_CLIENT_CACHE_TTL_MS = "0";
    resetEnvCache();
    clearClientCache();
  }

  it("the token endpoint and introspection answer 503 + Retry-After with an RFC 6749-shaped error", async () => {
    await breakDatabase();
    for (const answer of [
      await processTokenRequest(form({ grant_type: "client_credentials" })),
      await processIntrospectionRequest(form({ token: "x" })),
    ]) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(answer.headers["cache-control"]).toBe("no-store");
      expect(JSON.parse(answer.body)).toEqual({ error: "temporarily_unavailable", error_description: expect.any(String) });
    }
  });

  it("the Hello API answers 503 + Retry-After; /api/health names the database", async () => {
    await breakDatabase();
    // A token-shaped string: verifying it needs the signing keys, which live in the database.
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const answer = await helloAnswer(
      `Bearer ${part({ alg: "ES256", kid: "key_unknown", typ: "at+jwt" })}.${part({ sub: "x" })}.${"A".repeat(86)}`,
    );
    expect(answer.status).toBe(503);
    expect(Number(answer.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(answer.body)).toMatchObject({ error: "temporarily_unavailable" });
    const health = await checkDependencies();
    expect(health.ok).toBe(false);
    expect(health.checks.database).toBe("unavailable");
    expect(health.failed).toContain("database");
  });
});

describe("isUnavailableError", () => {
  it("tells outages from bugs", () => {
    expect(isUnavailableError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isUnavailableError(new Error("x", { cause: { code: "P1001" } }))).toBe(true);
    expect(isUnavailableError(new TypeError("undefined is not a function"))).toBe(false);
  });
});
