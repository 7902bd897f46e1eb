import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
// Who is signed in, which companies they belong to, which one they act for, and what they may do.
// Every page, server action and route handler of the console calls one of these itself.
import { cache } from "react";
import { countAppsCreatedBy } from "../apps/queries";
import { readSessionCookie } from "../auth/session-cookie";
import { AppError } from "../errors";
import { type Action, can, canPlatform, PLATFORM_PAGES, type PlatformAction } from "../permissions";
import { enforceTwoFactorPolicy } from "../security/two-factor/policy";
import { sessionIsLive } from "../users/sessions";
import { type CompanyContext, loadViewer, type Viewer } from "../users/viewer";

export const ACTIVE_COMPANY_COOKIE = "console_company";

export type { CompanyContext, Viewer } from "../users/viewer";

export const getViewer = cache(async (): Promise<Viewer | null> => {
  const claims = await readSessionCookie();
  if (!claims) return null;
  const { userId, sessionId, authTime } = claims;
  // Signed out, signed out everywhere, past its lifetime or idle: the cookie alone is not enough.
  if (!(await sessionIsLive(sessionId, userId))) return null;
  return loadViewer({ userId, sessionId, authTime }, () => cookies().then((c) => c.get(ACTIVE_COMPANY_COOKIE)?.value));
});

/**
 * The signed-in person, or a redirect to /signin (pages and server actions). A person whose address is
 * not verified yet is sent to /verify-email, unless `allowUnverified` (the layout, /account).
 */
export async function requireViewer(returnTo?: string, opts: { allowUnverified?: boolean } = {}): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  if (!viewer.user.emailVerified && !opts.allowUnverified) redirect("/verify-email");
  // A person whose company (or the platform) requires two-step sign-in enrols before any other page.
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
  /** A number shown beside the label (e.g. requests waiting). */
  count?: number;
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
  if (can(roles, "sso.manage.company")) company.push({ href: "/company/sso", label: "Single sign-on" });
  if (can(roles, "apps.registration_tokens.manage")) company.push({ href: "/company/registration-tokens", label: "Registration tokens" });
  if (can(roles, "members.tokens.manage")) company.push({ href: "/company/tokens", label: "Personal access tokens" });
  if (can(roles, "webhooks.manage")) company.push({ href: "/company/webhooks", label: "Webhooks" });
  if (can(roles, "secrets.leaks.read")) company.push({ href: "/company/leaked-secrets", label: "Leaked secrets" });

  const platform: NavItem[] = PLATFORM_PAGES.filter((p) => canPlatform(viewer.user, p.action)).map((p) => ({
    href: p.href,
    label: p.label,
  }));

  const account: NavItem[] = [
    { href: "/account", label: "Account" },
    { href: "/account/security", label: "Account security" },
  ];
  // Personal access tokens for the management API and the CLI: everyone in a company.
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
    if ((await countAppsCreatedBy(viewer.active.companyId, viewer.user.id)) === 0) return "/company/users";
  }
  return "/apps";
}
