// SCIM 2.0 discovery: what this service provider supports (RFC 7644 4). No token needed. Thin: lib/scim.
import { env } from "@/lib/env";
import { serviceProviderConfig } from "@/lib/scim/discovery";
import { scimBaseUrl, scimJson } from "@/lib/scim/http";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return scimJson(serviceProviderConfig(scimBaseUrl(), `${env().consoleUrl}/docs/single-sign-on`));
}
