"use server";
// Server actions of /company/registration-tokens (Delegated Administrators): create and revoke RFC 7591
// initial access tokens. Thin: the session here, the rules in lib/oauth/registration/initial-tokens.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createInitialAccessToken, revokeInitialAccessToken } from "@/lib/oauth/registration/initial-tokens";
import { checkbox, viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

export interface InitialTokenState extends FormState {
  token?: string;
}

const returnTo = "/company/registration-tokens";

// The form's fields; lib/oauth/registration checks the name, limits, grant types and APIs itself.
const initialTokenInput = z.object({
  name: z.string(),
  expiresInDays: z.string(),
  maxUses: z.string(),
  grantTypes: z.array(z.string()),
  apiIds: z.array(z.string()),
  acceptTerms: checkbox(),
});
export async function createInitialTokenAction(_prev: InitialTokenState, form: FormData): Promise<InitialTokenState> {
  const declared = { schema: initialTokenInput, form, keepFields: ["name", "expiresInDays", "maxUses"] } as const;
  return viewerAction({ returnTo, ...declared }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "apps.registration_tokens.manage");
    const r = await createInitialAccessToken(actorOf(viewer), company.companyId, input, request);
    revalidatePath(returnTo);
    return { ok: true, token: r.token, message: "Copy the initial access token now: it is shown only once." };
  });
}

const tokenIdInput = z.object({ tokenId: z.string() });
export async function revokeInitialTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo, schema: tokenIdInput, form }, async ({ viewer, request, input }) => {
    const company = companyFor(viewer, "apps.registration_tokens.manage");
    const r = await revokeInitialAccessToken(actorOf(viewer), company.companyId, input.tokenId, request);
    revalidatePath(returnTo);
    return { ok: true, message: `“${r.name}” was revoked.` };
  });
}
