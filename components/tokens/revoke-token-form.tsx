"use client";
// The Revoke button of one token (personal access token, initial access token): the server action
// decides which kind; the outcome shows beside the button and as a toast. The toast is raised when the
// answer arrives (not from an effect): the page's refresh replaces a revoked token's row, button included.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";
import type { FormState } from "@/lib/validation/form-state";

export function RevokeTokenButton({
  action: serverAction,
  tokenId,
  name,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  tokenId: string;
  name: string;
}) {
  const [state, action] = useActionState<FormState, FormData>(async (prev, form) => {
    const next = await serverAction(prev, form);
    if (next.ok && next.message) toast.success(next.message);
    return next;
  }, {});
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" aria-label={`Revoke ${name}`} pendingLabel="Revoking…">
        Revoke
      </SubmitButton>
      {state.message ? (
        <p role="status" className="mt-1 text-sm">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
