"use client";
// The authenticator app on /account/security: start, scan (QR code made on the server) or type the
// key, confirm with a first code, then see the recovery codes once. Stays mounted while the page
// refreshes, so the codes stay on screen after the server re-renders.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { confirmTotpSetupAction, type RecoveryCodesState } from "@/lib/actions/two-factor";
import { RecoveryCodesList } from "./recovery-codes-list";

export function TotpPanel({
  enrolled,
  setup,
  startAction,
  removeAction,
}: {
  enrolled: boolean;
  setup: { qrDataUrl: string; secret: string } | null;
  startAction: () => Promise<void>;
  removeAction: () => Promise<void>;
}) {
  const [state, confirm] = useActionState<RecoveryCodesState, FormData>(confirmTotpSetupAction, {});
  return (
    <div className="space-y-3">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {state.recoveryCodes ? <RecoveryCodesList codes={state.recoveryCodes} /> : null}
      {enrolled ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm">An authenticator app is set up.</p>
          <form action={removeAction}>
            <SubmitButton variant="secondary" pendingLabel="Removing…">
              Remove authenticator app
            </SubmitButton>
          </form>
        </div>
      ) : setup ? (
        <div className="space-y-3">
          <p className="text-sm">Scan the QR code with your authenticator app (or type the key), then enter the 6-digit code it shows.</p>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={setup.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} className="rounded bg-white p-2" />
          <p className="text-sm">
            Key:{" "}
            <code data-testid="totp-secret" className="select-all break-all font-mono">
              {setup.secret}
            </code>
          </p>
          <form action={confirm} className="max-w-xs space-y-3" noValidate>
            <Field
              id="totp-code"
              name="code"
              label="Authentication code"
              autoComplete="one-time-code"
              required
              errors={state.fieldErrors?.code}
            />
            <SubmitButton pendingLabel="Checking…">Verify code</SubmitButton>
          </form>
        </div>
      ) : (
        <form action={startAction}>
          <SubmitButton pendingLabel="Starting…">Set up authenticator app</SubmitButton>
        </form>
      )}
    </div>
  );
}
