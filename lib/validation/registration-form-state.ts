import type { FormState } from "./form-state";

/** The registration form's state: FormState plus the checkboxes to keep ticked after a refusal. */
export interface RegistrationFormState extends FormState {
  selected?: { grantTypes: string[]; apiIds: string[]; acceptTerms: boolean; kind?: string };
}
