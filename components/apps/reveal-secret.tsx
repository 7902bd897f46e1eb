"use client";
// A secret shown again on request (an app's Client Secret, a webhook's signing secret): a button, the
// password again when the last sign-in is older than the window, then the secret. The server audits it.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { PasswordField } from "@/components/ui/email-password-fields";
import type { SecretPanelState } from "@/lib/validation/app-form-states";
import { CredentialField } from "./credential-field";

const EMPTY_SECRET_STATE: SecretPanelState = {};

export function RevealSecret({
  reveal,
  id,
  passwordId,
  label,
  what,
  buttonLabel,
  hint,
  before,
}: {
  reveal: (prev: SecretPanelState, form: FormData) => Promise<SecretPanelState>;
  /** The ids of the secret's field and of the password field. */
  id: string;
  passwordId: string;
  label: string;
  /** How the re-check names it: "the Client Secret". */
  what: string;
  buttonLabel: string;
  hint: string;
  /** Shown above the forms while the secret is hidden. */
  before?: React.ReactNode;
}) {
  const [state, action] = useActionState(reveal, EMPTY_SECRET_STATE);
  if (state.secret) return <CredentialField id={id} label={label} value={state.secret} secret initiallyShown hint={hint} />;
  return (
    <div className="space-y-2">
      {before}
      {state.message ? <Alert>{state.message}</Alert> : null}
      {state.needsPassword ? (
        <form action={action} className="space-y-3" noValidate>
          <p className="text-sm">For your safety, enter your password again to see {what}.</p>
          <PasswordField id={passwordId} autoComplete="current-password" errors={state.fieldErrors?.password} />
          <SubmitButton pendingLabel="Checking…">Confirm password</SubmitButton>
        </form>
      ) : (
        <form action={action}>
          <SubmitButton variant="secondary" pendingLabel="Loading…">
            {buttonLabel}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
