"use server";
// Server actions of /company/registration-tokens (Delegated Administrators): create and revoke RFC 7591
// initial access tokens. Thin: the session here, the rules in lib/oauth/dynamic-registration.ts.
import { revalidatePath } from "next/cache";
import { createInitialAccessToken, revokeInitialAccessToken } from "@/lib/oauth/dynamic-registration";
import { viewerAction } from "@/lib/server/actions";
import { actorOf, companyFor } from "@/lib/server/session";
import type { FormState } from "@/lib/validation/form-state";

export interface InitialTokenState extends FormState {
  token?: string;
}

const returnTo = "/company/registration-tokens";

export async function createInitialTokenAction(_prev: InitialTokenState, form: FormData): Promise<InitialTokenState> {
  const values = {
    name: String(form.get("name") ?? ""),
    expiresInDays: String(form.get("expiresInDays") ?? ""),
    maxUses: String(form.get("maxUses") ?? ""),
  };
  return viewerAction({ returnTo, values }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "apps.registration_tokens.manage");
    const r = await createInitialAccessToken(
      actorOf(viewer),
      company.companyId,
      {
        ...values,
        grantTypes: form.getAll("grantTypes").map(String),
        apiIds: form.getAll("apiIds").map(String),
        acceptTerms: form.get("acceptTerms") !== null,
      },
      request,
    );
    revalidatePath(returnTo);
    return { ok: true, token: r.token, message: "Copy the initial access token now: it is shown only once." };
  });
}

export async function revokeInitialTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  return viewerAction({ returnTo }, async ({ viewer, request }) => {
    const company = companyFor(viewer, "apps.registration_tokens.manage");
    const r = await revokeInitialAccessToken(actorOf(viewer), company.companyId, form.get("tokenId"), request);
    revalidatePath(returnTo);
    return { ok: true, message: `“${r.name}” was revoked.` };
  });
}
