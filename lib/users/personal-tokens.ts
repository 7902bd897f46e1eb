import "server-only";
// Personal access tokens: created at /account/tokens for one company, with an expiry
// (required, at most a year) and scopes; `apcp_…` checksummed like client secrets, stored only as an
// HMAC digest, shown once. `authenticatePersonalToken` runs at every management API call: the token,
// its owner's account and the owner's CURRENT roles in the token's company (losing a role narrows it).
// A Delegated Administrator sees every token made for the company (`listCompanyPersonalTokens`) and may
// revoke any of them (`revokeCompanyPersonalToken`, audited; the owner gets a security notice).
import { z } from "zod";
import { generateChecksummedToken, isWellFormedToken, lastFour } from "../apps/credentials";
import { writeAudit } from "../audit";
import { type Person, requireCompanyRole } from "../companies/guards";
import { type Db, db } from "../db";
import { afterCursor, decodeTimeCursor, keysetOrder, type Page, pageLimit, pageOf, type PageRequest } from "../db/keyset";
import { AppError } from "../errors";
import { newId } from "../ids";
import { mailPersonalTokenRevoked } from "../mail/notices";
import { canPlatform, isRole, type Role, scopeHeldBy, TOKEN_SCOPE_NAMES, type TokenScope } from "../permissions";
import { digest } from "../security/crypto";
import type { RequestContext } from "../server/request-context";
import { nameField, parseInput } from "../validation/common";

export const TOKEN_MAX_DAYS = 366;
export const TOKEN_EXPIRY_CHOICES = [7, 30, 90, 365] as const;
const DAY_MS = 86_400_000;
/** lastUsedAt is written at most this often per token (one write per minute, not one per call). */
const LAST_USED_RESOLUTION_MS = 60_000;

export const PAT_RULE_TEXT = {
  nameRequired: "Enter a name for the token.",
  nameTooLong: "Use at most 100 characters.",
  companyRequired: "Choose the company the token acts for.",
  expiryRequired: "Choose when the token expires (at most one year).",
  expiryTooLong: "A token lives at most one year.",
  expiryPast: "Choose an expiry in the future.",
  scopeRequired: "Choose at least one scope.",
  scopeNotHeld: "You can give a token only what you may do yourself:",
} as const;

export const createTokenSchema = z.object({
  name: nameField({ required: PAT_RULE_TEXT.nameRequired, tooLong: PAT_RULE_TEXT.nameTooLong }),
  companyId: z.string({ error: PAT_RULE_TEXT.companyRequired }).min(1, PAT_RULE_TEXT.companyRequired).max(64),
  /** Days from now (1 … 366), or an ISO date. */
  expiresInDays: z.coerce
    .number({ error: PAT_RULE_TEXT.expiryRequired })
    .int(PAT_RULE_TEXT.expiryRequired)
    .min(1, PAT_RULE_TEXT.expiryPast)
    .max(TOKEN_MAX_DAYS, PAT_RULE_TEXT.expiryTooLong),
  scopes: z
    .array(z.enum(TOKEN_SCOPE_NAMES, { error: "Choose scopes from the list." }))
    .min(1, PAT_RULE_TEXT.scopeRequired)
    .transform((v) => TOKEN_SCOPE_NAMES.filter((s) => v.includes(s))),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;

export interface TokenRow {
  id: string;
  name: string;
  companyId: string;
  companyName: string;
  scopes: TokenScope[];
  lastFour: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: "active" | "expired" | "revoked";
}

export const scopesOf = (value: unknown): TokenScope[] => (Array.isArray(value) ? TOKEN_SCOPE_NAMES.filter((s) => value.includes(s)) : []);

/** The owner's roles in the company, and the platform flag, read from the database now. */
async function ownerStanding(userId: string, companyId: string) {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      status: true,
      isPlatformAdmin: true,
      emailVerifiedAt: true,
      memberships: { where: { companyId }, select: { roles: { select: { role: true } } } },
    },
  });
  if (!user || user.status !== "ACTIVE") return null;
  // As in the console (lib/server/session.ts): an unverified address holds no company role.
  const emailVerified = Boolean(user.emailVerifiedAt) || user.isPlatformAdmin;
  const memberships = emailVerified ? user.memberships : [];
  const roles = (memberships[0]?.roles ?? []).map((r) => r.role).filter(isRole);
  return { user: { ...user, emailVerified }, roles, member: memberships.length > 0 };
}

