"use server";
import { redirect } from "next/navigation";
import { startSession } from "@/lib/auth/start-session";
import { enforce } from "@/lib/limiter";
import { secondStepFor } from "@/lib/security/two-factor/sign-in";
import { formError, safeReturnPath } from "@/lib/server/actions";
import { requestContext } from "@/lib/server/request-context";
import { signUp, verifyCredentials } from "@/lib/users/accounts";
import type { FormState } from "@/lib/validation/form-state";

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  let returnTo = safeReturnPath(form.get("callbackUrl"));
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
  try {
    const ctx = await requestContext();
    await enforce("signIn", ctx.ip, "Too many sign-in attempts from your address.");
    const user = await verifyCredentials({ email, password }, ctx);
    // Issue 14: a person with a second factor is asked for it before the session starts.
    const secondStep = await secondStepFor(user.id, returnTo);
    if (secondStep) returnTo = secondStep;
    else await startSession(user.id, ctx);
  } catch (error) {
    return formError(error, { email });
  }
  redirect(returnTo);
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  try {
    const ctx = await requestContext();
    await enforce("signUp", ctx.ip, "Too many accounts created from your address.");
    const user = await signUp({ ...values, password: String(form.get("password") ?? "") }, ctx);
    await startSession(user.id, ctx);
  } catch (error) {
    return formError(error, values);
  }
  // Issue 11: the address is verified first (the page says what to do).
  redirect("/verify-email");
}
