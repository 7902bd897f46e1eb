// Keys instead of secrets: a developer switches an app to "Private key JWT" on its Settings tab with a
// pasted JWKS; the app then gets tokens with a signed client assertion (RFC 7523) at the real server's
// token endpoint (its fast path), its old Client Secret stops working, and the Overview says why it has none.
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { basicHeader } from "../tests/factories/oauth";
import { expect, test } from "./fixtures/test";
import { registerHelloApp } from "./support/apps";

const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

test("a developer switches an app to Private key JWT with a pasted JWKS, then it gets a token with a signed assertion", async ({
  member,
  baseURL,
}) => {
  const dev = await member(["API_DEVELOPER"], { name: "Key Dev" });
  const { clientId, secret, appId } = await registerHelloApp(dev.page, `Key App ${Date.now().toString(36)}`);
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = "e2e-key-1";
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" }] };

  await dev.page.goto(`/apps/${appId}/settings`);
  const section = dev.page.getByRole("region", { name: "Client authentication" });
  await section.getByLabel("Client authentication").selectOption({ label: "Private key JWT" });
  await section.getByLabel("JWKS", { exact: true }).fill(JSON.stringify(jwks));
  await section.getByRole("button", { name: "Save client authentication" }).click();
  await expect(section.getByText("now authenticates with a private key JWT")).toBeVisible();
  // No secret to rotate any more; the Overview explains why there is no Client Secret.
  await expect(dev.page.getByRole("button", { name: "Rotate Client Secret" })).toHaveCount(0);
  await dev.page.goto(`/apps/${appId}`);
  await expect(dev.page.getByTestId("private-key-jwt-note")).toContainText("authenticates with a key");

  const issuer = new URL(baseURL!).origin;
  const meta = (await (await dev.request.get("/.well-known/openid-configuration")).json()) as Record<string, string[]>;
  expect(meta.token_endpoint_auth_methods_supported).toContain("private_key_jwt");

  const sign = () =>
    new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(`${issuer}/oauth2/token`)
      .setIssuedAt()
      .setExpirationTime("60s")
      .sign(privateKey);
  const assertion = await sign();
  const form = (value: string) =>
    new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: ASSERTION_TYPE, client_assertion: value }).toString();
  const tokenRes = await dev.request.post("/oauth2/token", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: form(assertion),
  });
  expect(tokenRes.status()).toBe(200);
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const hello = await dev.request.get("/api/hello", { headers: { authorization: `Bearer ${access_token}` } });
  expect(hello.status()).toBe(200);

  // The same assertion again (its jti) is refused, and so is the old Client Secret.
  const replay = await dev.request.post("/oauth2/token", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: form(assertion),
  });
  expect(replay.status()).toBe(401);
  expect(((await replay.json()) as { error: string }).error).toBe("invalid_client");
  const withSecret = await dev.request.post("/oauth2/token", {
    headers: { authorization: basicHeader(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials",
  });
  expect(withSecret.status()).toBe(401);

  // The switch is in the app's activity.
  await dev.page.goto(`/apps/${appId}/activity`);
  await expect(dev.page.getByTestId("app-activity")).toContainText("authenticate with a private key JWT");
});
