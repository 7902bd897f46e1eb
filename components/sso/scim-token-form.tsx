"use client";
// /company/sso: "Generate SCIM token" (shown once; generating another revokes the previous one).
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
import { generateScimTokenAction, type ScimTokenState } from "@/lib/actions/sso";

export function GenerateScimTokenForm({ hasToken }: { hasToken: boolean }) {
  const [state, action] = useActionState<ScimTokenState, FormData>(generateScimTokenAction, {});
  return (
    <div className="space-y-3">
      <ShownOnceSecret value={state.token} message={state.message} id="scim-token" label="SCIM token" />
      <form action={action}>
        <SubmitButton variant={hasToken ? "secondary" : "primary"} pendingLabel="Generating…">
          Generate SCIM token
        </SubmitButton>
      </form>
    </div>
  );
}