/** Creates a token for the owner; the value is returned once and only its digest is kept. */
export async function createPersonalToken(
  owner: { id: string; email: string },
  input: unknown,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<{ token: string; row: TokenRow }> {
  const data = parseInput(createTokenSchema, input);
  const standing = await ownerStanding(owner.id, data.companyId);
  if (!standing) throw new AppError("unauthenticated", "Sign in again.");
  const company = await db().company.findUnique({ where: { id: data.companyId }, select: { id: true, name: true } });
  // A company one is not in is "not found", except for the platform administrator (admin scope).
  if (!company || (!standing.member && !canPlatform(standing.user, "companies.read"))) {
    throw new AppError("validation", PAT_RULE_TEXT.companyRequired, { fieldErrors: { companyId: [PAT_RULE_TEXT.companyRequired] } });
  }
  const notHeld = data.scopes.filter((s) => !scopeHeldBy(s, standing.roles, standing.user));
  if (notHeld.length) {
    const message = `${PAT_RULE_TEXT.scopeNotHeld} ${notHeld.join(", ")} ${notHeld.length > 1 ? "are" : "is"} not yours to give.`;
    throw new AppError("forbidden", message, { fieldErrors: { scopes: [message] } });
  }
  const token = generateChecksummedToken("personal");
  const id = newId("personalToken");
  const expiresAt = new Date(now.getTime() + data.expiresInDays * DAY_MS);
  await db().$transaction(async (tx) => {
    await tx.personalAccessToken.create({
      data: {
        id,
        userId: owner.id,
        companyId: company.id,
        name: data.name,
        digest: digest(token, "token-digest"),
        lastFour: lastFour(token),
        scopes: data.scopes,
        expiresAt,
        createdAt: now,
      },
    });
    await writeAudit(
      tx,
      owner,
      {
        event: "personal_token.created",
        targetType: "personal_token",
        targetId: id,
        companyId: company.id,
        metadata: { name: data.name, scopes: data.scopes, expiresAt: expiresAt.toISOString() },
      },
      ctx,
    );
  });
  return {
    token,
    row: {
      id,
      name: data.name,
      companyId: company.id,
      companyName: company.name,
      scopes: data.scopes,
      lastFour: lastFour(token),
      createdAt: now,
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      state: "active",
    },
  };
}

/** The owner's tokens, newest first (never their values). */
export async function listPersonalTokens(ownerId: string, now = new Date()): Promise<TokenRow[]> {
  const rows = await db().personalAccessToken.findMany({
    where: { userId: ownerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  const companies = await db().company.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.companyId))] } },
    select: { id: true, name: true },
  });
  const names = new Map(companies.map((c) => [c.id, c.name]));
  return rows.map((r) => tokenRowOf(r, names.get(r.companyId) ?? "(deleted company)", now));
}

/** Revokes one of the owner's tokens at once (another person's token is not found). */
export async function revokePersonalToken(
  owner: { id: string; email: string },
  tokenId: unknown,
  ctx: RequestContext | null,
): Promise<{ name: string }> {
  if (typeof tokenId !== "string" || tokenId.length > 64) throw new AppError("not_found", "That token was not found.");
  return db().$transaction(async (tx) => {
    const row = await tx.personalAccessToken.findFirst({ where: { id: tokenId, userId: owner.id } });
    if (!row) throw new AppError("not_found", "That token was not found.");
    if (row.revokedAt) return { name: row.name };
    await tx.personalAccessToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    await writeAudit(
      tx,
      owner,
      {
        event: "personal_token.revoked",
        targetType: "personal_token",
        targetId: row.id,
        companyId: row.companyId,
        metadata: { name: row.name },
      },
      ctx,
    );
    return { name: row.name };
  });
}

