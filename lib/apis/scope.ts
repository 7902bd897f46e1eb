import "server-only";
import { can, canPlatform } from "../permissions";
import type { Viewer } from "../users/viewer";
import type { CatalogScope } from "./catalog";

/** The part of the catalog a viewer may browse, or null (the page then answers 404). */
export function catalogScopeFor(viewer: Viewer): CatalogScope | null {
  if (canPlatform(viewer.user, "catalog.read")) return { kind: "platform" };
  if (viewer.active && can(viewer.active.roles, "apis.read")) return { kind: "company", companyId: viewer.active.companyId };
  return null;
}
