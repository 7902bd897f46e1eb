// One SCIM 2.0 Group (RFC 7644): read, PATCH (Entra and Okta shapes), PUT, DELETE. Thin: lib/scim.
import { deleteScimGroup, getScimGroup, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";
import { scimResourceRoutes } from "../../resource-routes";

export const dynamic = "force-dynamic";

export const { GET, PATCH, PUT, DELETE } = scimResourceRoutes({
  get: getScimGroup,
  patch: patchScimGroup,
  replace: replaceScimGroup,
  remove: deleteScimGroup,
});
