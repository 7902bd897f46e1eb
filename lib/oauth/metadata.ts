import "server-only";
// RFC 8414 authorization server metadata, built from the same endpoint table the routes serve.
import { db } from "../db";
import { ENDPOINTS, SIGNING_ALG, TOKEN_GRANT_TYPES, issuer } from "./config";

/** Scopes are the slugs of the catalog's APIs (an app may ask for those it subscribes to). */
export async function authorizationServerMetadata(): Promise<Record<string, unknown>> {
  const base = issuer();
  const apis = await db().api.findMany({ where: { status: { not: "RETIRED" } }, select: { slug: true }, orderBy: { slug: "asc" } });
  return {
    issuer: base,
    authorization_endpoint: base + ENDPOINTS.authorization,
    token_endpoint: base + ENDPOINTS.token,
    revocation_endpoint: base + ENDPOINTS.revocation,
    introspection_endpoint: base + ENDPOINTS.introspection,
    jwks_uri: base + ENDPOINTS.jwks,
    registration_endpoint: base + ENDPOINTS.registration,
    grant_types_supported: [...TOKEN_GRANT_TYPES, "implicit"],
    response_types_supported: ["code", "token"],
    response_modes_supported: ["query", "fragment"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    access_token_signing_alg_values_supported: [SIGNING_ALG],
    scopes_supported: apis.map((a) => a.slug),
    service_documentation: `${base}/apis`,
  };
}
