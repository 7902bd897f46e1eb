import "server-only";
// Which "Getting started" cards a person dismissed (User.guidesDismissed: space-separated ids).
import { db } from "../db";

export const GUIDE_IDS = ["developer", "company", "platform"] as const; // read-only
export type GuideId = (typeof GUIDE_IDS)[number];

export function isOnboardingGuideId(value: unknown): value is GuideId {
  return typeof value === "string" && (GUIDE_IDS as readonly string[]).includes(value);
}

/** The cards named in a User.guidesDismissed value. */
export function parseDismissedGuides(value: string | null | undefined): Set<GuideId> {
  return new Set((value ?? "").split(" ").filter(isOnboardingGuideId));
}

export async function dismissedGuides(userId: string): Promise<Set<GuideId>> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { guidesDismissed: true } });
  return parseDismissedGuides(user?.guidesDismissed);
}
