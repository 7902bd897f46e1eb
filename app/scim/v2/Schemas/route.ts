// SCIM 2.0 discovery: the User and Group schemas as this console keeps them (RFC 7644 4). Thin: lib/scim.
import { schemas } from "@/lib/scim/discovery";
import { scimBaseUrl, scimJson } from "@/lib/scim/http";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return scimJson(schemas(scimBaseUrl()));
}
