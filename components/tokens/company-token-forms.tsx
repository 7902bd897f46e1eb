"use client";
// /company/tokens: a Revoke button per personal access token made for the company (Delegated Administrator).
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { revokeCompanyTokenAction } from "@/lib/actions/company-tokens";
import type { FormState } from "@/lib/validation/form-state";

export function RevokeCompanyTokenForm({ tokenId, name, ownerEmail }: { tokenId: string; name: string; ownerEmail: string }) {
  const [state, action] = useActionState<FormState, FormData>(revokeCompanyTokenAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" aria-label={`Revoke ${name} of ${ownerEmail}`} pendingLabel="Revoking…">
        Revoke
      </SubmitButton>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className="mt-1 text-sm">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
