import "server-only";
import { can } from "../permissions";
import type { Viewer } from "../server/session";
import type { CatalogScope } from "./catalog";

/** The part of the catalog a viewer may browse, or null (the page then answers 404). */
export function catalogScopeFor(viewer: Viewer): CatalogScope | null {
  if (viewer.user.isPlatformAdmin) return { kind: "platform" };
  if (viewer.active && can(viewer.active.roles, "apis.read")) return { kind: "company", companyId: viewer.active.companyId };
  return null;
}
