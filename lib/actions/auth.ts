"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { startSession } from "@/lib/auth/start-session";
import { enforce } from "@/lib/limiter";
import { secondStepFor } from "@/lib/security/two-factor/sign-in";
import { publicFormAction, safeReturnPath } from "@/lib/server/actions";
import { assertPasswordAllowedForAddress, assertPasswordSignInAllowed } from "@/lib/sso/policy";
import { signUp, verifyCredentials } from "@/lib/users/accounts";
import type { FormState } from "@/lib/validation/form-state";

// Each form's fields, declared beside its action; lib/users checks the address, name and password rules
// itself. The password is never sent back to the form.
const signInInput = z.object({ email: z.string(), password: z.string(), callbackUrl: z.string() });
export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  return publicFormAction(
    { schema: signInInput, form, keepFields: ["email"] },
    async ({ request, input: { email, password, callbackUrl } }) => {
      // Empty fields are answered before the sign-in limiter counts an attempt.
      if (!email.trim() || !password) {
        return {
          ok: false,
          message: "Enter your email and password.",
          fieldErrors: {
            ...(email.trim() ? {} : { email: ["Enter your email address."] }),
            ...(password ? {} : { password: ["Enter your password."] }),
          },
          values: { email },
        };
      }
      const returnTo = safeReturnPath(callbackUrl);
      await enforce("signIn", request.ip, "Too many sign-in attempts from your address.");
      const user = await verifyCredentials({ email, password }, request);
      // Company single sign-on: "Require SSO for this domain" (a DA's break-glass needs a second factor).
      await assertPasswordSignInAllowed(user);
      // A person with a second factor is asked for it before the session starts.
      const secondStep = await secondStepFor(user.id, returnTo);
      if (!secondStep) await startSession(user.id, request);
      redirect(secondStep ?? returnTo);
    },
  );
}

const signUpInput = z.object({ name: z.string(), email: z.string(), password: z.string() });
export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  return publicFormAction({ schema: signUpInput, form, keepFields: ["name", "email"] }, async ({ request, input }) => {
    await enforce("signUp", request.ip, "Too many accounts created from your address.");
    await assertPasswordAllowedForAddress(input.email, "signup");
    const user = await signUp(input, request);
    await startSession(user.id, request);
    // The address is verified first (the page says what to do): no role binds to an unproven address.
    redirect("/verify-email");
  });
}
