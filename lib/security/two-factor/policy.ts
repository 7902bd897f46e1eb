import "server-only";
// Who must have a second factor: members of a company whose Delegated Administrator set "Require
// two-step sign-in", everyone when the platform administrator requires it platform-wide, and platform
// administrators when CONSOLE_REQUIRE_2FA_FOR_ADMINS=1. Such a person without a factor is sent to
// /account/security before any other console page opens (lib/server/session.ts requireViewer calls
// enforceTwoFactorPolicy); their apps keep working, since the token service does not ask.
import { redirect } from "next/navigation";
import { cache } from "react";
import { type Actor, writeAudit } from "../../audit";
import { db } from "../../db";
import { type ExistsCheck, existsEach, placeholders } from "../../db/exists";
import { env } from "../../env";
import type { RequestContext } from "../../server/request-context";
import type { Viewer } from "../../users/viewer";
import { hasSecondFactor } from "./factors";

export const PLATFORM_POLICY_KEY = "security.requireTwoFactor";
export const ENROL_PATH = "/account/security";

export async function platformRequiresTwoFactor(): Promise<boolean> {
  const row = await db().setting.findUnique({ where: { key: PLATFORM_POLICY_KEY } });
  return row?.value === "1";
}

export async function companyRequiresTwoFactor(companyId: string): Promise<boolean> {
  const row = await db().companySecurityPolicy.findUnique({ where: { companyId } });
  return Boolean(row?.requireTwoFactor);
}

/** Why the viewer must have a second factor (the first reason found), or null. */
export async function twoFactorRequirement(viewer: Viewer): Promise<string | null> {
  if (viewer.user.isPlatformAdmin && env().requireTwoFactorForAdmins) return "Platform administrators must use two-step sign-in.";
  const ids = viewer.memberships.map((m) => m.companyId);
  // Both reads at once (one round trip's wait instead of two); the platform's reason still comes first.
  const [platform, row] = await Promise.all([
    platformRequiresTwoFactor(),
    ids.length ? db().companySecurityPolicy.findFirst({ where: { companyId: { in: ids }, requireTwoFactor: true } }) : null,
  ]);
  if (platform) return "The platform requires two-step sign-in.";
  if (row) {
    const name = viewer.memberships.find((m) => m.companyId === row.companyId)?.companyName ?? "Your company";
    return `${name} requires two-step sign-in.`;
  }
  return null;
}

/**
 * Whether the viewer must enrol before anything else: once per request (React cache, keyed by the
 * request's viewer from getViewer), however many times the layout, metadata and page ask.
 */
const mustEnrol = cache(async (viewer: Viewer): Promise<boolean> => {
  if (!(await isTwoFactorRequired(viewer))) return false;
  return !(await hasSecondFactor(viewer.user.id));
});

/**
 * Whether twoFactorRequirement would give a reason, as one statement (every console page asks this;
 * the reason's wording is only needed on /account/security).
 */
export async function isTwoFactorRequired(viewer: Viewer): Promise<boolean> {
  if (viewer.user.isPlatformAdmin && env().requireTwoFactorForAdmins) return true;
  const ids = viewer.memberships.map((m) => m.companyId);
  const checks: Record<string, ExistsCheck> = {
    platform: { from: `"Setting"`, where: `"key" = ? AND "value" = ?`, values: [PLATFORM_POLICY_KEY, "1"] },
  };
  if (ids.length)
    checks.company = {
      from: `"CompanySecurityPolicy"`,
      where: `"companyId" IN (${placeholders(ids.length)}) AND "requireTwoFactor"`,
      values: ids,
    };
  const found = await existsEach(checks);
  return Object.values(found).some(Boolean);
}

/** Pages and server actions: sends a person who must enrol to /account/security first. */
export async function enforceTwoFactorPolicy(viewer: Viewer, path: string): Promise<void> {
  if (path === ENROL_PATH || path.startsWith(`${ENROL_PATH}?`) || path.startsWith("/account/verify")) return;
  if (await mustEnrol(viewer)) redirect(`${ENROL_PATH}?required=1`);
}

export async function setCompanyTwoFactorPolicy(
  actor: Actor & { id: string },
  companyId: string,
  requireTwoFactor: boolean,
  ctx: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.companySecurityPolicy.upsert({
      where: { companyId },
      create: { companyId, requireTwoFactor, updatedById: actor.id },
      update: { requireTwoFactor, updatedById: actor.id },
    });
    await writeAudit(
      tx,
      actor,
      { event: "company.two_factor_policy_changed", targetType: "company", targetId: companyId, companyId, metadata: { requireTwoFactor } },
      ctx,
    );
  });
}

export async function setPlatformTwoFactorPolicy(
  actor: Actor & { id: string },
  requireTwoFactor: boolean,
  ctx: RequestContext,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const value = requireTwoFactor ? "1" : "0";
    await tx.setting.upsert({ where: { key: PLATFORM_POLICY_KEY }, create: { key: PLATFORM_POLICY_KEY, value }, update: { value } });
    await writeAudit(
      tx,
      actor,
      { event: "platform.two_factor_policy_changed", targetType: "platform", metadata: { requireTwoFactor } },
      ctx,
    );
  });
}
