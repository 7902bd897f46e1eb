// DPoP proofs (RFC 9449): method, URL, iat window, ath, key binding, and jti replay in the memory store
// and (with TEST_REDIS_URL) the Redis store shared by instances.
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { rejectionOf } from "../../tests/assertions";
import { accessTokenHash, InvalidDpopProof, useJtiStoreForTests, verifyDpopProof } from "./dpop";

const URL_ = "https://console.example/api/hello";

async function proof(keys: CryptoKeyPair, claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}) {
  return new SignJWT({ htm: "GET", htu: URL_, jti: randomUUID(), iat: Math.floor(Date.now() / 1000), ...claims })
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: await exportJWK(keys.publicKey), ...header })
    .sign(keys.privateKey);
}

const reason = async (p: Promise<unknown>) => (await rejectionOf(p, InvalidDpopProof)).message;

const stores: [string, string | null][] = [["memory", null]];
if (process.env.TEST_REDIS_URL) stores.push(["redis", process.env.TEST_REDIS_URL]);

afterAll(() => useJtiStoreForTests(null));

describe.each(stores)("DPoP proofs (%s jti store)", (_name, redisUrl) => {
  it("accepts a proof once for its method, URL, token and key", async () => {
    useJtiStoreForTests(redisUrl);
    const keys = await generateKeyPair("ES256");
    const p = await proof(keys, { ath: accessTokenHash("tok") }, {});
    const { jkt } = await verifyDpopProof(p, { method: "GET", url: `${URL_}?x=1`, accessToken: "tok" });
    expect(jkt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await reason(verifyDpopProof(p, { method: "GET", url: URL_, accessToken: "tok" }))).toContain("jti");
    expect(
      await reason(
        verifyDpopProof(await proof(keys, { ath: accessTokenHash("tok") }), {
          method: "GET",
          url: URL_,
          accessToken: "tok",
          jkt: "someone-else",
        }),
      ),
    ).toContain("another key");
  });

  it("refuses another method, URL, an old iat, a missing ath, a private key in the header", async () => {
    useJtiStoreForTests(redisUrl);
    const keys = await generateKeyPair("ES256", { extractable: true });
    expect(await reason(verifyDpopProof(await proof(keys, { htm: "POST" }), { method: "GET", url: URL_ }))).toContain("htm");
    expect(
      await reason(verifyDpopProof(await proof(keys, { htu: "https://console.example/api/other" }), { method: "GET", url: URL_ })),
    ).toContain("htu");
    expect(
      await reason(verifyDpopProof(await proof(keys, { iat: Math.floor(Date.now() / 1000) - 120 }), { method: "GET", url: URL_ })),
    ).toContain("iat");
    expect(await reason(verifyDpopProof(await proof(keys), { method: "GET", url: URL_, accessToken: "tok" }))).toContain("ath");
    const priv = await exportJWK(keys.privateKey);
    expect(await reason(verifyDpopProof(await proof(keys, {}, { jwk: priv }), { method: "GET", url: URL_ }))).toContain("public key");
    expect(await reason(verifyDpopProof("a.b.c", { method: "GET", url: URL_ }))).toContain("malformed");
  });
});
