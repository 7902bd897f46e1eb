"use client";
// The Client Secret on an app's page: hidden until asked for; asks for the password again when the
// last sign-in (or re-entry) is older than the window; every reveal is audited on the server.
import type { SecretPanelState } from "@/lib/validation/app-form-states";
import { RevealSecret } from "./reveal-secret";

export function ClientSecretPanel({
  reveal,
  lastFour,
}: {
  reveal: (prev: SecretPanelState, form: FormData) => Promise<SecretPanelState>;
  lastFour: string | null;
}) {
  return (
    <RevealSecret
      reveal={reveal}
      id="client-secret"
      passwordId="reauth-password"
      label="Client Secret"
      what="the Client Secret"
      buttonLabel="Reveal Client Secret"
      hint="Keep it where only your app can read it. Showing it was recorded in the audit log."
      before={
        <>
          <p className="text-sm font-medium">Client Secret</p>
          <p className="font-mono text-sm text-slate-600 dark:text-slate-400">{lastFour ? `apcs_••••••••${lastFour}` : "No live secret"}</p>
        </>
      }
    />
  );
}