/** A token made for the company, with its owner (what a Delegated Administrator sees; never the value). */
export interface CompanyTokenRow extends TokenRow {
  owner: { id: string; email: string; name: string; member: boolean };
}

const tokenState = (r: { revokedAt: Date | null; expiresAt: Date }, now: Date): TokenRow["state"] =>
  r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : "active";

/**
 * Every personal access token made for the company (by its members, or by people who have left it: theirs
 * no longer work, as roles are read at each call, but they are shown until they expire), active first,
 * then newest first. Delegated Administrators only; anyone else gets "not found".
 */
export async function listCompanyPersonalTokens(actor: Person, companyId: string, now = new Date()): Promise<CompanyTokenRow[]> {
  await requireCompanyRole(db(), actor, companyId, "members.tokens.manage");
  const rows = await db().personalAccessToken.findMany({
    where: { companyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  const out = await companyTokenRows(companyId, rows, now);
  return out.sort((a, b) => Number(b.state === "active") - Number(a.state === "active"));
}

/** The same tokens newest first, one keyset page at a time (the management API). */
export async function listCompanyPersonalTokensPage(
  actor: Person,
  companyId: string,
  page: PageRequest = {},
  now = new Date(),
): Promise<Page<CompanyTokenRow>> {
  await requireCompanyRole(db(), actor, companyId, "members.tokens.manage");
  const limit = pageLimit(page.limit);
  const rows = await db().personalAccessToken.findMany({
    where: { AND: [{ companyId }, afterCursor(decodeTimeCursor(page.cursor), "desc")] },
    orderBy: keysetOrder("desc"),
    take: limit + 1,
  });
  const shown = pageOf(rows, limit);
  return { items: await companyTokenRows(companyId, shown.rows, now), nextCursor: shown.nextCursor };
}

type TokenRecord = Awaited<ReturnType<Db["personalAccessToken"]["findMany"]>>[number];

/** A token as the lists show it (never its value), with its company's name. */
function tokenRowOf(r: TokenRecord, companyName: string, now: Date): TokenRow {
  return {
    id: r.id,
    name: r.name,
    companyId: r.companyId,
    companyName,
    scopes: scopesOf(r.scopes),
    lastFour: r.lastFour,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    state: tokenState(r, now),
  };
}

/** The rows as the lists show them: with the company's name and each owner (and whether still a member). */
async function companyTokenRows(companyId: string, rows: TokenRecord[], now: Date): Promise<CompanyTokenRow[]> {
  const ownerIds = [...new Set(rows.map((r) => r.userId))];
  const [company, owners, members] = await Promise.all([
    db().company.findUnique({ where: { id: companyId }, select: { name: true } }),
    db().user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, email: true, name: true } }),
    db().membership.findMany({ where: { companyId, userId: { in: ownerIds } }, select: { userId: true } }),
  ]);
  const byId = new Map(owners.map((o) => [o.id, o]));
  const memberIds = new Set(members.map((m) => m.userId));
  return rows.map((r) => {
    const owner = byId.get(r.userId);
    return {
      ...tokenRowOf(r, company?.name ?? "", now),
      owner: { id: r.userId, email: owner?.email ?? "(deleted account)", name: owner?.name ?? "", member: memberIds.has(r.userId) },
    };
  });
}

/**
 * A Delegated Administrator revokes a token made for their company (a member's, their own, or a former
 * member's): at once, audited in the company with the owner named, and the owner is told by mail
 * (a security notice through the outbox, in the same transaction). Another company's token is "not found".
 */
