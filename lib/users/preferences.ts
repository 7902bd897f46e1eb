import "server-only";
// A person's display preferences: the time zone dates are shown in (/account) and the "Getting
// started" cards they dismissed (lib/onboarding). Both audited, like every change to an account.
import { z } from "zod";
import { writeAudit } from "../audit";
import { db } from "../db";
import { isTimeZone } from "../format";
import type { RequestContext } from "../server/request-context";
import { parseInput } from "../validation/common";

/** "" is "Browser default"; anything else must be an IANA zone this runtime knows. */
export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine((v) => v === "" || isTimeZone(v), "Choose a time zone from the list.");

export async function timeZoneOf(userId: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { timeZone: true } });
  return user?.timeZone ?? null;
}

/** Saves the zone (null for the browser's); returns what is now saved. */
export async function setTimeZone(userId: string, input: unknown, ctx?: RequestContext | null): Promise<string | null> {
  const zone = parseInput(timeZoneSchema, input) || null;
  await db().$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { timeZone: zone } });
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "user.time_zone_changed", targetType: "user", targetId: user.id, metadata: { timeZone: zone ?? "browser" } },
      ctx,
    );
  });
  return zone;
}
