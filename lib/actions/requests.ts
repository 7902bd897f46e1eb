"use server";
// Requests and approvals: asking (Request access, Change plan), deciding (the inbox), and the
// "Requires approval" switch of an API. lib/plans checks every right again.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { appActorFor } from "@/lib/apps/access";
import { AppError } from "@/lib/errors";
import { setRequiresApproval } from "@/lib/plans/plans";
import { decideRequest, requestApiAccess, requestPlanChange } from "@/lib/plans/requests";
import { checkbox, viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin, type Viewer } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

function appActor(viewer: Viewer) {
  const actor = appActorFor(viewer);
  if (!actor) throw new AppError("not_found", "Choose a company first.");
  return actor;
}

// Each form's fields, declared beside its action; lib/plans checks the reason and the plan itself.
const reasonInput = z.object({ reason: z.string() });
export async function requestAccessAction(apiId: string, slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: reasonInput, form, keepFields: ["reason"] } as const;
  return viewerAction({ returnTo: `/apis/${slug}`, ...declared }, async ({ viewer, request, input }) => {
    await requestApiAccess(appActor(viewer), apiId, input, request);
    revalidatePath(`/apis/${slug}`);
    return { ok: true, message: "Access requested. The platform administrator decides; you will get an email." };
  });
}

const planChangeInput = z.object({ planId: z.string(), reason: z.string() });
export async function requestPlanChangeAction(appId: string, apiId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const path = `/apps/${encodeURIComponent(appId)}/usage`;
  const declared = { schema: planChangeInput, form, keepFields: ["planId", "reason"] } as const;
  return viewerAction({ returnTo: path, ...declared }, async ({ viewer, request, input }) => {
    await requestPlanChange(appActor(viewer), appId, { apiId, ...input }, request);
    revalidatePath(path);
    return { ok: true, message: "Plan change requested. The current plan stays until the platform administrator approves." };
  });
}

const decisionInput = z.object({ decision: z.string(), reason: z.string() });
export async function decideRequestAction(requestId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: decisionInput, form, keepFields: ["reason"] } as const;
  return viewerAction({ returnTo: "/admin/requests", ...declared }, async ({ viewer, request, input }) => {
    requirePlatformAdmin(viewer, "requests.manage");
    const decision = input.decision === "approve" ? "approve" : "reject";
    await decideRequest(requestId, decision, { reason: input.reason }, actorOf(viewer), request);
    revalidatePath("/admin/requests");
    return { ok: true, message: decision === "approve" ? "Approved." : "Rejected." };
  });
}

const requiresApprovalInput = z.object({ requiresApproval: checkbox("on") });
export async function setRequiresApprovalAction(apiId: string, _prev: FormState, form: FormData): Promise<FormState> {
  const path = `/admin/apis/${encodeURIComponent(apiId)}`;
  return viewerAction({ returnTo: path, schema: requiresApprovalInput, form }, async ({ viewer, request, input }) => {
    requirePlatformAdmin(viewer, "catalog.manage");
    const on = input.requiresApproval;
    await setRequiresApproval(apiId, on, actorOf(viewer), request);
    revalidatePath(path);
    return {
      ok: true,
      message: on ? "New subscriptions to this API now wait for approval." : "New subscriptions to this API are active at once.",
    };
  });
}
