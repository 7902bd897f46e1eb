import "server-only";
import { andThen, type MaybePromise } from "../../runtime/maybe-sync";
// RFC 6749 4.4: the app acting for itself. Stateless: nothing is written; the JWT is the token, and it
// can be revoked by its jti. Never a refresh token.
import type { AuthenticatedClient } from "../clients";
import type { DpopBinding } from "../dpop";
import { OAuthError } from "../errors";
import type { Params } from "../params";
import { audienceFor, checkResources, scopeForResources } from "../resources";
import { type AccessTokenInput, resolveScope, signAccessToken, type TokenResponseBody, tokenResponseBody } from "../tokens";

/** The checks of the grant (scope, RFC 8707 resource) and what the token will say; throws OAuthError. */
function grantedToken(client: AuthenticatedClient, params: Params, dpop?: DpopBinding): AccessTokenInput {
  const asked = resolveScope(params.get("scope"), client.apiSlugs);
  if (!asked) throw new OAuthError("invalid_scope", "The app may ask only for the APIs it subscribes to.");
  // RFC 8707: a resource names the API the token is for (its audience); the scope narrows to it.
  const resources = params.get("resource") ? [params.get("resource")!] : [];
  const problem = checkResources(resources, client);
  if (problem) throw new OAuthError("invalid_target", problem);
  const scope = scopeForResources(asked, resources);
  return { clientId: client.clientId, subject: client.clientId, scope, audience: audienceFor(resources), jkt: dpop?.jkt };
}

/** The grant: at once (no promise) while the signing key is cached. */
export function clientCredentialsGrant(client: AuthenticatedClient, params: Params, dpop?: DpopBinding): MaybePromise<TokenResponseBody> {
  const input = grantedToken(client, params, dpop);
  return andThen(signAccessToken(input), (access) => tokenResponseBody(access, input.scope, undefined, dpop ? "DPoP" : "Bearer"));
}
