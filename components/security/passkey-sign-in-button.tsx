"use client";
// The button of /signin/passkey ("Sign in with a passkey" on /signin): password-less, with a discoverable credential.
import { Alert } from "@/components/ui/alert";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/lib/actions/two-factor";
import { PasskeyButton, usePasskeyAssertion } from "./passkey-assertion";

export function PasskeySignInButton({ callbackUrl }: { callbackUrl: string }) {
  const { busy, error, assert } = usePasskeyAssertion("The browser did not use a passkey. Try again, or sign in with your password.");
  return (
    <div className="space-y-2">
      {error ? <Alert>{error}</Alert> : null}
      <PasskeyButton
        busy={busy}
        onClick={() =>
          assert(passkeySignInOptionsAction, (challengeId, response) => passkeySignInAction(challengeId, response, callbackUrl))
        }
      />
    </div>
  );
}
