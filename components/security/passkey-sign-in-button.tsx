"use client";
// The button of /signin/passkey ("Sign in with a passkey" on /signin): password-less, with a discoverable credential.
import { startAuthentication } from "@simplewebauthn/browser";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/lib/actions/two-factor";

export function PasskeySignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function signIn() {
    setBusy(true);
    setError(null);
    try {
      const start = await passkeySignInOptionsAction();
      if (!start.ok) return setError(start.message);
      let response;
      try {
        response = await startAuthentication({ optionsJSON: start.value.options });
      } catch {
        return setError("The browser did not use a passkey. Try again, or sign in with your password.");
      }
      const done = await passkeySignInAction(start.value.challengeId, response, callbackUrl);
      if (!done.ok) return setError(done.message);
      window.location.assign(done.value.redirectTo);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-2">
      {error ? <Alert>{error}</Alert> : null}
      <button type="button" onClick={signIn} disabled={busy} className={buttonClass("secondary", "w-full")}>
        {busy ? "Waiting for the browser…" : "Use a passkey"}
      </button>
    </div>
  );
}
