"use server";
import { redirect } from "next/navigation";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { formError, safeReturnPath } from "@/lib/actions";
import { requestContext } from "@/lib/request-context";
import { enforce } from "@/lib/rate-limit";
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
  try {
    const ctx = await requestContext();
    await enforce("signIn", ctx.ip, "Too many sign-in attempts from your address.");
    const user = await verifyCredentials({ email, password }, ctx);
    // The post-password step (a second factor would come between these two lines).
    await completeSignIn(user, ctx);
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
    await completeSignIn(user, ctx);
  } catch (error) {
    return formError(error, values);
  }
  redirect("/verify-email");
}
