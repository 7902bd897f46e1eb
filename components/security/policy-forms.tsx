"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { PasswordField } from "@/components/ui/email-password-fields";
import { Field, fromState } from "@/components/ui/field";
import type { FormState } from "@/lib/validation/form-state";

/**
 * "Require two-step sign-in" for a company (DA) or the platform (platform administrator). Someone who has
 * no second factor yet is warned in a confirmation before turning it on: the policy applies to them too,
 * so saving takes them to set one up (the security page then says the policy was saved).
 */
export function TwoFactorPolicyForm({
  action,
  required,
  hint,
  enrolled,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  required: boolean;
  hint: string;
  /** Whether the person saving has a second factor. */
  enrolled: boolean;
}) {
  const [state, formAction] = useActionState(action, {});
  const [checked, setChecked] = useState(required);
  return (
    <form action={formAction} className="space-y-3">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <div className="flex items-start gap-2">
        <input
          id="require-two-factor"
          name="requireTwoFactor"
          value="1"
          type="checkbox"
          checked={checked}
          onChange={(e) => setChecked(e.target.checked)}
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
      {checked && !required && !enrolled ? (
        <ConfirmSubmit
          title="You have no second factor yet"
          description={
            <p>
              The policy applies to you too. Once it is saved, you go straight to setting up an authenticator app or a passkey, and no other
              console page opens until you have one.
            </p>
          }
          confirmLabel="Save and set up mine"
          pendingLabel="Saving…"
          variant="primary"
        >
          Save policy
        </ConfirmSubmit>
      ) : (
        <SubmitButton pendingLabel="Saving…">Save policy</SubmitButton>
      )}
    </form>
  );
}

/**
 * Resets another person's second factors: the platform administrator types the account's email (`userId`
 * absent), a Delegated Administrator of a company owning the member's email domain resets that member.
 * Always a reason; the actor's own password when they have no second factor (with one, the server sends
 * them to the re-check page first).
 */
export function ResetSecondFactorForm({
  action,
  userId,
  email,
  askPassword,
  returnTo,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  userId?: string;
  email?: string;
  askPassword: boolean;
  returnTo: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form action={formAction} className="max-w-lg space-y-3" aria-label="Reset second factor" noValidate>
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <input type="hidden" name="returnTo" value={returnTo} />
      {userId ? (
        <>
          <input type="hidden" name="userId" value={userId} />
          <p className="text-sm">
            If {email} lost their phone or passkey, reset their second factors: they set one up again after signing in with their password.
          </p>
        </>
      ) : (
        <Field id="reset-email" {...fromState(state, "email")} type="email" label="Account email" required />
      )}
      <Field
        id="reset-reason"
        label="Reason"
        {...fromState(state, "reason")}
        required
        maxLength={500}
        hint="Recorded in the audit log and sent to the person."
      />
      {askPassword ? (
        <PasswordField id="reset-password" label="Your password" autoComplete="current-password" errors={state.fieldErrors?.password} />
      ) : null}
      <SubmitButton variant="danger" pendingLabel="Resetting…">
        Reset second factor
      </SubmitButton>
    </form>
  );
}
