import "server-only";
// "Dismiss" on a Getting started card: saved on the person, audited like every account change.
import { writeAudit } from "../audit";
import { db } from "../db";
import { AppError } from "../errors";
import type { RequestContext } from "../server/request-context";
import { dismissedGuides, isOnboardingGuideId } from "./guide-ids";

export async function dismissGuide(userId: string, guide: unknown, ctx?: RequestContext | null): Promise<void> {
  if (!isOnboardingGuideId(guide)) throw new AppError("validation", "Unknown card.");
  const dismissed = await dismissedGuides(userId);
  dismissed.add(guide);
  await db().$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: userId }, data: { guidesDismissed: [...dismissed].sort().join(" ") } });
    await writeAudit(
      tx,
      { id: user.id, email: user.email },
      { event: "user.guide_dismissed", targetType: "user", targetId: user.id, metadata: { guide } },
      ctx,
    );
  });
}
