// SCIM 2.0 Groups collection (RFC 7644): list with filter, create. Thin: lib/scim.
import { createScimGroup, listScimGroups } from "@/lib/scim/groups";
import { scimCollectionRoutes } from "../resource-routes";

export const dynamic = "force-dynamic";

export const { GET, POST } = scimCollectionRoutes({ list: listScimGroups, create: createScimGroup });
