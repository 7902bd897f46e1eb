"use server";
// "Continue" on /signin/sso: to the identity provider of the company that verified the address's domain.
import { z } from "zod";
import { enforce } from "@/lib/limiter";
import { publicFormAction, safeReturnPath } from "@/lib/server/actions";
import { startSsoSignIn } from "@/lib/sso/start";
import type { FormState } from "@/lib/validation/form-state";
import { redirectToIdentityProvider } from "./identity-provider-redirect";

const ssoSignInInput = z.object({ email: z.string(), callbackUrl: z.string() });
export async function ssoSignInAction(_prev: FormState, form: FormData): Promise<FormState> {
  return publicFormAction({ schema: ssoSignInInput, form, keepFields: ["email"] }, async ({ request, input }) => {
    await enforce("signIn", request.ip, "Too many sign-in attempts from your address.");
    const started = await startSsoSignIn({ email: input.email, returnTo: safeReturnPath(input.callbackUrl) }, request);
    return redirectToIdentityProvider(started);
  });
}
