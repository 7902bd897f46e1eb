import "server-only";
// The "Getting started" cards: one per role the person holds, each a short list of steps checked off
// from what exists in the database (an app, its first token, its counted calls; a developer added, a
// two-step policy saved; a company, a catalog change, an API with an Upstream URL), never from clicks.
// A card shows until all its steps are done or the person dismisses it (lib/onboarding/dismiss.ts).
import { HELLO_API_SLUG } from "../apis/defaults";
import { db } from "../db";
import { existsEach, placeholders } from "../db/exists";
import { env } from "../env";
import { can } from "../permissions";
import type { Viewer } from "../users/viewer";
import { dismissedGuides, type GuideId, parseDismissedGuides } from "./guide-ids";

export type { GuideId } from "./guide-ids";

export interface GuideStep {
  id: string;
  label: string;
  done: boolean;
  /** Where to do it. */
  href?: string;
  hint?: string;
}

export interface Guide {
  id: GuideId;
  title: string;
  steps: GuideStep[];
  done: boolean;
  /** The developer's card: the curl that gets a token for their first app (never its secret). */
  tokenCurl?: { clientId: string; command: string; appName: string };
}

/** The placeholder the curl shows where the Client Secret goes: the page never prints a secret. */
export const CLIENT_SECRET_PLACEHOLDER = "YOUR_CLIENT_SECRET";

const finish = (id: GuideId, title: string, steps: GuideStep[], extra: Partial<Guide> = {}): Guide => ({
  id,
  title,
  steps,
  done: steps.every((s) => s.done),
  ...extra,
});

/** The curl for the client_credentials grant at CONSOLE_URL/oauth2/token, with the Client ID and a placeholder for the secret. */
export function tokenCurlFor(clientId: string): string {
  return `curl -u "${clientId}:${CLIENT_SECRET_PLACEHOLDER}" -d grant_type=client_credentials ${env().consoleUrl}/oauth2/token`;
}

