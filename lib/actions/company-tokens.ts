"use server";
// Server action of /company/tokens (Delegated Administrators): revoke a personal access token made for
// the company. Thin: the session here, the rules in lib/users/personal-tokens.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import { revokeCompanyPersonalToken } from "@/lib/users/personal-tokens";
import type { FormState } from "@/lib/validation/form-state";

const tokenIdInput = z.object({ tokenId: z.string() });
export async function revokeCompanyTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo: "/company/tokens", schema: tokenIdInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "members.tokens.manage");
    const r = await revokeCompanyPersonalToken(actorOf(viewer), company.companyId, input.tokenId, request);
    revalidatePath("/company/tokens");
    return { ok: true, message: `The token “${r.name}” of ${r.ownerEmail} was revoked. It no longer works.` };
  });
}
