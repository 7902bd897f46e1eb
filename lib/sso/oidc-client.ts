import "server-only";
// openid-client 6 configurations of the companies' OpenID providers: discovery, client_secret_basic,
// http only for a provider on a loopback host. Kept five minutes per connection (forgotten on change).
import * as oidc from "openid-client";

const TTL_MS = 5 * 60_000;
// Per module copy, not a process singleton: Next bundles openid-client into each entry (server actions,
// route handlers), and a Configuration is checked with instanceof against its own copy. A change of
// issuer, client or secret changes the key, so a stale entry is never used for a changed connection.
const cache = new Map<string, { at: number; key: string; config: oidc.Configuration }>(); // memo: per copy, see above

export async function discoverIssuer(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const url = new URL(issuer);
  const insecure = url.protocol === "http:";
  return oidc.discovery(url, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    timeout: 10,
  });
}

export async function configurationFor(connection: {
  id: string;
  issuer: string | null;
  clientId: string | null;
  clientSecret: string | null;
}) {
  if (!connection.issuer || !connection.clientId || !connection.clientSecret) throw new Error("incomplete OpenID Connect connection");
  const key = `${connection.issuer}\n${connection.clientId}\n${connection.clientSecret}`;
  const hit = cache.get(connection.id);
  if (hit && hit.key === key && Date.now() - hit.at < TTL_MS) return hit.config;
  const config = await discoverIssuer(connection.issuer, connection.clientId, connection.clientSecret);
  cache.set(connection.id, { at: Date.now(), key, config });
  return config;
}

export function forgetConfiguration(connectionId: string): void {
  cache.delete(connectionId);
}

export { oidc };
