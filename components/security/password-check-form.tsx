"use client";
// The re-check page (/account/verify) for someone without a second factor: their password, before a
// change to how they (or someone else) sign in. Afterwards the action returns to `returnTo`.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { PasswordField } from "@/components/ui/email-password-fields";
import type { FormState } from "@/lib/validation/form-state";

export function PasswordCheckForm({
  action,
  returnTo,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  returnTo: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <div className="space-y-4">
      {state.message && !state.fieldErrors?.password ? <Alert>{state.message}</Alert> : null}
      <form action={formAction} className="space-y-4" noValidate>
        <input type="hidden" name="returnTo" value={returnTo} />
        <PasswordField id="recheck-password" autoComplete="current-password" errors={state.fieldErrors?.password} />
        <SubmitButton pendingLabel="Checking…" className="w-full">
          Confirm
        </SubmitButton>
      </form>
    </div>
  );
}
