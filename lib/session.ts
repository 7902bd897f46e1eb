import "server-only";
// Who is signed in, which companies they belong to, which one they act for, and what they may do.
// Every page, server action and route handler of the console calls one of these itself.
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { auth } from "./auth";
import { db } from "./db";
import { AppError } from "./errors";
import { enforceTwoFactorPolicy } from "./security/two-factor/policy";
import { can, canPlatform, isRole, type Action, type PlatformAction, type Role } from "./permissions";
import { sessionIsLive } from "./users/sessions";

export const ACTIVE_COMPANY_COOKIE = "console_company";

export interface CompanyContext {
  companyId: string;
  companyName: string;
  companyStatus: string;
  roles: Role[];
}

export interface Viewer {
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean; emailVerified: boolean };
  /** The server-side session (lib/users/sessions.ts). */
  sessionId: string;
  /** When the person last proved their password (seconds since the epoch). */
  authTime: number;
  memberships: CompanyContext[];
  /** The company the person acts for (chosen with the company switcher), or null. */
  active: CompanyContext | null;
}

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const authTime = (session as { authTime?: number } | null)?.authTime;
  const sessionId = (session as { sid?: string } | null)?.sid;
  if (!userId || !authTime || !sessionId) return null;
  // Signed out, signed out everywhere, past its lifetime or idle: the cookie alone is not enough.
  if (!(await sessionIsLive(sessionId, userId))) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    include: {
      memberships: {
        include: { company: true, roles: true },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!user || user.status !== "ACTIVE") return null;
  // Sessions from before a password change or suspension are refused (1 s slack for clock rounding).
  if (authTime * 1000 < user.sessionsValidAfter.getTime() - 1000) return null;
  // Until the address is verified, no company (and so no role, app or company page) reaches the account.
  const emailVerified = Boolean(user.emailVerifiedAt) || user.isPlatformAdmin;
  const memberships: CompanyContext[] = (emailVerified ? user.memberships : []).map((m) => ({
    companyId: m.companyId,
    companyName: m.company.name,
    companyStatus: m.company.status,
    roles: m.roles.map((r) => r.role).filter(isRole),
  }));
  const chosen = (await cookies()).get(ACTIVE_COMPANY_COOKIE)?.value;
  const active = memberships.find((m) => m.companyId === chosen) ?? memberships[0] ?? null;
  return {
    user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin, emailVerified },
    sessionId,
    authTime,
    memberships,
    active,
  };
});

/**
 * The signed-in person, or a redirect to /signin (pages and server actions). A person whose address is
 * not verified yet is sent to /verify-email, unless `allowUnverified` (the layout, /account).
 */
export async function requireViewer(returnTo?: string, opts: { allowUnverified?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  if (!viewer.user.emailVerified && !opts.allowUnverified) redirect("/verify-email");
  // Issue 14: a person whose company (or the platform) requires two-step sign-in enrols first.
  if (returnTo) await enforceTwoFactorPolicy(viewer, returnTo);
  return viewer;
}

/** The active company when the viewer's roles there allow `action`; otherwise a 404-style error. */
export function companyFor(viewer: Viewer, action: Action): CompanyContext {
  const company = viewer.active;
  if (!company || !can(company.roles, action)) {
    throw new AppError("forbidden", "Your roles in this company do not allow that.");
  }
  return company;
}

export function requirePlatformAdmin(viewer: Viewer, action: PlatformAction = "companies.read"): void {
  if (!canPlatform(viewer.user, action)) throw new AppError("not_found", "The page was not found.");
}

/** Pages: the viewer and the active company when its roles allow `action`; otherwise the 404 page. */
export async function requireCompanyPage(action: Action, returnTo: string): Promise<{ viewer: Viewer; company: CompanyContext }> {
  const viewer = await requireViewer(returnTo);
  const company = viewer.active;
  if (!company || !can(company.roles, action)) notFound();
  return { viewer, company };
}

/** Pages: the platform administrator, or the 404 page for anyone else. */
export async function requirePlatformAdminPage(returnTo: string, action: PlatformAction = "companies.read"): Promise<Viewer> {
  const viewer = await requireViewer(returnTo);
  if (!canPlatform(viewer.user, action)) notFound();
  return viewer;
}

/** Route handlers: the signed-in person, or AppError("unauthenticated") (401). */
export async function requireViewerForRoute(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated", "Sign in first.");
  return viewer;
}

/** Route handlers: like companyFor, but a refusal is a 404 (nothing of the company is revealed). */
export function companyOr404(viewer: Viewer, action: Action): CompanyContext {
  const company = viewer.active;
  if (!company || !can(company.roles, action)) throw new AppError("not_found", "Not found.");
  return company;
}

/** The viewer as the actor the domain modules and the audit log record. */
export function actorOf(viewer: Viewer): { id: string; email: string } {
  return { id: viewer.user.id, email: viewer.user.email };
}

/** Navigation entries the viewer may see. */
export function navigationFor(viewer: Viewer): { href: string; label: string }[] {
  const roles = viewer.active?.roles ?? [];
  const items = [{ href: "/apps", label: "My Apps & Keys" }];
  if (!viewer.user.emailVerified) return [...items, { href: "/verify-email", label: "Verify your email" }, { href: "/account", label: "Account" }];
  if (can(roles, "apis.read") || viewer.user.isPlatformAdmin) items.push({ href: "/apis", label: "APIs" });
  if (can(roles, "members.read")) items.push({ href: "/company/users", label: "Company" });
  if (viewer.user.isPlatformAdmin) items.push({ href: "/admin/companies", label: "Admin" });
  if (viewer.user.isPlatformAdmin) items.push({ href: "/admin/outbox", label: "Outbox" });
  items.push({ href: "/account", label: "Account" });
  items.push({ href: "/account/security", label: "Security" });
  items.push({ href: "/docs", label: "Docs" }); // the public guide, for every role
  return items;
}
