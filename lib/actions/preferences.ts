"use server";
// Server actions of a person's display preferences: the time zone on /account and dismissing a
// "Getting started" card. Each checks the session itself and hands the work to lib/users or lib/onboarding.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { dismissGuide } from "@/lib/onboarding/dismiss";
import { viewerAction } from "@/lib/server/actions";
import { setTimeZone } from "@/lib/users/preferences";
import type { FormState } from "@/lib/validation/form-state";

// Each form's fields, declared beside its action; lib/users and lib/onboarding check the values.
const timeZoneInput = z.object({ timeZone: z.string() });
export async function setTimeZoneAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: timeZoneInput, form, keepFields: ["timeZone"] } as const;
  return viewerAction({ returnTo: "/account", allowUnverified: true, ...declared }, async ({ viewer, request, input }) => {
    const saved = await setTimeZone(viewer.user.id, input.timeZone, request);
    revalidatePath("/", "layout");
    return { ok: true, message: saved ? `Dates are shown in ${saved}.` : "Dates are shown in your browser's time zone." };
  });
}

const guideInput = z.object({ guide: z.string() });
export async function dismissGuideAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/apps", schema: guideInput, form }, async ({ viewer, request, input }) => {
    await dismissGuide(viewer.user.id, input.guide, request);
    revalidatePath("/", "layout");
    return { ok: true, message: "The Getting started card is dismissed." };
  });
}
