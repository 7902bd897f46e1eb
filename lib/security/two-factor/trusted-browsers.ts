import "server-only";
// "Trust this browser for 30 days": after a second step, a random token in an httpOnly cookie (only its
// digest is stored) lets this browser skip the second step for that person. Listed and revocable on
// /account/security; removed when the person's factors are removed or reset.
import { cookies } from "next/headers";
import { type Actor, writeAudit } from "../../audit";
import { db } from "../../db";
import { env } from "../../env";
import { randomBase62 } from "../../ids";
import type { RequestContext } from "../../server/request-context";
import { digest } from "../crypto";
import { mfaId } from "./factors";

export const TRUSTED_BROWSER_COOKIE = "console_trusted_browser";
export const TRUST_DAYS = 30;

const tokenDigest = (token: string) => digest(`trusted-browser:${token}`, "token-digest");

export async function trustThisBrowser(person: Actor & { id: string }, ctx: RequestContext): Promise<void> {
  const token = `tb_${randomBase62(40)}`;
  const expiresAt = new Date(Date.now() + TRUST_DAYS * 86400_000);
  await db().$transaction(async (tx) => {
    const row = await tx.trustedBrowser.create({
      data: { id: mfaId("tbr"), userId: person.id, tokenDigest: tokenDigest(token), userAgent: ctx.userAgent.slice(0, 200), expiresAt },
    });
    await writeAudit(
      tx,
      person,
      { event: "two_factor.browser_trusted", targetType: "user", targetId: person.id, metadata: { browserId: row.id } },
      ctx,
    );
  });
  (await cookies()).set(TRUSTED_BROWSER_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().secureCookies,
    path: "/",
    maxAge: TRUST_DAYS * 86400,
  });
}

/** True when this browser carries a live trust token of `userId`. */
export async function isTrustedBrowser(userId: string): Promise<boolean> {
  const token = (await cookies()).get(TRUSTED_BROWSER_COOKIE)?.value;
  if (!token || token.length > 100) return false;
  const row = await db().trustedBrowser.findUnique({ where: { tokenDigest: tokenDigest(token) } });
  if (!row || row.userId !== userId || row.expiresAt < new Date()) return false;
  await db().trustedBrowser.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return true;
}

export async function listTrustedBrowsers(userId: string) {
  return db().trustedBrowser.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, userAgent: true, createdAt: true, expiresAt: true, lastUsedAt: true },
  });
}

/** Revokes one trusted browser (or all of them with id "all"). */
export async function revokeTrustedBrowsers(person: Actor & { id: string }, id: string, ctx: RequestContext): Promise<number> {
  return db().$transaction(async (tx) => {
    const removed = await tx.trustedBrowser.deleteMany({ where: { userId: person.id, ...(id === "all" ? {} : { id }) } });
    if (removed.count) {
      await writeAudit(
        tx,
        person,
        {
          event: "two_factor.browser_trust_revoked",
          targetType: "user",
          targetId: person.id,
          metadata: { browserId: id, count: removed.count },
        },
        ctx,
      );
    }
    return removed.count;
  });
}
