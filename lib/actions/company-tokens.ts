"use server";
// Server action of /company/tokens (Delegated Administrators): revoke a personal access token made for
// the company. Thin: the session here, the rules in lib/management/personal-tokens.ts.
import { revalidatePath } from "next/cache";
import { revokeCompanyPersonalToken } from "@/lib/management/personal-tokens";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

export async function revokeCompanyTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/tokens" }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "members.tokens.manage");
    const r = await revokeCompanyPersonalToken(actorOf(viewer), company.companyId, form.get("tokenId"), request);
    revalidatePath("/company/tokens");
    return { ok: true, message: `The token “${r.name}” of ${r.ownerEmail} was revoked. It no longer works.` };
  });
}
