"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import { dismissGuideAction } from "@/lib/actions/preferences";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

/** "Dismiss" on a Getting started card: saved on the account, so the card stays away on every device. */
export function DismissGuide({ guide }: { guide: string }) {
  const [state, action] = useActionState(dismissGuideAction, EMPTY_FORM_STATE);
  return (
    <form action={action}>
      {state.ok ? null : <FormMessage state={state} />}
      <input type="hidden" name="guide" value={guide} />
      <SubmitButton variant="secondary" pendingLabel="Dismissing…">
        Dismiss
      </SubmitButton>
    </form>
  );
}
