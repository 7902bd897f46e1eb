"use client";
// The console's one form shape: a server action's state (useActionState), its message above the fields, and
// the fields drawn from that state (their errors and kept values), then its submit button.
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import type { Variant } from "@/components/ui/button-class";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/validation/form-state";

export type FormAction = (state: FormState, data: FormData) => Promise<FormState>;

export function ActionForm({
  action,
  label,
  className = "space-y-3",
  noValidate,
  submit,
  pendingLabel,
  submitVariant,
  wide = false,
  children,
}: {
  action: FormAction;
  /** The form's accessible name (aria-label); without one the form is no landmark. */
  label?: string;
  className?: string;
  noValidate?: boolean;
  /** The submit button's text (none: the children draw their own buttons). */
  submit?: string;
  pendingLabel?: string;
  submitVariant?: Variant;
  /** A submit button as wide as the form (the signed-out pages). */
  wide?: boolean;
  children?: React.ReactNode | ((state: FormState) => React.ReactNode);
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className={className} noValidate={noValidate} aria-label={label}>
      <FormMessage state={state} />
      {typeof children === "function" ? children(state) : children}
      {submit ? (
        <SubmitButton variant={submitVariant} pendingLabel={pendingLabel} className={wide ? "w-full" : undefined}>
          {submit}
        </SubmitButton>
      ) : null}
    </form>
  );
}
