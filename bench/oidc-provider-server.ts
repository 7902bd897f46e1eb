// The baseline for bench/token-endpoint.ts: oidc-provider 9 issuing JWT access tokens (ES256, like the
// console) for client_credentials with client_secret_basic, on a loopback port. Run as a child process
// so the load generator does not share its event loop. Prints "ready" when listening.
import { benchProvider } from "./oidc-provider-baseline";

const { provider, port } = await benchProvider({
  defaultPort: 3990,
  defaultClientId: "bench-client",
  client: { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] },
  features: { clientCredentials: { enabled: true } },
});
provider.listen(port, "127.0.0.1", () => console.log("ready"));
