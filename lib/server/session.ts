import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
// Who is signed in, which companies they belong to, which one they act for, and what they may do.
// Every page, server action and route handler of the console calls one of these itself.
import { cache } from "react";
import { readSessionCookie } from "../auth/session-cookie";
import { db } from "../db";
import { AppError } from "../errors";
import { type Action, can, canPlatform, isRole, PLATFORM_PAGES, type PlatformAction, type Role } from "../permissions";
import { enforceTwoFactorPolicy } from "../security/two-factor/policy";
import { sessionIsLive } from "../users/sessions";

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
  const claims = await readSessionCookie();
  if (!claims) return null;
  const { userId, sessionId, authTime } = claims;
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

/** Actions and route handlers: the platform administrator allowed `action`, or AppError("not_found"). */
export function requirePlatformAdmin(viewer: Viewer, action: PlatformAction): void {
  if (!canPlatform(viewer.user, action)) throw new AppError("not_found", "The page was not found.");
}

/** Pages: the viewer and the active company when its roles allow `action`; otherwise the 404 page. */
export async function requireCompanyPage(action: Action, returnTo: string): Promise<{ viewer: Viewer; company: CompanyContext }> {
  const viewer = await requireViewer(returnTo);
  const company = viewer.active;
  if (!company || !can(company.roles, action)) notFound();
  return { viewer, company };
}

/** Pages: the platform administrator allowed `action` (PLATFORM_PAGES names each page's), or the 404 page for anyone else. */
export async function requirePlatformAdminPage(returnTo: string, action: PlatformAction): Promise<Viewer> {
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

/** One link of the app shell. `match` lists extra path prefixes that mark it current (sub-pages). */
export interface NavItem {
  href: string;
  label: string;
  match?: string[];
}

/**
 * A group of links in the app shell. `id` "main" is the top of the sidebar; "account" is rendered in
 * the account menu; any other section is a titled group of the sidebar whose title links to `href`.
 */
export interface NavSection {
  id: string;
  label: string;
  href?: string;
  items: NavItem[];
}

/**
 * Navigation entries the viewer may see, as data: the app shell renders whatever this returns.
 * To add a page, push an item into the section it belongs to (or add a section) here.
 */
export function navigationFor(viewer: Viewer): NavSection[] {
  const roles = viewer.active?.roles ?? [];

  const main: NavItem[] = [{ href: "/apps", label: "My Apps & Keys" }];
  // Until the address is verified the account reaches no company: only the way to verify it.
  if (!viewer.user.emailVerified) {
    return [
      { id: "main", label: "Main", items: [...main, { href: "/verify-email", label: "Verify your email" }] },
      { id: "account", label: "Account", items: [{ href: "/account", label: "Account" }] },
    ];
  }
  if (can(roles, "apis.read") || canPlatform(viewer.user, "catalog.read")) main.push({ href: "/apis", label: "APIs" });
  main.push({ href: "/docs", label: "Docs" }); // the public guide, for every role

  const company: NavItem[] = [];
  if (can(roles, "members.read")) company.push({ href: "/company/users", label: "Users" });
  if (can(roles, "apps.read.company")) company.push({ href: "/company/apps", label: "Apps" });
  if (can(roles, "usage.read.company")) company.push({ href: "/company/usage", label: "Usage" });
  if (can(roles, "audit.read.company")) company.push({ href: "/company/audit", label: "Audit" });
  if (can(roles, "security.manage.company")) company.push({ href: "/company/security", label: "Security" });
  if (can(roles, "apps.registration_tokens.manage")) company.push({ href: "/company/registration-tokens", label: "Registration tokens" });
  if (can(roles, "members.tokens.manage")) company.push({ href: "/company/tokens", label: "Personal access tokens" });

  const platform: NavItem[] = PLATFORM_PAGES.filter((p) => canPlatform(viewer.user, p.action)).map((p) => ({
    href: p.href,
    label: p.label,
  }));

  const account: NavItem[] = [
    { href: "/account", label: "Account" },
    { href: "/account/security", label: "Account security" },
  ];
  // Personal access tokens for the management API and the CLI (issue 16): everyone in a company.
  if (viewer.memberships.length || canPlatform(viewer.user, "companies.read"))
    account.push({ href: "/account/tokens", label: "Access tokens" });
  account.push({ href: "/account/grants", label: "Authorized apps" });

  const sections: NavSection[] = [{ id: "main", label: "Main", items: main }];
  if (company.length) sections.push({ id: "company", label: "Company", href: company[0]!.href, items: company });
  if (platform.length) sections.push({ id: "admin", label: "Admin", href: platform[0]!.href, items: platform });
  sections.push({ id: "account", label: "Account", items: account });
  return sections;
}

/** Where a person lands after signing in (role-aware): the page they can act on first. */
export async function landingFor(viewer: Viewer): Promise<string> {
  const roles = viewer.active?.roles ?? [];
  if (!viewer.active) return canPlatform(viewer.user, "companies.read") ? "/admin/companies" : "/apps";
  if (can(roles, "members.read") && !can(roles, "apps.register")) return "/company/users";
  if (can(roles, "members.read")) {
    const owned = await db().app.count({ where: { companyId: viewer.active.companyId, createdById: viewer.user.id } });
    if (owned === 0) return "/company/users";
  }
  return "/apps";
}
