import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { decrypt } from "../security/crypto";
import { apiAudience, issuer, RETIRING_KEY_GRACE_SECONDS } from "./config";
import { publishedJwks, resetKeyCache, rotateSigningKey } from "./keys";
import { signAccessToken } from "./tokens";
import { InvalidAccessToken, verifyAccessTokenSignature } from "./verify-access-token";

const kidOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid as string;

describe("signing keys", () => {
  it("stores the private key encrypted and publishes only public parts", async () => {
    const { token } = await signAccessToken({ clientId: "apc_k", subject: "apc_k", scope: [] });
    const row = await db().signingKey.findUniqueOrThrow({ where: { kid: kidOf(token) } });
    expect(row.privateJwkEnc).toMatch(/^v1\./);
    expect(row.privateJwkEnc).not.toContain('"d"');
    expect(JSON.parse(decrypt(row.privateJwkEnc, "signing-key-encryption", `signing-key:${row.kid}`)).d).toBeTruthy();
    expect(() => decrypt(row.privateJwkEnc, "signing-key-encryption", "signing-key:another")).toThrow();
    for (const k of (await publishedJwks()).keys) expect(k.d).toBeUndefined();
  });

  it("rotateSigningKey: tokens issued before keep verifying (RETIRING key still published) until their keys retire", async () => {
    const before = await signAccessToken({ clientId: "apc_r", subject: "apc_r", scope: ["hello"] });
    const oldKid = kidOf(before.token);
    const { kid: newKid, retired } = await rotateSigningKey();
    expect(retired).toContain(oldKid);
    expect(newKid).not.toBe(oldKid);
    const statuses = await db().signingKey.findMany({ where: { kid: { in: [oldKid, newKid] } }, select: { kid: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.kid, s.status]))).toEqual({ [oldKid]: "RETIRING", [newKid]: "ACTIVE" });

    const after = await signAccessToken({ clientId: "apc_r", subject: "apc_r", scope: ["hello"] });
    expect(kidOf(after.token)).toBe(newKid);
    const jwks = await publishedJwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    // Any JOSE library verifies both with the published set (as an API would).
    const set = createLocalJWKSet(jwks);
    for (const t of [before.token, after.token]) {
      const { payload, protectedHeader } = await jwtVerify(t, set, { issuer: issuer(), audience: apiAudience(), typ: "at+jwt" });
      expect(protectedHeader.alg).toBe("ES256");
      expect(payload.client_id).toBe("apc_r");
    }
    // And so does this process after forgetting its cache (another instance).
    resetKeyCache();
    expect((await verifyAccessTokenSignature(before.token)).jti).toBe(before.jti);

    // Once the grace period has passed (every token of the old key has expired), a later rotation retires it.
    const later = new Date(Date.now() + (RETIRING_KEY_GRACE_SECONDS + 60) * 1000);
    await rotateSigningKey(later);
    expect((await db().signingKey.findUniqueOrThrow({ where: { kid: oldKid } })).status).toBe("RETIRED");
    expect((await publishedJwks()).keys.map((k) => k.kid)).not.toContain(oldKid);
    const refused = await verifyAccessTokenSignature(before.token).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidAccessToken);
  });
});
