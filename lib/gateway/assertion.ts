import "server-only";
// X-Console-Assertion: who is calling, for the upstream, signed with the console's signing key (the
// one published at the JWKS endpoint), so the upstream trusts it without calling back. typ
// gateway+jwt, lifetime 60 s, aud = the API's gateway base URL (CONSOLE_URL/gateway/<slug>).
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { env } from "../env";
import { issuer, SIGNING_ALG } from "../oauth/config";
import { signingKey } from "../oauth/keys";

export const ASSERTION_TYPE = "gateway+jwt";
export const ASSERTION_TTL_SECONDS = 60;

export function gatewayBaseUrl(slug: string): string {
  return `${env().consoleUrl}/gateway/${slug}`;
}

export interface AssertionSubject {
  clientId: string;
  companyId: string;
  subject: string;
  scope: string[];
}

export async function signGatewayAssertion(who: AssertionSubject, slug: string): Promise<string> {
  const { kid, key } = await signingKey();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ client_id: who.clientId, company_id: who.companyId, scope: who.scope.join(" ") })
    .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: ASSERTION_TYPE })
    .setIssuer(issuer())
    .setAudience(gatewayBaseUrl(slug))
    .setSubject(who.subject)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_TTL_SECONDS)
    .setJti(randomUUID())
    .sign(key);
}
