// One SCIM 2.0 User (RFC 7644): read, PATCH (Entra and Okta shapes), PUT, DELETE. Thin: lib/scim.
import { deleteScimUser as remove, getScimUser as get, patchScimUser as patch, replaceScimUser as replace } from "@/lib/scim/users";
import { scimResourceRoutes } from "../../resource-routes";

export const dynamic = "force-dynamic";

export const { GET, PATCH, PUT, DELETE } = scimResourceRoutes({ get, patch, replace, remove });
