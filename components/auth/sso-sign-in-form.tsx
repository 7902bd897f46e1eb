"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { EmailField } from "@/components/ui/email-password-fields";
import { ssoSignInAction } from "@/lib/actions/sso-signin";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export function SsoSignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action] = useActionState(ssoSignInAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && !state.fieldErrors?.email ? <Alert>{state.message}</Alert> : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <EmailField
        id="sso-email"
        hint="Your work address: you continue at your company's identity provider."
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <SubmitButton pendingLabel="Continuing…" className="w-full">
        Continue
      </SubmitButton>
    </form>
  );
}
