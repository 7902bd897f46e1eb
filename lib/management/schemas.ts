// The management API's schemas: what goes in (documented shapes; the domain modules validate again
// with the very rules the pages use) and what comes out (zod objects drop unknown keys, so a digest
// or ciphertext can never leave). Pure: also read by the OpenAPI generator.
import { z } from "zod";
import { appDetailFields, appSummaryFields, personRefSchema } from "../apps/views";
import { APP_OPERATIONS, ROLES, TOKEN_SCOPE_NAMES } from "../permissions";
import { GRANT_TYPES, ROTATION_GRACE_HOURS } from "../validation/app-registration";
import { API_ACCESS_CHOICES } from "../validation/companies";

const iso = z.iso.datetime({ offset: true });
const id = (what: string) => z.string().min(1).max(64).describe(`${what} id`);

// ---- pages ----
const cursorField = z.string().max(800).optional().describe("nextCursor of the previous page (absent: the first page)");
const limitField = z.coerce.number().int().min(1).max(100).optional().describe("Page size (default 50, at most 100)");
/** The query of a list read in cursor pages. */
export const pageQuery = z.object({ cursor: cursorField, limit: limitField });
export const nextCursorOut = z.string().nullable().describe("Pass as cursor for the next page; null on the last page");

// ---- path parameters ----
export const appParams = z.object({ appId: id("App") });
export const memberParams = z.object({ membershipId: id("Membership") });
export const invitationParams = z.object({ invitationId: id("Invitation") });
export const personalTokenParams = z.object({ tokenId: id("Personal access token") });
export const companyParams = z.object({ companyId: id("Company") });
export const companyApiParams = z.object({ companyId: id("Company"), apiId: id("API") });

// ---- apps ----
export const appSummaryOut = z.object(appSummaryFields(iso));

export const appOut = appSummaryOut.extend({
  ...appDetailFields(iso),
  secrets: z
    .array(z.object({ id: z.string(), lastFour: z.string(), createdAt: iso, expiresAt: iso.nullable() }))
    .describe("Live secrets: never their values"),
  isOwner: z.boolean(),
  operations: z.array(z.enum(APP_OPERATIONS)),
});

export const appListQuery = z.object({
  q: z.string().max(100).optional().describe("Part of the name"),
  cursor: z.string().max(200).optional().describe("nextCursor of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).optional().describe("Page size (default 20, at most 100)"),
});
export const appListOut = z.object({
  items: z.array(appSummaryOut),
  total: z.number().int().describe("Matching apps, counted up to 1,000 (totalCapped: there are more)"),
  totalCapped: z.boolean().describe("true: more than `total` apps match"),
  nextCursor: nextCursorOut,
});

export const appRegisterIn = z.object({
  name: z.string().describe("Name of your application (unique in the company)"),
  description: z.string().optional(),
  grantTypes: z.array(z.enum(GRANT_TYPES)).min(1),
  redirectUri: z.string().optional().describe("Required with authorization_code or implicit; fixed at registration"),
  apiIds: z.array(z.string()).min(1).describe("APIs the app subscribes to (ids from GET /apis)"),
  acceptTerms: z.boolean().describe("true: the token's owner agrees to the current Terms of Service"),
});
export const appRegisteredOut = appOut.extend({
  clientSecret: z.string().describe("Shown once: there is no endpoint that reads it again"),
});

export const appUpdateIn = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  apiIds: z.array(z.string()).optional(),
  redirectUri: z.unknown().optional().describe("Refused: fixed at registration"),
  grantTypes: z.unknown().optional().describe("Refused: fixed at registration"),
});

export const rotateIn = z.object({
  graceHours: z.union(ROTATION_GRACE_HOURS.map((h) => z.literal(h)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>]).optional(),
});
export const rotateOut = z.object({
  secretId: z.string(),
  clientSecret: z.string().describe("Shown once"),
  previousExpiresAt: iso.nullable(),
});