export async function revokeCompanyPersonalToken(
  actor: Person,
  companyId: string,
  tokenId: unknown,
  ctx: RequestContext | null,
  now = new Date(),
): Promise<{ name: string; ownerEmail: string }> {
  if (typeof tokenId !== "string" || tokenId.length > 64) throw new AppError("not_found", "That token was not found.");
  return db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "members.tokens.manage");
    const row = await tx.personalAccessToken.findFirst({ where: { id: tokenId, companyId } });
    if (!row) throw new AppError("not_found", "That token was not found.");
    const owner = await tx.user.findUnique({ where: { id: row.userId }, select: { id: true, email: true } });
    const ownerEmail = owner?.email ?? "(deleted account)";
    // A conditional update: of two concurrent revocations only one writes the audit entry and the mail.
    const { count } = await tx.personalAccessToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) return { name: row.name, ownerEmail };
    await writeAudit(
      tx,
      actor,
      {
        event: "personal_token.revoked",
        targetType: "personal_token",
        targetId: row.id,
        companyId,
        metadata: { name: row.name, ownerId: row.userId, ownerEmail, byDelegatedAdministrator: true },
      },
      ctx,
    );
    if (owner && owner.id !== actor.id) {
      const company = await tx.company.findUnique({ where: { id: companyId }, select: { name: true } });
      await mailPersonalTokenRevoked(tx, owner.id, {
        tokenName: row.name,
        lastFour: row.lastFour,
        companyName: company?.name ?? "",
        by: actor.email,
      });
    }
    return { name: row.name, ownerEmail };
  });
}

/** Who a valid token acts for at this moment. */
export interface TokenPrincipal {
  tokenId: string;
  tokenName: string;
  scopes: TokenScope[];
  expiresAt: Date;
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean; emailVerified: boolean };
  company: { id: string; name: string; status: string };
  /** The owner's roles in the token's company now (empty when they left it). */
  roles: Role[];
}

export const INVALID_TOKEN = "The access token is missing, malformed, expired or revoked.";

/** Checks a presented token and reads its owner's standing now. Throws "unauthenticated" otherwise. */
export async function authenticatePersonalToken(presented: string | null | undefined, now = new Date()): Promise<TokenPrincipal> {
  if (!presented || !isWellFormedToken("personal", presented)) throw new AppError("unauthenticated", INVALID_TOKEN);
  const row = await db().personalAccessToken.findUnique({ where: { digest: digest(presented, "token-digest") } });
  if (!row || row.revokedAt || row.expiresAt <= now) throw new AppError("unauthenticated", INVALID_TOKEN);
  const [standing, company] = await Promise.all([
    ownerStanding(row.userId, row.companyId),
    db().company.findUnique({ where: { id: row.companyId }, select: { id: true, name: true, status: true } }),
  ]);
  if (!standing || !company) throw new AppError("unauthenticated", INVALID_TOKEN);
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db().personalAccessToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    tokenId: row.id,
    tokenName: row.name,
    scopes: scopesOf(row.scopes),
    expiresAt: row.expiresAt,
    user: {
      id: standing.user.id,
      email: standing.user.email,
      name: standing.user.name,
      isPlatformAdmin: standing.user.isPlatformAdmin,
      emailVerified: standing.user.emailVerified,
    },
    company,
    roles: standing.roles,
  };
}

/** Companies the person may create a token for: theirs, and every company for the platform administrator. */
export async function tokenCompanyChoices(user: { id: string; isPlatformAdmin: boolean }): Promise<{ id: string; name: string }[]> {
  if (canPlatform(user, "companies.read"))
    return db().company.findMany({ select: { id: true, name: true }, orderBy: { nameKey: "asc" }, take: 500 });
  const rows = await db().membership.findMany({
    where: { userId: user.id },
    select: { company: { select: { id: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.company);
}
