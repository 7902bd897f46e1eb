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
  { action: "apps.read.own", description: "See and manage the apps one registered", roles: ["API_DEVELOPER"] },
  { action: "apps.read.company", description: "See every app of the company", roles: ["DELEGATED_ADMIN"] },
  { action: "apps.manage.company", description: "Suspend, restore and reassign any app of the company", roles: ["DELEGATED_ADMIN"] },
  { action: "apis.read", description: "Browse the APIs the company may use", roles: ["API_DEVELOPER", "DELEGATED_ADMIN"] },
  { action: "members.read", description: "See the company's members and their roles", roles: ["DELEGATED_ADMIN"] },
  { action: "members.manage", description: "Add and remove members, change roles", roles: ["DELEGATED_ADMIN"] },
  { action: "audit.read.company", description: "Read the company's audit log", roles: ["DELEGATED_ADMIN"] },
  { action: "usage.read.company", description: "See usage metrics of the whole company", roles: ["DELEGATED_ADMIN"] },
] as const satisfies readonly { action: string; description: string; roles: readonly Role[] }[];

export type Action = (typeof PERMISSIONS)[number]["action"];

/** Which roles a holder of each role may grant to others (a role never grants more than it holds). */
export const GRANTABLE_BY: Record<Role, readonly Role[]> = {
  DELEGATED_ADMIN: ["DELEGATED_ADMIN", "API_DEVELOPER"],
  API_DEVELOPER: [],
};

const byAction = new Map<string, readonly Role[]>(PERMISSIONS.map((p) => [p.action, p.roles]));

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

/**
 * What only the platform administrator may do (a person-level flag, not a company role). Pages,
 * actions and route handlers ask `canPlatform(user, action)` (lib/session.ts requirePlatformAdmin).
 */
export const PLATFORM_PERMISSIONS = [
  { action: "companies.read", description: "List, search and open every company" },
  { action: "companies.manage", description: "Create, suspend and restore companies; nominate Delegated Administrators" },
  { action: "companies.apis.manage", description: "Decide which APIs of the catalog each company may use" },
  { action: "audit.read.all", description: "Read the audit log of every company" },
] as const satisfies readonly { action: string; description: string }[];

export type PlatformAction = (typeof PLATFORM_PERMISSIONS)[number]["action"];

const platformActions = new Set<string>(PLATFORM_PERMISSIONS.map((p) => p.action));

export function canPlatform(user: { isPlatformAdmin: boolean }, action: PlatformAction): boolean {
  return user.isPlatformAdmin && platformActions.has(action);
}

/** The roles a platform administrator's nomination gives a company's Delegated Administrator: every
 * role, so the DA may grant each of them in turn (a role never grants more than its holder holds). */
export const NOMINATED_DA_ROLES: readonly Role[] = ["DELEGATED_ADMIN", "API_DEVELOPER"];