export const apiListQuery = z.object({
  q: z.string().max(100).optional().describe("Part of the name or the slug"),
  cursor: cursorField,
  limit: limitField,
});
export const apiListOut = z.object({
  items: z.array(
    z.object({ id: z.string(), slug: z.string(), name: z.string(), version: z.string(), summary: z.string(), status: z.string() }),
  ),
  nextCursor: nextCursorOut,
});

// ---- members and invitations ----
const grantedBy = z.object({ name: z.string(), email: z.string() }).nullable();
export const memberOut = z.object({
  membershipId: z.string(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  addedAt: iso,
  roles: z.array(z.object({ role: z.enum(ROLES), grantedBy, grantedAt: iso })),
});
export const memberListOut = z.object({ items: z.array(memberOut), nextCursor: nextCursorOut });
export const memberAddIn = z.object({ email: z.string(), roles: z.array(z.enum(ROLES)).min(1) });
export const invitationOut = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(z.enum(ROLES)),
  invitedBy: grantedBy,
  createdAt: iso,
});
export const memberAddOut = z.object({
  outcome: z.enum(["added", "invited"]),
  member: memberOut.optional(),
  invitation: z.object({ id: z.string(), email: z.string(), roles: z.array(z.enum(ROLES)) }).optional(),
});
export const memberRolesIn = z.object({
  roles: z.array(z.enum(ROLES)).min(1),
  confirm: z.boolean().optional().describe("true: suspend the member's apps when API Developer is taken away"),
});
export const companyAppOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  suspendedReason: z.string().nullable(),
  createdAt: iso,
  owner: personRefSchema.nullable(),
});
/** A member with every app they own in the company (the console's GET /api/company/members/{membershipId}). */
export const memberDetailOut = memberOut.extend({ apps: z.array(companyAppOut) });
export const memberChangeOut = z.object({ outcome: z.string(), suspendedApps: z.array(companyAppOut) });
export const confirmQuery = z.object({ confirm: z.enum(["true", "false"]).optional().describe("true: suspend the member's apps") });
export const invitationListOut = z.object({ items: z.array(invitationOut), nextCursor: nextCursorOut });
/** A personal access token made for the company, as its Delegated Administrators see it (never the value). */
export const companyTokenOut = z.object({
  id: z.string(),
  name: z.string(),
  lastFour: z.string().describe("the last four characters of the token (apcp_…XXXX)"),
  scopes: z.array(z.enum(TOKEN_SCOPE_NAMES)),
  state: z.enum(["active", "expired", "revoked"]),
  createdAt: iso,
  expiresAt: iso,
  lastUsedAt: iso.nullable(),
  revokedAt: iso.nullable(),
  owner: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    member: z.boolean().describe("false: the owner left the company (the token no longer works)"),
  }),
});
export const companyTokenListOut = z.object({ items: z.array(companyTokenOut), nextCursor: nextCursorOut });

// ---- companies (platform administrator) ----
export const companyRowOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  createdAt: iso,
  memberCount: z.number().int(),
  pendingInvitations: z.number().int(),
  delegatedAdmins: z.array(z.string()),
});
export const companyListQuery = z.object({
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export const companyListOut = z.object({ items: z.array(companyRowOut), nextCursor: z.string().nullable() });
export const companyCreateIn = z.object({ name: z.string(), delegatedAdminEmails: z.array(z.string()).min(1) });
export const nominationOut = z.object({ email: z.string(), outcome: z.enum(["attached", "invited"]), roles: z.array(z.enum(ROLES)) });
export const companyCreatedOut = z.object({ company: z.object({ id: z.string(), name: z.string() }), nominations: z.array(nominationOut) });
export const apiAccessOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  status: z.string(),
  openToAll: z.boolean(),
  choice: z.enum(API_ACCESS_CHOICES),
  effective: z.boolean(),
});
export const companyOut = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  suspendedAt: iso.nullable(),
  createdAt: iso,
  members: z.array(memberOut),
  invitations: z.array(invitationOut),
  apiAccess: z.array(apiAccessOut),
  apps: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      suspendedReason: z.string().nullable(),
      ownerEmail: z.string().nullable(),
    }),
  ),
});
export const companyStatusIn = z.object({ status: z.enum(["ACTIVE", "SUSPENDED"]) });
export const companyApiAccessIn = z.object({ access: z.enum(API_ACCESS_CHOICES) });
export const companyApiAccessOut = z.object({ api: z.string(), choice: z.enum(API_ACCESS_CHOICES), changed: z.boolean() });

