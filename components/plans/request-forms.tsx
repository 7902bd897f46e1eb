"use client";
// The forms of requests and approvals: "Requires approval" (admin API page), "Request access" (an
// API's page), "Change plan" (an app's Usage tab) and "Approve" / "Reject" (the Requests inbox).
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, SelectField, TextareaField } from "@/components/ui/field";
import { textLinkClass } from "@/components/ui/text-link";
import type { FormState } from "@/lib/validation/form-state";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

function Message({ state }: { state: FormState }) {
  return state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null;
}

/** "Reason" of a request or a decision, kept after a failure. */
function ReasonField({ id, rows, value, errors, hint }: { id: string; rows: number; value?: string; errors?: string[]; hint?: string }) {
  return (
    <TextareaField
      id={id}
      name="reason"
      label="Reason"
      rows={rows}
      maxLength={1000}
      defaultValue={value ?? ""}
      errors={errors}
      hint={hint}
    />
  );
}

export function RequiresApprovalForm({ action, requiresApproval }: { action: Action; requiresApproval: boolean }) {
  const [state, submit] = useActionState(action, EMPTY_FORM_STATE);
  return (
    <form action={submit} aria-label="Approval" className="space-y-3">
      <Message state={state} />
      <Checkbox
        id="requires-approval"
        name="requiresApproval"
        label="Requires approval"
        defaultChecked={requiresApproval}
        hint="New subscriptions wait as “Pending approval” in the Requests inbox (calls get 403 until approved). Companies not entitled may ask for access on the API's page."
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save approval setting
      </SubmitButton>
    </form>
  );
}

export function RequestAccessForm({ action }: { action: Action }) {
  const [state, submit] = useActionState(action, EMPTY_FORM_STATE);
  if (state.ok) return <Message state={state} />;
  return (
    <form action={submit} aria-label="Request access" className="space-y-3">
      <Message state={state} />
      <ReasonField id="access-reason" rows={3} value={state.values?.reason} errors={state.fieldErrors?.reason} />
      <SubmitButton pendingLabel="Sending…">Request access</SubmitButton>
    </form>
  );
}

export function ChangePlanForm({ action, apiName, plans }: { action: Action; apiName: string; plans: { id: string; name: string }[] }) {
  const [state, submit] = useActionState(action, EMPTY_FORM_STATE);
  const id = apiName.replace(/\W+/g, "-").toLowerCase();
  return (
    <details className="text-sm">
      <summary className={`cursor-pointer ${textLinkClass}`}>Ask for another plan</summary>
      <form action={submit} aria-label={`Change plan of ${apiName}`} className="mt-2 space-y-3">
        <Message state={state} />
        <SelectField
          id={`${id}-plan`}
          name="planId"
          label="Plan"
          defaultValue={state.values?.planId ?? plans[0]?.id}
          errors={state.fieldErrors?.planId}
          options={plans.map((p) => [p.id, p.name])}
        />
        <ReasonField id={`${id}-reason`} rows={2} value={state.values?.reason} errors={state.fieldErrors?.reason} />
        <SubmitButton pendingLabel="Sending…">Change plan</SubmitButton>
      </form>
    </details>
  );
}

export function DecideForm({ action, label }: { action: Action; label: string }) {
  const [state, submit] = useActionState(action, EMPTY_FORM_STATE);
  if (state.ok) return <Message state={state} />;
  const id = label.replace(/\W+/g, "-").toLowerCase();
  return (
    <form action={submit} aria-label={label} className="space-y-3">
      <Message state={state} />
      <ReasonField id={`${id}-reason`} rows={2} value={state.values?.reason} hint="Shown to the requester." />
      <div className="flex gap-2">
        <SubmitButton name="decision" value="approve" pendingLabel="Saving…">
          Approve
        </SubmitButton>
        <SubmitButton name="decision" value="reject" variant="danger" pendingLabel="Saving…">
          Reject
        </SubmitButton>
      </div>
    </form>
  );
}
