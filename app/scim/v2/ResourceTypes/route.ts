// SCIM 2.0 discovery: the resource types, User and Group (RFC 7644 4). No token needed. Thin: lib/scim.
import { resourceTypes } from "@/lib/scim/discovery";
import { scimBaseUrl, scimJson } from "@/lib/scim/http";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return scimJson(resourceTypes(scimBaseUrl()));
}
