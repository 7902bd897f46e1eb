"use client";
// The second factor asked for at sign-in (/signin/two-step) and on the re-check page (/account/verify):
// a code from the authenticator app or a recovery code, or a passkey through the browser.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { CeremonyResult } from "@/lib/actions/two-factor";
import type { FormState } from "@/lib/validation/form-state";
import { PasskeyButton, usePasskeyAssertion } from "./passkey-assertion";

export function SecondFactorForm({
  codeAction,
  hidden,
  showTrust,
  hasTotp,
  passkey,
  submitLabel,
}: {
  codeAction: (prev: FormState, form: FormData) => Promise<FormState>;
  hidden?: Record<string, string>;
  showTrust?: boolean;
  hasTotp: boolean;
  /** When the person has passkeys and the origin allows them. */
  passkey: null | {
    options: () => Promise<CeremonyResult<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>>;
    verify: (challengeId: string, response: unknown, trust: boolean) => Promise<CeremonyResult<{ redirectTo: string }>>;
  };
  submitLabel: string;
}) {
  const [state, action] = useActionState(codeAction, {});
  const [trust, setTrust] = useState(false);
  const { busy, error: passkeyError, assert } = usePasskeyAssertion("The browser did not use a passkey. Try again, or enter a code.");

  return (
    <div className="space-y-4">
      {state.message ? <Alert>{state.message}</Alert> : null}
      {passkeyError ? <Alert>{passkeyError}</Alert> : null}
      <form action={action} className="space-y-4" noValidate>
        {Object.entries(hidden ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <Field
          id="second-factor-code"
          name="code"
          label="Authentication code"
          autoComplete="one-time-code"
          required
          hint={hasTotp ? "The 6-digit code from your authenticator app, or one of your recovery codes." : "One of your recovery codes."}
          errors={state.fieldErrors?.code}
        />
        {showTrust ? (
          <div className="flex items-center gap-2">
            <input
              id="trust-browser"
              name="trust"
              value="1"
              type="checkbox"
              checked={trust}
              onChange={(e) => setTrust(e.target.checked)}
              className="h-4 w-4 accent-brand-600"
            />
            <label htmlFor="trust-browser" className="text-sm">
              Trust this browser for 30 days
            </label>
          </div>
        ) : null}
        <SubmitButton pendingLabel="Checking…" className="w-full">
          {submitLabel}
        </SubmitButton>
      </form>
      {passkey ? (
        <PasskeyButton
          busy={busy}
          onClick={() => assert(passkey.options, (challengeId, response) => passkey.verify(challengeId, response, trust))}
        />
      ) : null}
    </div>
  );
}
