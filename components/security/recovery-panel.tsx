"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { type RecoveryCodesState, regenerateRecoveryCodesAction } from "@/lib/actions/two-factor";
import { RecoveryCodesList } from "./recovery-codes-list";

export function RecoveryPanel({ left, enabled }: { left: number; enabled: boolean }) {
  const [state, action] = useActionState<RecoveryCodesState, FormData>(regenerateRecoveryCodesAction, {});
  return (
    <div className="space-y-3">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {state.recoveryCodes ? <RecoveryCodesList codes={state.recoveryCodes} /> : null}
      <p className="text-sm">
        {enabled
          ? `${left} unused recovery code${left === 1 ? "" : "s"} left.`
          : "Recovery codes come with your first authenticator app or passkey."}
      </p>
      {enabled ? (
        <form action={action}>
          <SubmitButton variant="secondary" pendingLabel="Generating…">
            Generate new recovery codes
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
