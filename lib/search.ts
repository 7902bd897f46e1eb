import "server-only";
// One search: the guide's pages and headings (public) and, for a signed-in viewer who may read the
// catalog, the APIs of their scope. Both ranked and highlighted (lib/docs/search.ts, lib/apis/search.ts).
import { searchApis } from "./apis/catalog";
import { catalogScopeFor } from "./apis/scope";
import type { SearchHit } from "./apis/search";
import { searchGuide } from "./docs/content";
import type { DocHit } from "./docs/search";
import { getViewer } from "./server/session";

export interface SearchResultsData {
  docs: DocHit[];
  /** null when the viewer cannot read the catalog (signed out, or no company). */
  apis: SearchHit[] | null;
}

export async function searchEverything(q: string): Promise<SearchResultsData> {
  const viewer = await getViewer();
  const scope = viewer ? catalogScopeFor(viewer) : null;
  const [docs, apis] = await Promise.all([searchGuide(q), scope ? searchApis(scope, q) : Promise.resolve(null)]);
  return { docs, apis };
}
