"use client";
// A one-line form on one record ("Access to …" of a company, "New owner of …" an app): the record's ids in
// hidden fields, a select named only for screen readers (the row says what it is), a secondary submit
// button and the outcome after it.
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import type { FormState } from "@/lib/validation/form-state";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export function InlineSelectForm({
  action,
  label,
  hidden,
  selectId,
  selectLabel = label,
  submit,
  pendingLabel,
  children,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  /** The form's accessible name. */
  label: string;
  /** Hidden fields: name → value. */
  hidden: Record<string, string>;
  selectId: string;
  /** The select's name for screen readers (the form's unless told). */
  selectLabel?: React.ReactNode;
  submit: string;
  pendingLabel: string;
  /** The <select id={selectId}>. */
  children: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={selectId} className="sr-only">
        {selectLabel}
      </label>
      {children}
      <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
        {submit}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
