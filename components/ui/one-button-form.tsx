"use client";
// A small form acting on one record ("Verify", "Remove connection", "Send test event" …): the record's id in a
// hidden field, optional controls, one submit button (asking first when told), and the outcome below it.
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import type { Variant } from "@/components/ui/button-class";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import type { FormState } from "@/lib/validation/form-state";

export function OneButtonForm({
  action,
  name,
  value,
  label,
  pendingLabel,
  ariaLabel,
  variant = "secondary",
  failureOnly = false,
  confirm,
  children,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  /** The hidden field that names the record. */
  name: string;
  value: string;
  /** The button's text. */
  label: string;
  pendingLabel: string;
  ariaLabel?: string;
  variant?: Variant;
  /** Show only a failure: after a success the record has gone from the page. */
  failureOnly?: boolean;
  /** Ask first, in a dialog whose confirm button bears the label too. */
  confirm?: { title: string; description: React.ReactNode };
  /** Controls between the hidden field and the button. */
  children?: React.ReactNode;
}) {
  const [state, formAction] = useActionState<FormState, FormData>(action, {});
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name={name} value={value} />
      {children}
      {confirm ? (
        <ConfirmSubmit
          title={confirm.title}
          description={confirm.description}
          confirmLabel={label}
          pendingLabel={pendingLabel}
          triggerVariant={variant}
          ariaLabel={ariaLabel}
        >
          {label}
        </ConfirmSubmit>
      ) : (
        <SubmitButton variant={variant} pendingLabel={pendingLabel} aria-label={ariaLabel}>
          {label}
        </SubmitButton>
      )}
      {failureOnly && state.ok ? null : <FormMessage state={state} />}
    </form>
  );
}
