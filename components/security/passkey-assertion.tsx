"use client";
// The browser's part of a passkey sign-in, shared by "Use a passkey" on /signin/passkey and by the second
// factor (/signin/two-step, /account/verify): the server's options, the browser's assertion, the server's
// check, then on to the page the server names; the button shows the wait and a failure shows above it.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { startAuthentication } from "@simplewebauthn/browser";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { CeremonyResult } from "@/lib/actions/two-factor";

type Options = () => Promise<CeremonyResult<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }>>;
type Verify = (challengeId: string, response: unknown) => Promise<CeremonyResult<{ redirectTo: string }>>;

/** The message to show when a step fails; null when the page is on its way to the next one. */
async function assertPasskey(options: Options, verify: Verify, unused: string): Promise<string | null> {
  const start = await options();
  if (!start.ok) return start.message;
  let response;
  try {
    response = await startAuthentication({ optionsJSON: start.value.options });
  } catch {
    return unused;
  }
  const done = await verify(start.value.challengeId, response);
  if (!done.ok) return done.message;
  window.location.assign(done.value.redirectTo);
  return null;
}

/** `unused`: the message when the browser used no passkey (cancelled, none found, timed out). */
export function usePasskeyAssertion(unused: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function assert(options: Options, verify: Verify) {
    setBusy(true);
    setError(null);
    try {
      setError(await assertPasskey(options, verify, unused));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, assert };
}

export function PasskeyButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  return (
    <button type="button" onClick={onClick} disabled={busy} className={buttonClass("secondary", "w-full")}>
      {busy ? "Waiting for the browser…" : "Use a passkey"}
    </button>
  );
}
