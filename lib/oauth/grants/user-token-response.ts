import "server-only";
import type { AuthenticatedClient } from "../clients";
import type { DpopBinding } from "../dpop";
import { signIdToken } from "../id-token";
import { claimsFor, type ClaimSource } from "../oidc-claims";
import { audienceFor } from "../resources";
import { signAccessToken, type TokenResponseBody, tokenResponseBody } from "../tokens";

/**
 * The token response of a grant a person approved (authorization code, device code) once its grant row
 * exists: the access token for the resources (bound to the DPoP key when one was shown), the refresh
 * token when one was issued, and with the openid scope an ID token about the person.
 */
export async function userTokenResponse(input: {
  client: AuthenticatedClient;
  user: ClaimSource;
  subject: string;
  scope: string[];
  resources: string[];
  grantId: string;
  refreshToken?: string;
  dpop?: DpopBinding;
  authTime: Date | null;
  nonce?: string | null;
}): Promise<TokenResponseBody> {
  const { client, scope, dpop } = input;
  const access = await signAccessToken({
    clientId: client.clientId,
    subject: input.subject,
    scope,
    grantId: input.grantId,
    audience: audienceFor(input.resources),
    jkt: dpop?.jkt,
  });
  const body = tokenResponseBody(access, scope, input.refreshToken, dpop ? "DPoP" : "Bearer");
  if (scope.includes("openid")) {
    body.id_token = await signIdToken({
      clientId: client.clientId,
      subject: input.subject,
      authTime: input.authTime,
      nonce: input.nonce,
      accessToken: access.token,
      claims: claimsFor(input.user, scope),
    });
  }
  return body;
}
