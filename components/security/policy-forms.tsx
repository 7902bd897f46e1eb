"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import type { FormState } from "@/lib/validation/form-state";

/** "Require two-step sign-in" for a company (DA) or the platform (platform administrator). */
export function TwoFactorPolicyForm({
  action,
  required,
  hint,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  required: boolean;
  hint: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <div className="flex items-start gap-2">
        <input
          id="require-two-factor"
          name="requireTwoFactor"
          value="1"
          type="checkbox"
          defaultChecked={required}
          aria-describedby="require-two-factor-hint"
          className="mt-0.5 h-4 w-4 accent-brand-600"
        />
        <div>
          <label htmlFor="require-two-factor" className="text-sm font-medium">
            Require two-step sign-in
          </label>
          <p id="require-two-factor-hint" className="text-sm text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        </div>
      </div>
      <SubmitButton pendingLabel="Saving…">Save policy</SubmitButton>
    </form>
  );
}

/** A Delegated Administrator resets a member's second factors. */
export function ResetSecondFactorForm({
  action,
  membershipId,
  email,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  membershipId: string;
  email: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="space-y-3">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="membershipId" value={membershipId} />
      <p className="text-sm">
        If {email} lost their phone or passkey, reset their second factors: they set one up again after signing in with their password.
      </p>
      <SubmitButton variant="danger" pendingLabel="Resetting…">
        Reset second factor
      </SubmitButton>
    </form>
  );
}
