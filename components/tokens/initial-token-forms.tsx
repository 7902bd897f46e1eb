"use client";
// /company/registration-tokens: "Create initial access token" (shown once) and Revoke.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, CheckboxGroup, Field, FieldErrorList, keptFromState } from "@/components/ui/field";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
import { createInitialTokenAction, type InitialTokenState, revokeInitialTokenAction } from "@/lib/actions/registration-tokens";
import { RevokeTokenButton } from "./revoke-token-form";
import { TokenNameField } from "./token-name-field";

export function CreateInitialTokenForm({
  grantTypes,
  apis,
}: {
  grantTypes: { value: string; label: string }[];
  apis: { id: string; name: string }[];
}) {
  const [state, action] = useActionState<InitialTokenState, FormData>(createInitialTokenAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      <ShownOnceSecret value={state.token} message={state.message} id="new-initial-token" label="Initial access token" />
      <form action={action} className="space-y-4" noValidate>
        <TokenNameField id="iat-name" state={state} />
        <Field
          id="iat-expiry"
          label="Expires in days"
          type="number"
          required
          {...keptFromState(state, "expiresInDays", "7")}
          hint="At most 366."
        />
        <Field id="iat-uses" label="Number of registrations" type="number" required {...keptFromState(state, "maxUses", "1")} />
        <CheckboxGroup legend="Allowed grant types" errorId="iat-grant-error" errors={errors.grantTypes}>
          {grantTypes.map((g) => (
            <Checkbox key={g.value} id={`iat-grant-${g.value}`} name="grantTypes" value={g.value} label={g.label} />
          ))}
        </CheckboxGroup>
        <CheckboxGroup legend="Allowed APIs" errorId="iat-api-error" errors={errors.apiIds}>
          {apis.map((a) => (
            <Checkbox key={a.id} id={`iat-api-${a.id}`} name="apiIds" value={a.id} label={a.name} />
          ))}
        </CheckboxGroup>
        <div>
          <Checkbox
            id="iat-terms"
            name="acceptTerms"
            value="yes"
            label="I agree to the Terms of Service"
            hint="For every app registered with this token."
          />
          <p className="text-xs">
            <a className="underline" href="/terms" target="_blank" rel="noreferrer">
              Read the Terms of Service
            </a>
          </p>
          <FieldErrorList id="iat-terms-error" errors={errors.acceptTerms} />
        </div>
        <SubmitButton pendingLabel="Creating…">Create initial access token</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeInitialTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  return <RevokeTokenButton action={revokeInitialTokenAction} tokenId={tokenId} name={name} />;
}
