// The baseline for bench/token-endpoint.ts: oidc-provider 9 issuing JWT access tokens (ES256, like the
// console) for client_credentials with client_secret_basic, on a loopback port. Run as a child process
// so the load generator does not share its event loop. Prints "ready" when listening.
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

const port = Number(process.env.BENCH_OIDC_PORT ?? 3990);
const clientId = process.env.BENCH_CLIENT_ID ?? "bench-client";
const clientSecret = process.env.BENCH_CLIENT_SECRET ?? "bench-secret-0123456789-abcdefghijklmnop";
const issuer = `http://127.0.0.1:${port}`;
const audience = `${issuer}/api`;

const { privateKey } = await generateKeyPair("ES256", { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: "bench-es256", alg: "ES256", use: "sig" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "ES256",
    },
  ],
  jwks: { keys: [jwk] },
  scopes: ["hello"],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: "hello",
        audience,
        accessTokenTTL: 3600,
        accessTokenFormat: "jwt",
        jwt: { sign: { alg: "ES256" } },
      }),
    },
  },
});
provider.on("server_error", (_ctx: unknown, error: Error) => console.error("[oidc-provider]", error));
provider.listen(port, "127.0.0.1", () => console.log("ready"));
