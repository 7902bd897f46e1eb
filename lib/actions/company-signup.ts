"use server";
// Company sign-up: the platform setting (/admin/settings) and the request form (/companies/request).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requestCompany, setCompanySignUpMode } from "@/lib/plans/company-requests";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, requirePlatformAdmin } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

// Each form's fields, declared beside its action; lib/plans checks the mode and the request itself.
const signUpModeInput = z.object({ companySignUp: z.string() });
export async function saveCompanySignUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/admin/settings", schema: signUpModeInput, form }, async ({ viewer, request, input }) => {
    requirePlatformAdmin(viewer, "settings.manage");
    await setCompanySignUpMode(actorOf(viewer), input.companySignUp, request);
    revalidatePath("/admin/settings");
    return { ok: true, message: "Settings saved." };
  });
}

const companyRequestInput = z.object({ name: z.string(), website: z.string(), why: z.string() });
export async function requestCompanyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: companyRequestInput, form, keepFields: ["name", "website", "why"] } as const;
  return viewerAction({ returnTo: "/companies/request", ...declared }, async ({ viewer, request, input }) => {
    const result = await requestCompany(actorOf(viewer), input, request);
    if (result.outcome === "created") redirect("/company/users");
    revalidatePath("/companies/request");
    return { ok: true, message: "Company requested. The platform administrator decides; you will get an email." };
  });
}
