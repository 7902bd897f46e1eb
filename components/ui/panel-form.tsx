"use client";
// "Create company", "Add user": a form in a FormPanel, its error summary above the fields while it fails, and
// its success on the page below the panel (the panel stays open after a success: the contract's fields are
// where people and scripts find them; Cancel folds it away behind the button of the same name).
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/field";
import { FormPanel } from "@/components/ui/form-panel";
import type { FormState } from "@/lib/validation/form-state";

export function PanelForm({
  trigger,
  title,
  description,
  state,
  action,
  fields,
  pendingLabel,
  children,
  after,
}: {
  /** The button that opens the panel, and the form's submit button. */
  trigger: string;
  /** The panel's heading, and the form's accessible name. */
  title: string;
  description: React.ReactNode;
  state: FormState;
  action: (form: FormData) => void;
  /** The summary's links: field name → [element id, label]. */
  fields: Record<string, [string, string]>;
  pendingLabel: string;
  children: React.ReactNode;
  /** Shown below the panel (after the success message). */
  after?: React.ReactNode;
}) {
  return (
    <div className="space-y-4">
      <FormPanel trigger={trigger} title={title} description={description}>
        <form action={action} className="space-y-4" noValidate aria-label={title}>
          {state.ok ? null : <ErrorSummary message={state.message} fieldErrors={state.fieldErrors} fields={fields} />}
          {children}
          <SubmitButton pendingLabel={pendingLabel}>{trigger}</SubmitButton>
        </form>
      </FormPanel>
      {state.ok ? <FormMessage state={state} /> : null}
      {after}
    </div>
  );
}
