import "server-only";
// The API catalog and entitlements: which APIs a company may use. An API marked openToAll is usable
// by every company unless the platform administrator set an override for that company.
import { db, type DbOrTx } from "../db";

export interface ApiSummary {
  id: string;
  slug: string;
  name: string;
  version: string;
  summary: string;
  status: string;
}

const summarySelect = { id: true, slug: true, name: true, version: true, summary: true, status: true } as const;

/** The Prisma filter for "APIs this company may use" (published or deprecated, not retired). */
export function entitledWhere(companyId: string) {
  return {
    status: { not: "RETIRED" },
    OR: [
      { openToAll: true, companyAccess: { none: { companyId, allowed: false } } },
      { companyAccess: { some: { companyId, allowed: true } } },
    ],
  };
}

export async function listEntitledApis(companyId: string, client: DbOrTx = db()): Promise<ApiSummary[]> {
  return client.api.findMany({ where: entitledWhere(companyId), select: summarySelect, orderBy: { name: "asc" } });
}

export async function listAllApis(client: DbOrTx = db()): Promise<ApiSummary[]> {
  return client.api.findMany({ select: summarySelect, orderBy: { name: "asc" } });
}

/** True when the company may use every one of the APIs (by id). */
export async function companyMayUse(companyId: string, apiIds: string[], client: DbOrTx = db()): Promise<boolean> {
  if (apiIds.length === 0) return true;
  const count = await client.api.count({ where: { AND: [{ id: { in: apiIds } }, entitledWhere(companyId)] } });
  return count === new Set(apiIds).size;
}
