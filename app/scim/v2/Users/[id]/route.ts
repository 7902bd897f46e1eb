// One SCIM 2.0 User (RFC 7644): read, PATCH (Entra and Okta shapes), PUT, DELETE. Thin: lib/scim.
import { deleteScimUser, getScimUser, patchScimUser, replaceScimUser } from "@/lib/scim/users";
import { scimResourceRoutes } from "../../resource-routes";

export const dynamic = "force-dynamic";

export const { GET, PATCH, PUT, DELETE } = scimResourceRoutes({
  get: getScimUser,
  patch: patchScimUser,
  replace: replaceScimUser,
  remove: deleteScimUser,
});
