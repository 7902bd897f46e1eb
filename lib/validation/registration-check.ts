// The registration form's check in the browser (components/apps/registration-form.tsx), in a module of
// its own: it brings zod and the schemas, so the form loads it after the page is interactive rather
// than with the page. The server checks the same rules again whatever the browser did.
import { zodFieldErrors } from "../errors";
import { appRegistrationSchema, registrationFromForm } from "./app-registration";

/** Every field the form's values break, with its messages; null when the values pass. */
export function registrationProblems(form: FormData): Record<string, string[]> | null {
  const result = appRegistrationSchema.safeParse(registrationFromForm(form));
  return result.success ? null : zodFieldErrors(result.error);
}
