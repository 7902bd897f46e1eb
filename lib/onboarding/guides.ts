import "server-only";
// The "Getting started" cards: one per role the person holds, each a short list of steps checked off
// from what exists in the database (an app, its first token, its counted calls; a developer added, a
// two-step policy saved; a company, a catalog change, an API with an Upstream URL), never from clicks.
// A card shows until all its steps are done or the person dismisses it (lib/onboarding/dismiss.ts).
import { HELLO_API_SLUG } from "../apis/defaults";
import { db } from "../db";
import { env } from "../env";
import { can } from "../permissions";
import type { Viewer } from "../users/viewer";
import { dismissedGuides, type GuideId } from "./guide-ids";

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
  const hello = await db().api.findUnique({ where: { slug: HELLO_API_SLUG }, select: { id: true } });
  const [milestones, grants, helloCalls, helloRollups, anyCalls, anyRollups] = ids.length
    ? await Promise.all([
        db().appMilestone.count({ where: { appId: { in: ids } } }),
        db().tokenGrant.count({ where: { appId: { in: ids } } }),
        hello ? db().usageCounter.count({ where: { appId: { in: ids }, apiId: hello.id, outcome: "success" } }) : 0,
        hello ? db().usageRollup.count({ where: { appId: { in: ids }, apiId: hello.id, outcome: "success" } }) : 0,
        db().usageCounter.count({ where: { appId: { in: ids } } }),
        db().usageRollup.count({ where: { appId: { in: ids } } }),
      ])
    : [0, 0, 0, 0, 0, 0];
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
    { id: "token", label: "Get a token", done: milestones + grants + anyCalls + anyRollups > 0 },
    {
      id: "call",
      label: "Make your first call",
      done: helloCalls + helloRollups > 0,
      href: machine ? `/apps/${machine.id}` : `/apis/${HELLO_API_SLUG}`,
      hint: "Use Try it on your app's page to call the Hello API, or send the token as a Bearer header to /api/hello.",
    },
    {
      id: "usage",
      label: "See it on Usage",
      done: anyCalls + anyRollups > 0,
      href: machine ? `/apps/${machine.id}/usage` : undefined,
    },
  ];
  return finish("developer", "Getting started", steps, {
    tokenCurl: machine ? { clientId: machine.clientId, command: tokenCurlFor(machine.clientId), appName: machine.name } : undefined,
  });
}

/** The Delegated Administrator's steps for the company they act for. */
export async function companyGuide(userId: string, companyId: string): Promise<Guide> {
  const [developers, invited, policy] = await Promise.all([
    db().roleAssignment.count({ where: { role: "API_DEVELOPER", membership: { companyId, userId: { not: userId } } } }),
    db().invitation.findMany({ where: { companyId, status: "PENDING" }, select: { roles: true }, take: 100 }),
    // Saved either way (on or off): the policy's audit entry, since the secret lifetime shares its row.
    db().auditLog.count({ where: { companyId, event: "company.two_factor_policy_changed" } }),
  ]);
  const invitedDeveloper = invited.some((i) => Array.isArray(i.roles) && (i.roles as unknown[]).includes("API_DEVELOPER"));
  return finish("company", "Getting started with your company", [
    {
      id: "developer",
      label: "Add a developer",
      done: developers > 0 || invitedDeveloper,
      href: "/company/users",
      hint: "Add a colleague's email with the API Developer role.",
    },
    {
      id: "two-step",
      label: "Decide on two-step sign-in",
      done: policy > 0,
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
  const dismissed = await dismissedGuides(viewer.user.id);
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
