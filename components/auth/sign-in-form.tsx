"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { EmailField, PasswordField } from "@/components/ui/email-password-fields";
import { signInAction } from "@/lib/actions/auth";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(signInAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <EmailField defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <PasswordField autoComplete="current-password" errors={state.fieldErrors?.password} />
      <SubmitButton pendingLabel="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
