// What pages get about apps. Every domain function returns data parsed through these schemas, and
// zod objects drop unknown keys: a secret, digest or ciphertext can never ride along by accident.
// Pure (no server imports), so client components may use the types.
import { z } from "zod";
import { APP_OPERATIONS } from "../permissions";
import { GRANT_TYPES } from "../validation/app-registration";

export const APP_STATUSES = ["ACTIVE", "INACTIVE", "SUSPENDED"] as const;
export type AppStatus = (typeof APP_STATUSES)[number];

export const apiRefSchema = z.object({ id: z.string(), name: z.string(), slug: z.string().optional() });
export const personRefSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

/**
 * The fields of an app in a list and on its page, with dates as `date` reads them: Date objects for the
 * pages here, ISO strings in the management API (lib/management/schemas.ts).
 */
export const appSummaryFields = <D extends z.ZodType>(date: D) => ({
  id: z.string(),
  name: z.string(),
  status: z.enum(APP_STATUSES),
  grantTypes: z.array(z.enum(GRANT_TYPES)),
  apis: z.array(apiRefSchema),
  createdAt: date,
  createdBy: personRefSchema.nullable(),
});
export const appDetailFields = <D extends z.ZodType>(date: D) => ({
  clientId: z.string(),
  companyId: z.string(),
  description: z.string(),
  suspendedReason: z.string().nullable(),
  redirectUri: z.string().nullable(),
  termsVersion: z.string(),
  termsAcceptedAt: date,
  updatedAt: date,
});

export const appSummarySchema = z.object(appSummaryFields(z.date()));
export type AppSummary = z.infer<typeof appSummarySchema>;

/** A secret as the page sees it: never its value, only what tells secrets apart. */
export const secretInfoSchema = z.object({
  id: z.string(),
  lastFour: z.string(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  /** When a token was last issued with it, and to which address (null: not since it was issued). */
  lastUsedAt: z.date().nullable(),
  lastUsedIp: z.string().nullable(),
});
export type SecretInfo = z.infer<typeof secretInfoSchema>;

export const appDetailSchema = appSummarySchema.extend({
  ...appDetailFields(z.date()),
  /** Live secrets, newest first: the current one, and during a rotation the previous one with its end. */
  secrets: z.array(secretInfoSchema),
  isOwner: z.boolean(),
  operations: z.array(z.enum(APP_OPERATIONS)),
  /** Kind of app, client type and the editable sign-in settings. */
  kind: z.string().nullable(),
  clientType: z.enum(["confidential", "public"]),
  requirePkce: z.boolean(),
  requireDpop: z.boolean(),
  requirePar: z.boolean(),
  clientAuthMethod: z.enum(["client_secret", "private_key_jwt"]),
  jwks: z.string().nullable(),
  jwksUri: z.string().nullable(),
  postLogoutRedirectUri: z.string().nullable(),
  allowedOrigins: z.array(z.string()),
  /** When a token was last issued to the app (any secret or none), and to which address. */
  lastUsedAt: z.date().nullable(),
  lastUsedIp: z.string().nullable(),
});
export type AppDetail = z.infer<typeof appDetailSchema>;

export const appPageSchema = z.object({
  apps: z.array(appSummarySchema),
  total: z.number().int(),
  /** True when the total was counted only up to a cap (ListAppsQuery.countUpTo) and more apps match. */
  totalCapped: z.boolean(),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
});
export type AppPage = z.infer<typeof appPageSchema>;

/** A secret shown again (reveal) or for the first time (registration): the one response that needs it. */
export const revealedSecretSchema = z.object({
  secret: z.string(),
  secretId: z.string(),
  createdAt: z.date(),
});
export type RevealedSecret = z.infer<typeof revealedSecretSchema>;
