// One SCIM 2.0 Group (RFC 7644): read, PATCH (Entra and Okta shapes), PUT, DELETE. Thin: lib/scim.
import { deleteScimGroup as remove, getScimGroup as get, patchScimGroup as patch, replaceScimGroup as replace } from "@/lib/scim/groups";
import { scimResourceRoutes } from "../../resource-routes";

export const dynamic = "force-dynamic";

export const { GET, PATCH, PUT, DELETE } = scimResourceRoutes({ get, patch, replace, remove });
