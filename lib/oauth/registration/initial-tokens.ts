import "server-only";
// Initial access tokens (`apci_…`): a Delegated Administrator creates them for the company (expiry,
// number of uses, the grant types and APIs a registration may ask for, and the Terms of Service accepted
// for apps registered with one); POST /oauth2/register spends one (lib/oauth/registration/client-registration.ts).
import { z } from "zod";
import { companyMayUse } from "../../apis/catalog";
import { generateChecksummedToken, lastFour } from "../../apps/credentials";
import { writeAudit } from "../../audit";
import { type Person, requireCompanyRole } from "../../companies/guards";
import { db } from "../../db";
import { AppError } from "../../errors";
import { newId } from "../../ids";
import { digest } from "../../security/crypto";
import type { RequestContext } from "../../server/request-context";
import { currentTerms } from "../../terms";
import { GRANT_TYPES, type GrantType, parseGrantTypes } from "../../validation/app-registration";
import { parseInput } from "../../validation/common";

const DAY_MS = 86_400_000;

// ---------- initial access tokens (DA, company page) ----------
export const initialTokenSchema = z.object({
  name: z
    .string({ error: "Enter a name for the token." })
    .trim()
    .min(1, "Enter a name for the token.")
    .max(100, "Use at most 100 characters."),
  expiresInDays: z.coerce
    .number({ error: "Choose when it expires." })
    .int()
    .min(1, "Choose when it expires.")
    .max(366, "At most one year."),
  maxUses: z.coerce
    .number({ error: "Enter how many registrations it allows." })
    .int()
    .min(1, "At least one registration.")
    .max(1000, "At most 1000 registrations."),
  grantTypes: z.array(z.enum(GRANT_TYPES, { error: "Choose grant types from the list." })).min(1, "Choose at least one grant type."),
  apiIds: z.array(z.string().max(64)).min(1, "Choose at least one API."),
  acceptTerms: z.literal(true, { error: "Agree to the Terms of Service for the apps registered with this token." }),
});

export interface InitialTokenRow {
  id: string;
  name: string;
  lastFour: string;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  grantTypes: GrantType[];
  apiIds: string[];
  createdAt: Date;
  revokedAt: Date | null;
  createdByEmail: string | null;
  state: "active" | "expired" | "used up" | "revoked";
}

export const idList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export async function createInitialAccessToken(
  actor: Person,
  companyId: string,
  input: unknown,
  ctx: RequestContext | null,
  now = new Date(),
) {
  const data = parseInput(initialTokenSchema, input);
  await requireCompanyRole(db(), actor, companyId, "apps.registration_tokens.manage");
  if (!(await companyMayUse(companyId, data.apiIds))) {
    const message = "Your company may not use one of the chosen APIs.";
    throw new AppError("validation", message, { fieldErrors: { apiIds: [message] } });
  }
  const terms = await currentTerms();
  if (!terms) throw new AppError("unavailable", "The Terms of Service are not published yet.");
  const token = generateChecksummedToken("initialAccess");
  const id = newId("initialToken");
  const grantTypes = GRANT_TYPES.filter((g) => data.grantTypes.includes(g));
  const expiresAt = new Date(now.getTime() + data.expiresInDays * DAY_MS);
  await db().$transaction(async (tx) => {
    await tx.initialAccessToken.create({
      data: {
        id,
        companyId,
        createdById: actor.id,
        name: data.name,
        digest: digest(token, "token-digest"),
        lastFour: lastFour(token),
        expiresAt,
        maxUses: data.maxUses,
        grantTypes,
        apiIds: [...new Set(data.apiIds)],
        termsVersion: terms.version,
        createdAt: now,
      },
    });
    await writeAudit(
      tx,
      actor,
      {
        event: "initial_access_token.created",
        targetType: "initial_access_token",
        targetId: id,
        companyId,
        metadata: {
          name: data.name,
          maxUses: data.maxUses,
          grantTypes,
          apiIds: data.apiIds,
          expiresAt: expiresAt.toISOString(),
          termsVersion: terms.version,
        },
      },
      ctx,
    );
  });
  return { token, id };
}

export async function listInitialAccessTokens(actor: Person, companyId: string, now = new Date()): Promise<InitialTokenRow[]> {
  await requireCompanyRole(db(), actor, companyId, "apps.registration_tokens.manage");
  const rows = await db().initialAccessToken.findMany({
    where: { companyId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  const creatorIds = [...new Set(rows.map((r) => r.createdById))];
  const people = await db().user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, email: true } });
  const emails = new Map(people.map((p) => [p.id, p.email]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    lastFour: r.lastFour,
    expiresAt: r.expiresAt,
    maxUses: r.maxUses,
    uses: r.uses,
    grantTypes: parseGrantTypes(r.grantTypes),
    apiIds: idList(r.apiIds),
    createdAt: r.createdAt,
    revokedAt: r.revokedAt,
    createdByEmail: emails.get(r.createdById) ?? null,
    state: r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : r.uses >= r.maxUses ? "used up" : "active",
  }));
}

export async function revokeInitialAccessToken(
  actor: Person,
  companyId: string,
  tokenId: unknown,
  ctx: RequestContext | null,
): Promise<{ name: string }> {
  if (typeof tokenId !== "string" || tokenId.length > 64) throw new AppError("not_found", "That token was not found.");
  return db().$transaction(async (tx) => {
    await requireCompanyRole(tx, actor, companyId, "apps.registration_tokens.manage");
    const row = await tx.initialAccessToken.findFirst({ where: { id: tokenId, companyId } });
    if (!row) throw new AppError("not_found", "That token was not found.");
    if (!row.revokedAt) {
      await tx.initialAccessToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
      await writeAudit(
        tx,
        actor,
        {
          event: "initial_access_token.revoked",
          targetType: "initial_access_token",
          targetId: row.id,
          companyId,
          metadata: { name: row.name },
        },
        ctx,
      );
    }
    return { name: row.name };
  });
}
