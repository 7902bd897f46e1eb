import "server-only";
// RFC 8414 authorization server metadata and OpenID Connect Discovery 1.0, built from the same endpoint
// table the routes serve: both documents list every endpoint (userinfo, end session, device
// authorization, PAR) and feature (PKCE, iss, DPoP, resource indicators, public clients, private_key_jwt).
import { db } from "../db";
import { CLIENT_ASSERTION_ALGS } from "./client-assertion";
import { ENDPOINTS, issuer, SIGNING_ALG, TOKEN_GRANT_TYPES } from "./config";
import { DPOP_ALGS } from "./dpop";
import { SCOPE_CLAIMS } from "./oidc-claims";

const OIDC_SCOPES = ["openid", "profile", "email"];

/** Scopes are the slugs of the catalog's APIs (an app may ask for those it subscribes to) plus openid, profile, email. */
export async function authorizationServerMetadata(): Promise<Record<string, unknown>> {
  const base = issuer();
  const apis = await db().api.findMany({ where: { status: { not: "RETIRED" } }, select: { slug: true }, orderBy: { slug: "asc" } });
  const authMethods = ["client_secret_basic", "client_secret_post", "private_key_jwt", "none"];
  const assertionAlgs = [...CLIENT_ASSERTION_ALGS];
  return {
    issuer: base,
    authorization_endpoint: base + ENDPOINTS.authorization,
    token_endpoint: base + ENDPOINTS.token,
    userinfo_endpoint: base + ENDPOINTS.userinfo,
    jwks_uri: base + ENDPOINTS.jwks,
    revocation_endpoint: base + ENDPOINTS.revocation,
    introspection_endpoint: base + ENDPOINTS.introspection,
    pushed_authorization_request_endpoint: base + ENDPOINTS.pushedAuthorization,
    device_authorization_endpoint: base + ENDPOINTS.deviceAuthorization,
    end_session_endpoint: base + ENDPOINTS.endSession,
    registration_endpoint: base + ENDPOINTS.registration,
    grant_types_supported: [...TOKEN_GRANT_TYPES, "implicit"],
    response_types_supported: ["code", "token"],
    response_modes_supported: ["query", "fragment"],
    token_endpoint_auth_methods_supported: authMethods,
    token_endpoint_auth_signing_alg_values_supported: assertionAlgs,
    revocation_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_signing_alg_values_supported: assertionAlgs,
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "private_key_jwt"],
    introspection_endpoint_auth_signing_alg_values_supported: assertionAlgs,
    code_challenge_methods_supported: ["S256"],
    access_token_signing_alg_values_supported: [SIGNING_ALG],
    scopes_supported: [...OIDC_SCOPES, ...apis.map((a) => a.slug)],
    service_documentation: `${base}/apis`,
    // OpenID Connect
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    claims_supported: ["iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "azp", ...Object.values(SCOPE_CLAIMS).flat()],
    prompt_values_supported: ["none", "login", "consent"],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    // RFC 9126, RFC 9207, RFC 9449, RFC 8707
    require_pushed_authorization_requests: false,
    authorization_response_iss_parameter_supported: true,
    dpop_signing_alg_values_supported: [...DPOP_ALGS],
    resource_indicators_supported: true,
  };
}

/** OpenID Connect Discovery: the same document (one source of truth). */
export const openIdConfiguration = authorizationServerMetadata;