/** The API Developer's steps, for their own apps in the company they act for. */
export async function developerGuide(userId: string, companyId: string): Promise<Guide> {
  const apps = await db().app.findMany({
    where: { companyId, createdById: userId },
    select: { id: true, clientId: true, name: true, grantTypes: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 50,
  });
  const ids = apps.map((a) => a.id);
  // One statement of EXISTS questions (lib/db/exists.ts): the card needs yes or no, not how many.
  const ofApps = `"appId" IN (${placeholders(ids.length)})`;
  const helloSuccess = {
    where: `${ofApps} AND "apiId" IN (SELECT "id" FROM "Api" WHERE "slug" = ?) AND "outcome" = ?`,
    values: [...ids, HELLO_API_SLUG, "success"],
  };
  const ever = ids.length
    ? await existsEach({
        firstToken: { from: `"AppMilestone"`, where: ofApps, values: ids },
        grant: { from: `"TokenGrant"`, where: ofApps, values: ids },
        helloCall: { from: `"UsageCounter"`, ...helloSuccess },
        helloRollup: { from: `"UsageRollup"`, ...helloSuccess },
        call: { from: `"UsageCounter"`, where: ofApps, values: ids },
        rollup: { from: `"UsageRollup"`, where: ofApps, values: ids },
      })
    : { firstToken: false, grant: false, helloCall: false, helloRollup: false, call: false, rollup: false };
  const counted = ever.call || ever.rollup;
  const machine = apps.find((a) => Array.isArray(a.grantTypes) && (a.grantTypes as unknown[]).includes("client_credentials")) ?? apps[0];
  const steps: GuideStep[] = [
    {
      id: "register",
      label: "Register an app",
      done: apps.length > 0,
      href: "/apps/register",
      hint: "Choose Client Credentials and the Hello API.",
    },
    // A counted call was made with a token, so it ticks this step too (apps seeded or called before the
    // first-token note existed).
    { id: "token", label: "Get a token", done: ever.firstToken || ever.grant || counted },
    {
      id: "call",
      label: "Make your first call",
      done: ever.helloCall || ever.helloRollup,
      href: machine ? `/apps/${machine.id}` : `/apis/${HELLO_API_SLUG}`,
      hint: "Use Try it on your app's page to call the Hello API, or send the token as a Bearer header to /api/hello.",
    },
    {
      id: "usage",
      label: "See it on Usage",
      done: counted,
      href: machine ? `/apps/${machine.id}/usage` : undefined,
    },
  ];
  return finish("developer", "Getting started", steps, {
    tokenCurl: machine ? { clientId: machine.clientId, command: tokenCurlFor(machine.clientId), appName: machine.name } : undefined,
  });
}

/** The Delegated Administrator's steps for the company they act for. */
export async function companyGuide(userId: string, companyId: string): Promise<Guide> {
  const saved = await existsEach({
    developer: {
      from: `"RoleAssignment" r JOIN "Membership" m ON m."id" = r."membershipId"`,
      where: `r."role" = ? AND m."companyId" = ? AND m."userId" <> ?`,
      values: ["API_DEVELOPER", companyId, userId],
    },
    // Saved either way (on or off): the policy's audit entry, since the secret lifetime shares its row.
    policy: { from: `"AuditLog"`, where: `"companyId" = ? AND "event" = ?`, values: [companyId, "company.two_factor_policy_changed"] },
  });
  // An invitation with the role counts too; read only while no developer is in (the step is done either way).
  const invited = saved.developer
    ? []
    : await db().invitation.findMany({ where: { companyId, status: "PENDING" }, select: { roles: true }, take: 100 });
  const invitedDeveloper = invited.some((i) => Array.isArray(i.roles) && (i.roles as unknown[]).includes("API_DEVELOPER"));
  return finish("company", "Getting started with your company", [
    {
      id: "developer",
      label: "Add a developer",
      done: saved.developer || invitedDeveloper,
      href: "/company/users",
      hint: "Add a colleague's email with the API Developer role.",
    },
    {
      id: "two-step",
      label: "Decide on two-step sign-in",
      done: saved.policy,
      href: "/company/security",
      hint: "Require it for everyone, or save the policy with it off.",
    },
  ]);
}

/** The platform administrator's steps. */
export async function platformGuide(): Promise<Guide> {
  const [companies, catalogChanges, gated] = await Promise.all([
    db().company.count(),
    db().auditLog.count({ where: { event: { in: ["api.created", "api.updated", "api.openapi_updated"] }, actorId: { not: null } } }),
    db().api.count({ where: { upstreamUrl: { not: null } } }),
  ]);
  return finish("platform", "Getting started with the console", [
    { id: "company", label: "Create a company", done: companies > 0, href: "/admin/companies", hint: "Name its Delegated Administrator." },
    {
      id: "catalog",
      label: "Review the catalog",
      done: catalogChanges > 0,
      href: "/admin/apis",
      hint: "Add an API, or change one's access, plans or documentation.",
    },
    {
      id: "gateway",
      label: "Put an API behind the gateway",
      done: gated > 0,
      href: "/admin/apis",
      hint: "Give an API an Upstream URL; calls then go through CONSOLE_URL/gateway/<slug>/.",
    },
  ]);
}

/**
 * The card shown on a page, or null: `which` names the page's role (My Applications: developer;
 * company pages: company; the admin home: platform). Null when the person lacks that role, finished
 * every step, or dismissed it.
 */
export async function guideFor(viewer: Viewer, which: GuideId): Promise<Guide | null> {
  // The viewer's own read of the account carries the dismissed cards (lib/users/viewer.ts): no query here.
  const dismissed =
    viewer.user.guidesDismissed !== undefined ? parseDismissedGuides(viewer.user.guidesDismissed) : await dismissedGuides(viewer.user.id);
  if (dismissed.has(which)) return null;
  const company = viewer.active;
  let guide: Guide | null = null;
  if (which === "developer" && company && can(company.roles, "apps.register"))
    guide = await developerGuide(viewer.user.id, company.companyId);
  if (which === "company" && company && company.roles.includes("DELEGATED_ADMIN"))
    guide = await companyGuide(viewer.user.id, company.companyId);
  if (which === "platform" && viewer.user.isPlatformAdmin) guide = await platformGuide();
  return guide;
}
