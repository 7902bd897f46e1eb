"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { EmailField, PasswordField } from "@/components/ui/email-password-fields";
import { Field } from "@/components/ui/field";
import { signUpAction } from "@/lib/actions/auth";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";
import { PASSWORD_RULE_TEXT } from "@/lib/validation/rules";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Field
        id="name"
        name="name"
        label="Full name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={state.values?.name}
        errors={state.fieldErrors?.name}
      />
      <EmailField maxLength={254} defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <PasswordField autoComplete="new-password" hint={PASSWORD_RULE_TEXT} errors={state.fieldErrors?.password} />
      <SubmitButton pendingLabel="Creating account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
