import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_TTL_SECONDS, apiAudience, issuer } from "./config";
import { publishedJwks, resetKeyCache } from "./keys";
import { resolveScope, signAccessToken, tokenResponseBody } from "./tokens";
import { InvalidAccessToken, verifyAccessTokenSignature } from "./verify-access-token";

describe("access tokens", () => {
  it("are RFC 9068 JWTs that jose verifies with the published keys", async () => {
    const issued = await signAccessToken({ clientId: "apc_t", subject: "usr_1", scope: ["hello"], grantId: "grt_1" });
    const header = decodeProtectedHeader(issued.token);
    expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt" });
    const { payload } = await jwtVerify(issued.token, createLocalJWKSet(await publishedJwks()), {
      issuer: issuer(),
      audience: apiAudience(),
      typ: "at+jwt",
      algorithms: ["ES256"],
    });
    expect(payload).toMatchObject({ sub: "usr_1", client_id: "apc_t", scope: "hello", gid: "grt_1", jti: issued.jti });
    expect(payload.exp! - payload.iat!).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect(issued.expiresAt).toBe(payload.exp);
  });

  it("18 the token response carries token_type Bearer, expires_in 3600 and the access token", async () => {
    const issued = await signAccessToken({ clientId: "apc_t", subject: "apc_t", scope: [] });
    expect(tokenResponseBody(issued, [])).toEqual({ access_token: issued.token, token_type: "Bearer", expires_in: 3600 });
    expect(tokenResponseBody(issued, ["hello"], "aprt_x")).toEqual({
      access_token: issued.token,
      token_type: "Bearer",
      expires_in: 3600,
      scope: "hello",
      refresh_token: "aprt_x",
    });
  });

  it("grants only allowed scopes", () => {
    expect(resolveScope(undefined, ["hello", "weather"])).toEqual(["hello", "weather"]);
    expect(resolveScope("hello", ["hello", "weather"])).toEqual(["hello"]);
    expect(resolveScope("hello hello", ["hello"])).toEqual(["hello"]);
    expect(resolveScope("admin", ["hello"])).toBeNull();
    expect(resolveScope('bad"scope', ["hello"])).toBeNull();
  });

  it("a token verified once is accepted again from the cache only while its key is current and its lifetime lasts", async () => {
    const issued = await signAccessToken({ clientId: "apc_c", subject: "apc_c", scope: ["hello"] });
    const first = await verifyAccessTokenSignature(issued.token);
    expect(await verifyAccessTokenSignature(issued.token)).toBe(first); // the cached claims
    resetKeyCache(); // a reload makes new key objects: verified afresh, same answer
    const again = await verifyAccessTokenSignature(issued.token);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // A tampered copy is never a cache hit.
    const [h, p, sig] = issued.token.split(".");
    const other = sig!.startsWith("A") ? "B" + sig!.slice(1) : "A" + sig!.slice(1);
    await expect(verifyAccessTokenSignature(`${h}.${p}.${other}`)).rejects.toBeInstanceOf(InvalidAccessToken);
    // Past its exp, the cached token is refused as expired.
    const expired = await signAccessToken(
      { clientId: "apc_c", subject: "apc_c", scope: [] },
      Date.now() - (ACCESS_TOKEN_TTL_SECONDS - 1) * 1000,
    );
    await verifyAccessTokenSignature(expired.token);
    await new Promise((r) => setTimeout(r, 1100));
    await expect(verifyAccessTokenSignature(expired.token)).rejects.toMatchObject({ reason: "expired" });
  });
});
