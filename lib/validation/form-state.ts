// What a server action gives back to its form: a message, errors per field, and the values to keep.
export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

export const EMPTY_FORM_STATE: FormState = {}; // read-only
