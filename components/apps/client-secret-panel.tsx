"use client";
// The Client Secret on an app's page: hidden until asked for; asks for the password again when the
// last sign-in (or re-entry) is older than the window; every reveal is audited on the server.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { EMPTY_SECRET_STATE, type SecretPanelState } from "./app-form-states";
import { CredentialField } from "./credential-field";

export function ClientSecretPanel({
  reveal,
  lastFour,
}: {
  reveal: (prev: SecretPanelState, form: FormData) => Promise<SecretPanelState>;
  lastFour: string | null;
}) {
  const [state, action] = useActionState(reveal, EMPTY_SECRET_STATE);
  if (state.secret) {
    return (
      <CredentialField
        id="client-secret"
        label="Client Secret"
        value={state.secret}
        secret
        initiallyShown
        hint="Keep it where only your app can read it. Showing it was recorded in the audit log."
      />
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium">Client Secret</p>
      <p className="font-mono text-sm text-slate-600 dark:text-slate-400">{lastFour ? `apcs_••••••••${lastFour}` : "No live secret"}</p>
      {state.message ? <Alert>{state.message}</Alert> : null}
      {state.needsPassword ? (
        <form action={action} className="space-y-3" noValidate>
          <p className="text-sm">For your safety, enter your password again to see the Client Secret.</p>
          <Field
            id="reauth-password"
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            errors={state.fieldErrors?.password}
          />
          <SubmitButton pendingLabel="Checking…">Confirm password</SubmitButton>
        </form>
      ) : (
        <form action={action}>
          <SubmitButton variant="secondary" pendingLabel="Loading…">
            Reveal Client Secret
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
