// Permissions as data: which company role may do what, and which roles a role may grant.
// Every entry point asks `can(roles, action)`; nothing checks role names directly.
export const ROLES = ["DELEGATED_ADMIN", "API_DEVELOPER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  DELEGATED_ADMIN: "Delegated Administrator",
  API_DEVELOPER: "API Developer",
};

export const PERMISSIONS = [
  { action: "apps.register", description: "Register apps for the company", roles: ["API_DEVELOPER"] },
  { action: "apps.read.own", description: "See the apps one registered", roles: ["API_DEVELOPER"] },
  {
    action: "apps.manage.own",
    description: "Edit, rotate, reveal, deactivate and delete the apps one registered",
    roles: ["API_DEVELOPER"],
  },
  { action: "apps.read.company", description: "See every app of the company", roles: ["DELEGATED_ADMIN"] },
  { action: "apps.manage.company", description: "Suspend, restore and reassign any app of the company", roles: ["DELEGATED_ADMIN"] },
  { action: "apis.read", description: "Browse the APIs the company may use", roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] },
  { action: "members.read", description: "See the company's members and their roles", roles: ["DELEGATED_ADMIN"] },
  { action: "members.manage", description: "Add and remove members, change roles", roles: ["DELEGATED_ADMIN"] },
  { action: "audit.read.company", description: "Read the company's audit log", roles: ["DELEGATED_ADMIN"] },
  { action: "usage.read.company", description: "See usage metrics of the whole company", roles: ["DELEGATED_ADMIN"] },
  {
    action: "security.manage.company",
    description: "Require two-step sign-in for the company; reset a member's second factor",
    roles: ["DELEGATED_ADMIN"],
  },
  {
    action: "sso.manage.company",
    description: "Verify the company's email domains, connect its identity provider, provision members by SCIM",
    roles: ["DELEGATED_ADMIN"],
  },
  {
    action: "members.tokens.manage",
    description: "See and revoke the personal access tokens members made for the company",
    roles: ["DELEGATED_ADMIN"],
  },
  {
    action: "apps.registration_tokens.manage",
    description: "Create and revoke initial access tokens for dynamic client registration (RFC 7591)",
    roles: ["DELEGATED_ADMIN"],
  },
  {
    action: "webhooks.manage",
    description: "Add, test and remove the company's webhook endpoints; read their delivery log",
    roles: ["DELEGATED_ADMIN"],
  },
  {
    action: "secrets.leaks.read",
    description: "See the leaked-secret reports of the company's Client Secrets (found by secret scanners, revoked at once)",
    roles: ["DELEGATED_ADMIN"],
  },
] as const satisfies readonly { action: string; description: string; roles: readonly Role[] }[];

export type Action = (typeof PERMISSIONS)[number]["action"];

/** Which roles a holder of each role may grant to others (a role never grants more than it holds). */
export const GRANTABLE_BY: Record<Role, readonly Role[]> = {
  DELEGATED_ADMIN: ["DELEGATED_ADMIN", "API_DEVELOPER"],
  API_DEVELOPER: [],
};

const byAction = new Map<string, readonly Role[]>(PERMISSIONS.map((p) => [p.action, p.roles])); // read-only

export function can(roles: readonly Role[], action: Action): boolean {
  const allowed = byAction.get(action) ?? [];
  return roles.some((r) => allowed.includes(r));
}