// ---- usage and audit ----
export const usageQuery = z.object({
  app: z.string().max(64).optional().describe("One app's usage"),
  company: z.string().max(64).optional().describe('"current" (the token\'s company) or a company id (platform administrator)'),
  api: z.string().max(64).optional().describe("One API's usage (platform administrator)"),
  all: z.enum(["1"]).optional().describe("Every company (platform administrator)"),
  range: z.enum(["hour", "day", "week", "month"]).optional().describe("Same ranges as the pages (default day)"),
  format: z.enum(["json", "csv"]).optional(),
});
const usagePoint = z.object({
  start: z.string(),
  calls: z.number(),
  errors: z.number(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
});
export const usageOut = z.object({
  title: z.string(),
  range: z.string(),
  stepMinutes: z.number().int(),
  points: z.array(usagePoint),
  totals: z.object({
    calls: z.number(),
    errors: z.number(),
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    meanMs: z.number().nullable(),
  }),
});

export const auditQuery = z.object({
  event: z.string().max(100).optional().describe('An event name, or a prefix ending in "." such as "role."'),
  actor: z.string().max(254).optional().describe("The actor's email"),
  from: z.string().max(10).optional().describe("YYYY-MM-DD"),
  to: z.string().max(10).optional().describe("YYYY-MM-DD"),
  company: z
    .string()
    .max(40)
    .optional()
    .describe("Platform administrator (scope admin): one company, or every company when absent with all=1"),
  all: z.enum(["1"]).optional().describe("Platform administrator: every company's entries"),
  cursor: cursorField,
  limit: limitField,
});
export const auditEntryOut = z.object({
  id: z.string(),
  createdAt: iso,
  event: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  metadata: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export const auditListOut = z.object({ items: z.array(auditEntryOut), nextCursor: z.string().nullable() });

// ---- request logs of the gateway ----
export const requestLogQuery = z.object({
  status: z.enum(["2", "3", "4", "5"]).optional().describe("Status class: 2, 3, 4 or 5"),
  path: z.string().max(1000).optional().describe("Path prefix, e.g. /gateway/orders/v1"),
  from: z.iso.datetime({ offset: true }).optional().describe("ISO 8601 instant: calls at or after it"),
  to: z.iso.datetime({ offset: true }).optional().describe("ISO 8601 instant: calls at or before it"),
  cursor: cursorField,
  limit: limitField,
});
export const requestLogOut = z.object({
  id: z.string(),
  at: iso,
  method: z.string(),
  path: z.string(),
  query: z.string().describe("Parameter names only: values are never stored"),
  status: z.number().int(),
  latencyMs: z.number().int(),
  requestId: z.string(),
});
export const requestLogListOut = z.object({ items: z.array(requestLogOut), nextCursor: z.string().nullable() });

// ---- the token itself ----
export const meOut = z.object({
  token: z.object({ id: z.string(), name: z.string(), scopes: z.array(z.enum(TOKEN_SCOPE_NAMES)), expiresAt: iso }),
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), isPlatformAdmin: z.boolean() }),
  company: z.object({ id: z.string(), name: z.string(), status: z.string(), roles: z.array(z.enum(ROLES)) }),
});
