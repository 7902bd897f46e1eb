"use client";
// /company/registration-tokens: "Create initial access token" (shown once) and Revoke.
import { useActionState } from "react";
import { CredentialField } from "@/components/apps/credential-field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, Field, FieldErrors } from "@/components/ui/field";
import { createInitialTokenAction, type InitialTokenState, revokeInitialTokenAction } from "@/lib/actions/registration-tokens";
import { RevokeTokenButton } from "./revoke-token-form";

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
      {state.token ? (
        <div className="space-y-2">
          <Alert kind="success">{state.message}</Alert>
          <CredentialField id="new-initial-token" label="Initial access token" value={state.token} initiallyShown />
        </div>
      ) : state.message ? (
        <Alert>{state.message}</Alert>
      ) : null}
      <form action={action} className="space-y-4" noValidate>
        <Field
          id="iat-name"
          label="Token name"
          name="name"
          required
          maxLength={100}
          errors={errors.name}
          defaultValue={state.token ? "" : state.values?.name}
        />
        <Field
          id="iat-expiry"
          label="Expires in days"
          name="expiresInDays"
          type="number"
          required
          defaultValue={state.values?.expiresInDays || "7"}
          errors={errors.expiresInDays}
          hint="At most 366."
        />
        <Field
          id="iat-uses"
          label="Number of registrations"
          name="maxUses"
          type="number"
          required
          defaultValue={state.values?.maxUses || "1"}
          errors={errors.maxUses}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Allowed grant types</legend>
          {grantTypes.map((g) => (
            <Checkbox key={g.value} id={`iat-grant-${g.value}`} name="grantTypes" value={g.value} label={g.label} />
          ))}
          <FieldErrors id="iat-grant-error" errors={errors.grantTypes} />
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Allowed APIs</legend>
          {apis.map((a) => (
            <Checkbox key={a.id} id={`iat-api-${a.id}`} name="apiIds" value={a.id} label={a.name} />
          ))}
          <FieldErrors id="iat-api-error" errors={errors.apiIds} />
        </fieldset>
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
          <FieldErrors id="iat-terms-error" errors={errors.acceptTerms} />
        </div>
        <SubmitButton pendingLabel="Creating…">Create initial access token</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeInitialTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  return <RevokeTokenButton action={revokeInitialTokenAction} tokenId={tokenId} name={name} />;
}
