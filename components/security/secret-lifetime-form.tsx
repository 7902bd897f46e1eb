"use client";
// /company/security: "Client secrets expire after (days)" (blank: never).
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { setSecretLifetimeAction } from "@/lib/actions/secret-lifetime";
import type { FormState } from "@/lib/validation/form-state";

export function SecretLifetimeForm({ days }: { days: number | null }) {
  const [state, action] = useActionState<FormState, FormData>(setSecretLifetimeAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <Field
        id="secret-lifetime-days"
        name="secretLifetimeDays"
        label="Client secrets expire after (days)"
        type="number"
        defaultValue={state.values?.secretLifetimeDays ?? (days ? String(days) : "")}
        errors={state.fieldErrors?.secretLifetimeDays}
        hint="Blank: secrets never expire. New and rotated secrets expire this many days after they are issued; secrets that exist now expire that long from today, and never sooner than in 30 days. Owners and Delegated Administrators are reminded 30, 7 and 1 days before."
      />
      <SubmitButton pendingLabel="Saving…">Save secret lifetime</SubmitButton>
    </form>
  );
}