/** Roles a person holding `roles` may grant: those some held role may grant AND that the person holds. */
export function grantableRoles(roles: readonly Role[]): Role[] {
  const out = new Set<Role>();
  for (const r of roles) for (const g of GRANTABLE_BY[r]) if (roles.includes(g)) out.add(g);
  return ROLES.filter((r) => out.has(r));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** What one can do to one app. Whether it applies depends on whether the person registered the app. */
export const APP_OPERATIONS = ["view", "reveal", "edit", "rotate", "deactivate", "reactivate", "delete"] as const;
export type AppOperation = (typeof APP_OPERATIONS)[number];

/**
 * Which actions allow each operation on an app one registered (`own`) and on any app of the company
 * (`company`). A Delegated Administrator sees every app and may switch any of them off and on again
 * (an emergency stop), but never sees their secrets, edits, rotates or deletes another's app.
 */
export const APP_OPERATION_RULES: Record<AppOperation, { own: readonly Action[]; company: readonly Action[] }> = {
  view: { own: ["apps.read.own", "apps.read.company"], company: ["apps.read.company"] },
  reveal: { own: ["apps.manage.own"], company: [] },
  edit: { own: ["apps.manage.own"], company: [] },
  rotate: { own: ["apps.manage.own"], company: [] },
  deactivate: { own: ["apps.manage.own", "apps.manage.company"], company: ["apps.manage.company"] },
  reactivate: { own: ["apps.manage.own", "apps.manage.company"], company: ["apps.manage.company"] },
  delete: { own: ["apps.manage.own"], company: [] },
};

/** True when someone holding `roles` in the app's company may do `operation` to it. */
export function canOnApp(roles: readonly Role[], operation: AppOperation, isOwner: boolean): boolean {
  const rule = APP_OPERATION_RULES[operation];
  return (isOwner ? rule.own : rule.company).some((action) => can(roles, action));
}

/** Every operation allowed (for showing only the controls that will work). */
export function appOperationsFor(roles: readonly Role[], isOwner: boolean): AppOperation[] {
  return APP_OPERATIONS.filter((op) => canOnApp(roles, op, isOwner));
}
/**
 * What only the platform administrator may do (a person-level flag, not a company role). Pages,
 * actions and route handlers ask `canPlatform(user, action)` (lib/server/session.ts requirePlatformAdmin).
 */
export const PLATFORM_PERMISSIONS = [
  { action: "companies.read", description: "List, search and open every company" },
  { action: "companies.manage", description: "Create, suspend and restore companies; nominate Delegated Administrators" },
  { action: "companies.apis.manage", description: "Decide which APIs of the catalog each company may use" },
  { action: "catalog.read", description: "Browse every API of the catalog, retired ones and those closed to companies included" },
  { action: "catalog.manage", description: "Add and edit the catalog's APIs and their OpenAPI documents" },
  { action: "usage.read.all", description: "See the usage of every company, API and app" },
  { action: "audit.read.all", description: "Read the audit log of every company" },
  { action: "jobs.read", description: "See the housekeeping jobs, their last run and outcome" },
  { action: "outbox.read", description: "Read the outbox of mail (action links shown only while no SMTP_URL delivers them)" },
  {
    action: "security.manage.platform",
    description: "Require two-step sign-in platform-wide; reset an account's second factor (with a reason)",
  },
  { action: "requests.manage", description: "Approve or reject subscriptions, API access, plan changes and company requests" },
  { action: "settings.manage", description: "Change platform settings (company sign-up)" },
  { action: "secrets.leaks.read.all", description: "See every leaked-secret report of secret scanners, false positives included" },
] as const satisfies readonly { action: string; description: string }[];

export type PlatformAction = (typeof PLATFORM_PERMISSIONS)[number]["action"];

const platformActions = new Set<string>(PLATFORM_PERMISSIONS.map((p) => p.action)); // read-only

export function canPlatform(user: { isPlatformAdmin: boolean }, action: PlatformAction): boolean {
  return user.isPlatformAdmin && platformActions.has(action);
}

/**
 * The platform administrator's pages and the action each needs: the navigation lists those the viewer
 * may open, and every page under a prefix guards itself with that action (`requirePlatformAdminPage`;
 * lib/server/admin-pages.test.ts checks each page under app/(console)/admin against this table).
 */
export const PLATFORM_PAGES = [
  { href: "/admin/companies", label: "Companies", action: "companies.read" },
  { href: "/admin/apis", label: "API catalog", action: "catalog.manage" },
  { href: "/admin/usage", label: "Usage", action: "usage.read.all" },
  { href: "/admin/audit", label: "Audit", action: "audit.read.all" },
  { href: "/admin/outbox", label: "Outbox", action: "outbox.read" },
  { href: "/admin/jobs", label: "Jobs", action: "jobs.read" },
  { href: "/admin/security", label: "Security", action: "security.manage.platform" },
  { href: "/admin/requests", label: "Requests", action: "requests.manage" },
  { href: "/admin/settings", label: "Settings", action: "settings.manage" },
  { href: "/admin/leaked-secrets", label: "Leaked secrets", action: "secrets.leaks.read.all" },
] as const satisfies readonly { href: string; label: string; action: PlatformAction }[];

/** The action a platform page needs (its longest listed prefix), or null for a path no row covers. */
export function platformActionForPath(path: string): PlatformAction | null {
  let best: (typeof PLATFORM_PAGES)[number] | null = null;
  for (const page of PLATFORM_PAGES) {
    if ((path === page.href || path.startsWith(`${page.href}/`)) && (!best || page.href.length > best.href.length)) best = page;
  }
  return best?.action ?? null;
}

/** The roles a platform administrator's nomination gives a company's Delegated Administrator: every
 * role, so the DA may grant each of them in turn (a role never grants more than its holder holds). */
export const NOMINATED_DA_ROLES: readonly Role[] = ["DELEGATED_ADMIN", "API_DEVELOPER"];

/**
 * Scopes of personal access tokens as data: which company actions or platform actions each
 * scope lets a token use. A token never holds more than its owner: a call needs the scope AND the
 * owner's current roles (read at every call) allowing the action.
 */
export const TOKEN_SCOPES = [
  { scope: "apps:read", description: "List and read apps", actions: ["apps.read.own", "apps.read.company"], platform: [] },
  {
    scope: "apps:write",
    description: "Register, change, rotate, deactivate, reactivate and delete apps",
    actions: ["apps.register", "apps.manage.own", "apps.manage.company"],
    platform: [],
  },
  { scope: "members:read", description: "List members, roles and invitations", actions: ["members.read"], platform: [] },
  {
    scope: "members:write",
    description: "Add and remove members, change roles, withdraw invitations",
    actions: ["members.manage"],
    platform: [],
  },
  {
    scope: "usage:read",
    description: "Read usage (JSON and CSV)",
    actions: ["apps.read.own", "usage.read.company"],
    platform: ["usage.read.all"],
  },
  { scope: "audit:read", description: "Read the audit log", actions: ["audit.read.company"], platform: ["audit.read.all"] },
  {
    scope: "admin",
    description: "Platform administration: companies and their API access, plans, requests, settings",
    actions: [],
    platform: [
      "companies.read",
      "companies.manage",
      "companies.apis.manage",
      "audit.read.all",
      "catalog.manage",
      "requests.manage",
      "settings.manage",
    ],
  },
] as const satisfies readonly { scope: string; description: string; actions: readonly Action[]; platform: readonly PlatformAction[] }[];

export type TokenScope = (typeof TOKEN_SCOPES)[number]["scope"];
export const TOKEN_SCOPE_NAMES = TOKEN_SCOPES.map((s) => s.scope) as [TokenScope, ...TokenScope[]];

/** True when someone holding `roles` (and the platform flag) could use the scope at all. */
export function scopeHeldBy(scope: TokenScope, roles: readonly Role[], user: { isPlatformAdmin: boolean }): boolean {
  const row = TOKEN_SCOPES.find((s) => s.scope === scope);
  if (!row) return false;
  return row.actions.some((a) => can(roles, a)) || row.platform.some((a) => canPlatform(user, a));
}
