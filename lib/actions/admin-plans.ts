"use server";
// The platform administrator's plan forms on /admin/apis/<id> (lib/plans/plans.ts checks catalog.manage again).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createPlan, deletePlan, updatePlan } from "@/lib/plans/plans";
import { checkbox, viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

// The plan form's fields; lib/plans checks the name and the limits itself.
const planInput = z.object({
  name: z.string(),
  ratePerMinute: z.string(),
  callsPerDay: z.string(),
  callsPerMonth: z.string(),
  isDefault: checkbox("on"),
});
export async function savePlanAction(apiId: string, planId: string | null, _prev: FormState, form: FormData): Promise<FormState> {
  const path = `/admin/apis/${encodeURIComponent(apiId)}`;
  const declared = { schema: planInput, form, keepFields: ["name", "ratePerMinute", "callsPerDay", "callsPerMonth", "isDefault"] } as const;
  return viewerAction({ returnTo: path, ...declared }, async ({ viewer, request, input }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const actor = actorOf(viewer);
    const plan = planId ? await updatePlan(planId, input, actor, request) : await createPlan(apiId, input, actor, request);
    revalidatePath(path);
    return { ok: true, message: planId ? `Plan ${plan.name} saved.` : `Plan ${plan.name} added.` };
  });
}

export async function deletePlanAction(apiId: string, planId: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const path = `/admin/apis/${encodeURIComponent(apiId)}`;
  return viewerAction({ returnTo: path }, async ({ viewer, request }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    await deletePlan(planId, actorOf(viewer), request);
    revalidatePath(path);
    return { ok: true, message: "Plan deleted." };
  });
}
