"use server";
import { redirect } from "next/navigation";
import { startSession } from "@/lib/auth/start-session";
import { enforce } from "@/lib/limiter";
import { secondStepFor } from "@/lib/security/two-factor/sign-in";
import { publicAction, safeReturnPath } from "@/lib/server/actions";
import { signUp, verifyCredentials } from "@/lib/users/accounts";
import type { FormState } from "@/lib/validation/form-state";

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const returnTo = safeReturnPath(form.get("callbackUrl"));
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
  return publicAction(
    async ({ request }) => {
      await enforce("signIn", request.ip, "Too many sign-in attempts from your address.");
      const user = await verifyCredentials({ email, password }, request);
      // Issue 14: a person with a second factor is asked for it before the session starts.
      const secondStep = await secondStepFor(user.id, returnTo);
      if (!secondStep) await startSession(user.id, request);
      redirect(secondStep ?? returnTo);
    },
    { email },
  );
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  return publicAction(async ({ request }) => {
    await enforce("signUp", request.ip, "Too many accounts created from your address.");
    const user = await signUp({ ...values, password: String(form.get("password") ?? "") }, request);
    await startSession(user.id, request);
    // Issue 11: the address is verified first (the page says what to do).
    redirect("/verify-email");
  }, values);
}
