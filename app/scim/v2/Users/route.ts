// SCIM 2.0 Users collection (RFC 7644): list with filter, create. Thin: lib/scim.
import { createScimUser, listScimUsers } from "@/lib/scim/users";
import { scimCollectionRoutes } from "../resource-routes";

export const dynamic = "force-dynamic";

export const { GET, POST } = scimCollectionRoutes({ list: listScimUsers, create: createScimUser });
