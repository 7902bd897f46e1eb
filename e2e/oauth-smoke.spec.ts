import { expect, test } from "@playwright/test";
import { createApp } from "./fixtures/db";
import { callHello, clientCredentialsToken, validateAtApi } from "./fixtures/oauth";

test("smoke: client credentials token calls the Hello API", async () => {
  const app = await createApp({ grantTypes: ["client_credentials"] });
  const tokens = await clientCredentialsToken(app);
  expect(tokens.token_type).toBe("bearer");
  const claims = await validateAtApi(tokens.access_token);
  expect(claims.client_id).toBe(app.clientId);
  const res = await callHello(tokens.access_token);
  expect(res.status).toBe(200);
  console.log(await res.json());
});
