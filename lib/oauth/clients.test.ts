import * as nodeCrypto from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { rejectionOf } from "../../tests/assertions";

// Count every constant-time comparison (lib/security/crypto-core safeEqual → timingSafeEqual).
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

import { catalog } from "../../tests/factories/domain";
import { addSecret, basicHeader, makeOAuthApp } from "../../tests/factories/oauth";
import { matchLiveSecret } from "../apps/client-auth";
import { db } from "../db";
import { resetEnvCache } from "../env";
import { authenticateClient, clearClientCache, invalidateClient, presentedCredentials } from "./clients";
import { OAuthError } from "./errors";
import { parseParams } from "./params";

// makeOAuthApp subscribes its apps to the Hello API of the catalog.
beforeAll(async () => {
  await catalog();
});

const noParams = () => parseParams(new URLSearchParams());
const timingSafeEqual = vi.mocked(nodeCrypto.timingSafeEqual);

const refusal = (p: Promise<unknown>) => rejectionOf(p, OAuthError);

afterEach(() => {
  delete process.env.OAUTH_CLIENT_CACHE_TTL_MS;
  resetEnvCache();
  clearClientCache();
});

describe("client authentication", () => {
  it("15 secrets are compared in constant time: fixed-length digests through timingSafeEqual, every live secret, a dummy for unknown clients", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const second = await addSecret(db(), app.appId, { expiresAt: new Date(Date.now() + 3600_000) });
    const attempts = [
      app.clientSecret, // right (first secret)
      second, // right (second secret)
      app.clientSecret.slice(0, -1) + (app.clientSecret.endsWith("a") ? "b" : "a"), // wrong by one character
      "x", // wrong and short
      "y".repeat(500), // wrong and long
    ];
    for (const secret of attempts) {
      timingSafeEqual.mockClear();
      await authenticateClient(basicHeader(app.clientId, secret), noParams()).catch(() => null);
      // Both live secrets were compared (no early exit), each time on two 43-byte digests, whatever was presented.
      const calls = timingSafeEqual.mock.calls;
      expect(calls.length).toBeGreaterThanOrEqual(2);
      for (const [a, b] of calls) {
        expect((a as Buffer).length).toBe(43);
        expect((b as Buffer).length).toBe(43);
      }
    }
    timingSafeEqual.mockClear();
    await authenticateClient(basicHeader("apc_000000000000000000000000", app.clientSecret), noParams()).catch(() => null);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    expect((timingSafeEqual.mock.calls[0]![0] as Buffer).length).toBe(43);
  });

  it("accepts live secrets only: revoked and expired ones are refused, expiry checked at each use", async () => {
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    const revoked = await addSecret(db(), app.appId, { revokedAt: new Date() });
    const expired = await addSecret(db(), app.appId, { expiresAt: new Date(Date.now() - 1) });
    expect((await authenticateClient(basicHeader(app.clientId, app.clientSecret), noParams())).appId).toBe(app.appId);
    for (const s of [revoked, expired]) {
      expect((await refusal(authenticateClient(basicHeader(app.clientId, s), noParams()))).status).toBe(401);
    }
    const row = await db().clientSecret.findFirstOrThrow({ where: { appId: app.appId, revokedAt: null, expiresAt: null } });
    const now = Date.now();
    expect(matchLiveSecret(app.clientSecret, [{ digest: row.digest, expiresAt: now + 1000 }], now)).toBe(true);
    expect(matchLiveSecret(app.clientSecret, [{ digest: row.digest, expiresAt: now - 1 }], now)).toBe(false);
  });

  it("caches client lookups for the TTL; invalidateClient makes a revocation count at once; a new secret works at once", async () => {
    process.env.OAUTH_CLIENT_CACHE_TTL_MS = "60000";
    resetEnvCache();
    const app = await makeOAuthApp(db(), { grantTypes: ["client_credentials"] });
    await authenticateClient(basicHeader(app.clientId, app.clientSecret), noParams());
    await db().clientSecret.updateMany({ where: { appId: app.appId }, data: { revokedAt: new Date() } });
    // Within the TTL the cached lookup still accepts it …
    expect((await authenticateClient(basicHeader(app.clientId, app.clientSecret), noParams())).appId).toBe(app.appId);
    // … until the entry is forgotten (what lib/apps should call after revoking or rotating).
    invalidateClient(app.clientId);
    expect((await refusal(authenticateClient(basicHeader(app.clientId, app.clientSecret), noParams()))).code).toBe("invalid_client");
    // A secret created after the lookup was cached (e.g. by another instance) is found by the re-read on
    // mismatch, which happens at most every 500 ms per client id (known or not), so a flood of wrong
    // secrets costs no database reads beyond that.
    await authenticateClient(basicHeader(app.clientId, app.clientSecret), noParams()).catch(() => null);
    const fresh = await addSecret(db(), app.appId);
    expect((await refusal(authenticateClient(basicHeader(app.clientId, fresh), noParams()))).code).toBe("invalid_client");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 600);
      expect((await authenticateClient(basicHeader(app.clientId, fresh), noParams())).appId).toBe(app.appId);
    } finally {
      vi.useRealTimers();
    }
  });

  it("13 refuses two authentication methods at once and 14 form-urlencoding-decodes Basic credentials", () => {
    const params = parseParams(new URLSearchParams({ client_secret: "s" }));
    const both = (() => {
      try {
        presentedCredentials(basicHeader("apc_a", "s"), params);
      } catch (e) {
        return e as OAuthError;
      }
    })();
    expect(both?.code).toBe("invalid_request");
    const raw = "Basic " + Buffer.from("my+client%3Aid:p%C3%A4ss+word%25%3A").toString("base64");
    expect(presentedCredentials(raw, noParams())).toEqual({
      clientId: "my client:id",
      secret: "päss word%:",
      method: "client_secret_basic",
    });
    const malformed = (() => {
      try {
        presentedCredentials("Basic " + Buffer.from("id:%E0%A4%A").toString("base64"), noParams());
      } catch (e) {
        return e as OAuthError;
      }
    })();
    expect(malformed?.code).toBe("invalid_client");
    expect(malformed?.options.headers?.["www-authenticate"]).toMatch(/^Basic/);
  });
});
