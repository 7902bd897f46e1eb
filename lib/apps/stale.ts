import "server-only";
// Stale apps: an ACTIVE app that got no token for CONSOLE_STALE_APP_DAYS (default 90) days — judged
// from App.lastUsedAt (lib/apps/last-used.ts), or from its registration when it never got one. The
// company's apps page marks them "Stale"; a Delegated Administrator may "Deactivate stale apps" (each
// app INACTIVE, its tokens revoked, one audit entry app.deactivated per app, which sends the webhook
// event app.suspended); the weekly job "stale-apps-digest" mails each company's Delegated
// Administrators the list. `now` is a parameter everywhere, so tests move the clock.
import { writeAudit } from "../audit";
import { invalidate } from "../cache";
import { type Person, requireCompanyRole } from "../companies/guards";
import { db, type DbOrTx } from "../db";
import { env } from "../env";
import { mailNoticeToEach } from "../mail/notices";
import type { RequestContext } from "../server/request-context";
import { revokeTokens } from "./manage-app";

const DAY_MS = 86_400_000;

/** Apps with no token since before this instant are stale. */
export function staleCutoff(now = new Date(), days = env().staleAppDays): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Pure: is this app stale at `now`? */
export function isStaleApp(
  app: { status: string; lastUsedAt: Date | null; createdAt: Date },
  now = new Date(),
  days = env().staleAppDays,
): boolean {
  return app.status === "ACTIVE" && (app.lastUsedAt ?? app.createdAt).getTime() < staleCutoff(now, days).getTime();
}

/** The Prisma filter of a company's stale apps (the same rule as isStaleApp). */
export function staleWhere(companyId: string, now = new Date()) {
  const cutoff = staleCutoff(now);
  return {
    companyId,
    status: "ACTIVE",
    OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAt: { lt: cutoff } }],
  };
}

/** How many apps of the company are stale (the page's "Deactivate stale apps" says how many). */
export async function countStaleApps(actor: Person, companyId: string, now = new Date()): Promise<number> {
  await requireCompanyRole(db(), actor, companyId, "apps.read.company");
  return db().app.count({ where: staleWhere(companyId, now) });
}

/**
 * "Deactivate stale apps": every stale app of the company becomes INACTIVE (no tokens; those it holds are
 * revoked), each with its own audit entry. Returns the names deactivated.
 */
export async function deactivateStaleApps(
  actor: Person,
  companyId: string,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<{ names: string[] }> {
  await requireCompanyRole(db(), actor, companyId, "apps.manage.company");
  const result = await db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "apps.manage.company");
    const apps = await tx.app.findMany({
      where: staleWhere(companyId, now),
      select: { id: true, clientId: true, name: true, lastUsedAt: true },
      orderBy: { name: "asc" },
      take: 1000,
    });
    const done: { clientId: string; name: string }[] = [];
    for (const app of apps) {
      const claimed = await tx.app.updateMany({ where: { id: app.id, status: "ACTIVE" }, data: { status: "INACTIVE" } });
      if (claimed.count !== 1) continue;
      const revoked = await revokeTokens(tx, app.id, "app_deactivated", now);
      await writeAudit(
        tx,
        actor,
        {
          event: "app.deactivated",
          targetType: "app",
          targetId: app.id,
          companyId,
          metadata: {
            from: "ACTIVE",
            to: "INACTIVE",
            reason: "stale",
            lastUsedAt: app.lastUsedAt?.toISOString() ?? null,
            staleAfterDays: env().staleAppDays,
            ...revoked,
          },
        },
        ctx,
      );
      done.push(app);
    }
    return done;
  });
  if (result.length) invalidate("apps", { clientIds: result.map((a) => a.clientId) });
  return { names: result.map((a) => a.name) };
}

async function companiesWithStaleApps(client: DbOrTx, now: Date): Promise<string[]> {
  const cutoff = staleCutoff(now);
  const rows = await client.app.findMany({
    where: { status: "ACTIVE", OR: [{ lastUsedAt: { lt: cutoff } }, { lastUsedAt: null, createdAt: { lt: cutoff } }] },
    distinct: ["companyId"],
    select: { companyId: true },
  });
  return rows.map((r) => r.companyId);
}

/** The weekly job: each company with stale apps mails its Delegated Administrators the list (at most 50 named). */
export async function mailStaleAppDigest(now = new Date()): Promise<{ companies: number; mails: number }> {
  let companies = 0;
  let mails = 0;
  for (const companyId of await companiesWithStaleApps(db(), now)) {
    const company = await db().company.findUnique({ where: { id: companyId }, select: { name: true, status: true } });
    if (!company || company.status !== "ACTIVE") continue;
    const where = staleWhere(companyId, now);
    const [count, apps] = await Promise.all([
      db().app.count({ where }),
      db().app.findMany({
        where,
        orderBy: { name: "asc" },
        take: 50,
        select: { name: true, lastUsedAt: true, createdBy: { select: { email: true } } },
      }),
    ]);
    const das = await db().user.findMany({
      where: {
        status: "ACTIVE",
        noticesEnabled: true,
        emailVerifiedAt: { not: null },
        memberships: { some: { companyId, roles: { some: { role: "DELEGATED_ADMIN" } } } },
      },
      select: { email: true, name: true },
    });
    if (!das.length) continue;
    companies++;
    await db().$transaction(async (tx) => {
      mails += await mailNoticeToEach(tx, "notice", das, {
        subject: `${count} app${count === 1 ? "" : "s"} of ${company.name} got no token for ${env().staleAppDays} days`,
        lines: [
          `These apps of ${company.name} are active but got no token for ${env().staleAppDays} days or more. If nobody needs them, deactivate them with "Deactivate stale apps" on the company's apps page: an unused credential is one less to leak.`,
          ...apps.map(
            (a) => `• ${a.name} (${a.createdBy?.email ?? "no owner"}) — last token: ${a.lastUsedAt ? a.lastUsedAt.toUTCString() : "never"}`,
          ),
          ...(count > apps.length ? [`… and ${count - apps.length} more.`] : []),
        ],
        linkPath: "/company/apps",
      });
    });
  }
  return { companies, mails };
}
