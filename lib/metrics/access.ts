import "server-only";
// Who may see which usage: an app's (whoever may see the app: lib/apps/access.ts, the one rule), a
// company's (its DAs), every company's, an API's or any app's (the platform administrator:
// usage.read.all). Anything else is not found.
import { appActorFor, appFor } from "../apps/access";
import { db } from "../db";
import { AppError } from "../errors";
import { can, canPlatform } from "../permissions";
import type { Viewer } from "../users/viewer";
import type { UsageScope } from "./queries";

export interface ResolvedScope {
  scope: UsageScope;
  title: string;
  filename: string;
}

const notFound = () => new AppError("not_found", "No such usage report.");

export async function resolveUsageScope(
  viewer: Viewer,
  q: { app?: string | null; company?: string | null; api?: string | null; all?: string | null },
): Promise<ResolvedScope> {
  const platform = canPlatform(viewer.user, "usage.read.all");
  if (q.app) {
    const app = platform
      ? await db().app.findUnique({ where: { id: q.app }, select: { id: true, name: true } })
      : await visibleApp(viewer, q.app);
    if (!app) throw notFound();
    return { scope: { appId: app.id }, title: app.name, filename: `usage-${app.id}` };
  }
  if (q.company === "current") {
    const active = viewer.active;
    if (!active || !can(active.roles, "usage.read.company")) throw notFound();
    return { scope: { companyId: active.companyId }, title: active.companyName, filename: `usage-${active.companyId}` };
  }
  if (!platform) throw notFound();
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

/** The app when the viewer may see it in their active company (apps.read.own / apps.read.company), else null. */
async function visibleApp(viewer: Viewer, appId: string): Promise<{ id: string; name: string } | null> {
  const actor = appActorFor(viewer);
  if (!actor) return null;
  const find = (where: { id: string; companyId: string }) =>
    db().app.findFirst({ where, select: { id: true, name: true, companyId: true, createdById: true } });
  try {
    return await appFor(find, actor, appId, "view");
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

/** Companies and APIs for the platform administrator's filters. */
export async function usageFilterOptions() {
  const [companies, apis] = await Promise.all([
    db().company.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }),
    db().api.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { companies, apis };
}
