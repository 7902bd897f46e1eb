import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_TTL_SECONDS, apiAudience, issuer } from "./config";
import { publishedJwks } from "./keys";
import { resolveScope, signAccessToken, tokenResponseBody } from "./tokens";

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
});
