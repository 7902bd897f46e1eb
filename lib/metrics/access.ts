import "server-only";
// Who may see which usage: an app's (its developer, or a DA of its company), a company's (its DAs),
// every company's or an API's (the platform administrator). Anything else is not found.
import { db } from "../db";
import { AppError } from "../errors";
import { can } from "../permissions";
import type { Viewer } from "../server/session";
import type { UsageScope } from "./queries";

export interface ResolvedScope {
  scope: UsageScope;
  title: string;
  filename: string;
}

const notFound = () => new AppError("not_found", "No such usage report.");

export async function resolveUsageScope(viewer: Viewer, q: { app?: string | null; company?: string | null; api?: string | null; all?: string | null }): Promise<ResolvedScope> {
  if (q.app) {
    const app = await db().app.findUnique({ where: { id: q.app }, select: { id: true, name: true, companyId: true, createdById: true } });
    if (!app) throw notFound();
    const active = viewer.active;
    const mayCompany = active?.companyId === app.companyId && can(active.roles, "apps.read.company");
    const mayOwn = active?.companyId === app.companyId && can(active.roles, "apps.read.own") && app.createdById === viewer.user.id;
    if (!(viewer.user.isPlatformAdmin || mayCompany || mayOwn)) throw notFound();
    return { scope: { appId: app.id }, title: app.name, filename: `usage-${app.id}` };
  }
  if (q.company === "current") {
    const active = viewer.active;
    if (!active || !can(active.roles, "usage.read.company")) throw notFound();
    return { scope: { companyId: active.companyId }, title: active.companyName, filename: `usage-${active.companyId}` };
  }
  if (!viewer.user.isPlatformAdmin) throw notFound();
  if (q.company) {
    const company = await db().company.findUnique({ where: { id: q.company }, select: { id: true, name: true } });
    if (!company) throw notFound();
    return { scope: { companyId: company.id }, title: company.name, filename: `usage-${company.id}` };
  }
  if (q.api) {
    const api = await db().api.findUnique({ where: { id: q.api }, select: { id: true, name: true } });
    if (!api) throw notFound();
    return { scope: { apiId: api.id }, title: api.name, filename: `usage-${api.id}` };
  }
  return { scope: { all: true }, title: "All companies", filename: "usage-all" };
}

/** Companies and APIs for the platform administrator's filters. */
export async function usageFilterOptions() {
  const [companies, apis] = await Promise.all([
    db().company.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db().api.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { companies, apis };
}
