"use server";
// The server action of /company/security's secret lifetime. Thin: the rules in lib/apps/secret-lifetime.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setSecretLifetimePolicy } from "@/lib/apps/secret-lifetime";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

// The form's field; lib/apps checks the number of days itself.
const lifetimeInput = z.object({ secretLifetimeDays: z.string() });
export async function setSecretLifetimeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const declared = { schema: lifetimeInput, form, keepFields: ["secretLifetimeDays"] } as const;
  return viewerAction({ returnTo: "/company/security", ...declared }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "security.manage.company");
    const r = await setSecretLifetimePolicy(actorOf(viewer), company.companyId, input.secretLifetimeDays, request);
    revalidatePath("/company/security");
    return {
      ok: true,
      values: input,
      message: r.days
        ? `Client secrets now expire after ${r.days} days.${r.shortened ? ` ${r.shortened} existing secret${r.shortened === 1 ? "" : "s"} got an expiry.` : ""}`
        : "New Client Secrets no longer expire.",
    };
  });
}
