import "server-only";
// Which APIs of the catalog a company may use: an API marked openToAll is usable unless the platform
// administrator denies it to the company; any other API only when allowed (CompanyApiAccess). The
// effective answer always comes from lib/apis/catalog.ts entitledWhere(), the one definition.
import { entitledWhere } from "../apis/catalog";
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { db, type DbOrTx } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";
import { type ApiAccessChoice, apiAccessSchema, looksLikeId } from "../validation/companies";
import { NOT_FOUND_COMPANY, type Person, requirePlatformActor } from "./guards";

export interface ApiAccessRow {
  id: string;
  name: string;
  slug: string;
  status: string;
  openToAll: boolean;
  /** The platform administrator's word for this company, or "default" (the catalog's openToAll). */
  choice: ApiAccessChoice;
  /** Whether the company may use the API now. */
  effective: boolean;
}

export async function apiAccessOf(client: DbOrTx, companyId: string): Promise<ApiAccessRow[]> {
  const [apis, entitled] = await Promise.all([
    client.api.findMany({
      select: {
        id: true,
        name: true,
        slug: true,
        status: true,
        openToAll: true,
        companyAccess: { where: { companyId }, select: { allowed: true } },
      },
      orderBy: { name: "asc" },
    }),
    client.api.findMany({ where: entitledWhere(companyId), select: { id: true } }),
  ]);
  const ok = new Set(entitled.map((a) => a.id));
  return apis.map((a) => {
    const o = a.companyAccess[0];
    return {
      id: a.id,
      name: a.name,
      slug: a.slug,
      status: a.status,
      openToAll: a.openToAll,
      choice: o === undefined ? "default" : o.allowed ? "allow" : "deny",
      effective: ok.has(a.id),
    };
  });
}

/** Sets (or clears, with "default") the platform administrator's word on one API for one company. */
export async function setCompanyApiAccess(
  actor: Person,
  companyId: unknown,
  input: unknown,
  ctx?: RequestContext | null,
): Promise<{ api: string; choice: ApiAccessChoice; changed: boolean }> {
  const data = parseInput(apiAccessSchema, input);
  if (!looksLikeId(companyId, "cmp")) throw new AppError("not_found", NOT_FOUND_COMPANY);
  const result = await db().$transaction(async (tx) => {
    await requirePlatformActor(tx, actor, "companies.apis.manage");
    const company = await tx.company.findUnique({ where: { id: companyId }, select: { id: true } });
    if (!company) throw new AppError("not_found", NOT_FOUND_COMPANY);
    const api = await tx.api.findUnique({ where: { id: data.apiId }, select: { id: true, name: true, slug: true } });
    if (!api)
      throw new AppError("not_found", "That API was not found in the catalog.", {
        fieldErrors: { apiId: ["That API was not found in the catalog."] },
      });
    const key = { companyId_apiId: { companyId: company.id, apiId: api.id } };
    const before = await tx.companyApiAccess.findUnique({ where: key });
    const previous: ApiAccessChoice = before ? (before.allowed ? "allow" : "deny") : "default";
    if (previous === data.access) return { api: api.name, choice: previous, changed: false };
    if (data.access === "default") await tx.companyApiAccess.delete({ where: key });
    else {
      const allowed = data.access === "allow";
      await tx.companyApiAccess.upsert({
        where: key,
        create: { companyId: company.id, apiId: api.id, allowed, setById: actor.id },
        update: { allowed, setById: actor.id, setAt: new Date() },
      });
    }
    await writeAudit(
      tx,
      actor,
      {
        event: "company.api_access.changed",
        targetType: "api",
        targetId: api.id,
        companyId: company.id,
        metadata: { api: api.name, slug: api.slug, access: data.access, previous },
      },
      ctx,
    );
    return { api: api.name, choice: data.access, changed: true };
  });
  // Whether its apps may call the API changes at once (lib/cache: the token service's caches forget it).
  if (result.changed) invalidate("catalog");
  return result;
}
