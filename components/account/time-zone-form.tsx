"use client";
// /account "Time zone": "Browser default" (the zone the browser reports, detected on each visit) or
// one IANA zone, saved on the account. The zones list comes from the server (lib/format timeZoneChoices).
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { setTimeZoneAction } from "@/lib/actions/preferences";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export function TimeZoneForm({ saved, zones, showing }: { saved: string | null; zones: string[]; showing: string }) {
  const [state, action] = useActionState(setTimeZoneAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" aria-label="Time zone">
      <FormMessage state={state} />
      <SelectField
        id="timeZone"
        name="timeZone"
        label="Time zone"
        defaultValue={saved ?? ""}
        hint={`Dates are shown in ${showing}, with the UTC time when you hover over them.`}
        errors={state.fieldErrors?.timeZone}
        options={zones.map((z) => [z, z])}
      >
        <option value="">Browser default</option>
      </SelectField>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save time zone
      </SubmitButton>
    </form>
  );
}
