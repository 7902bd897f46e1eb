// What the two oidc-provider baselines share (bench/oidc-provider-server.ts for client_credentials,
// bench/oidc-provider-authcode-server.ts for the authorization code): one confidential client with
// client_secret_basic, an ES256 key like the console's, and ES256 JWT access tokens for the Hello API's
// audience through resource indicators. Each server adds its grant and features.
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export async function benchProvider(opts: {
  defaultPort: number;
  defaultClientId: string;
  /** The client's grant, response types and redirect URIs. */
  client: Record<string, unknown>;
  /** Provider settings beyond the shared ones (cookies, PKCE). */
  settings?: Record<string, unknown>;
  /** Features beyond the shared ones (the grant's). */
  features: Record<string, unknown>;
}) {
  const port = Number(process.env.BENCH_OIDC_PORT ?? opts.defaultPort);
  const clientId = process.env.BENCH_CLIENT_ID ?? opts.defaultClientId;
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
        ...opts.client,
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "ES256",
      },
    ],
    jwks: { keys: [jwk] },
    scopes: ["hello"],
    ...opts.settings,
    features: {
      devInteractions: { enabled: false },
      ...opts.features,
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
  return { provider, port, audience };
}
