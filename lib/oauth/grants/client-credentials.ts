import "server-only";
// RFC 6749 4.4: the app acting for itself. Stateless: nothing is written; the JWT is the token, and it
// can be revoked by its jti. Never a refresh token.
import type { AuthenticatedClient } from "../clients";
import { OAuthError } from "../errors";
import type { Params } from "../params";
import { resolveScope, signAccessToken, tokenResponseBody, type TokenResponseBody } from "../tokens";

export async function clientCredentialsGrant(client: AuthenticatedClient, params: Params): Promise<TokenResponseBody> {
  const scope = resolveScope(params.get("scope"), client.apiSlugs);
  if (!scope) throw new OAuthError("invalid_scope", "The app may ask only for the APIs it subscribes to.");
  const access = await signAccessToken({ clientId: client.clientId, subject: client.clientId, scope });
  return tokenResponseBody(access, scope);
}
