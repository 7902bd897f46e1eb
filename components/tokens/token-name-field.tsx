// "Token name" of the personal and initial access token forms: emptied once the new token is shown.
import { Field, fromState } from "@/components/ui/field";
import type { FormState } from "@/lib/validation/form-state";

export function TokenNameField({ id, state, hint }: { id: string; state: FormState & { token?: string }; hint?: string }) {
  return <Field id={id} label="Token name" {...fromState(state, "name", Boolean(state.token))} required maxLength={100} hint={hint} />;
}
