"use client";
// /account/tokens: the "Create token" form (shows the new token once) and a Revoke button per token.
import { useActionState } from "react";
import { CredentialField } from "@/components/apps/credential-field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, Field, FieldErrors, SelectField } from "@/components/ui/field";
import { createTokenAction, type CreateTokenState, revokeTokenAction } from "@/lib/actions/tokens";
import { RevokeTokenButton } from "./revoke-token-form";

export function CreateTokenForm({
  companies,
  scopes,
  expiryChoices,
  askPassword,
}: {
  companies: { id: string; name: string }[];
  scopes: { scope: string; description: string; held: boolean }[];
  expiryChoices: number[];
  askPassword: boolean;
}) {
  const [state, action] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  const errors = state.fieldErrors ?? {};
  const chosen = (state.values?.scopes ?? "").split(" ");
  return (
    <div className="space-y-4">
      {state.token ? (
        <div className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-4 dark:border-green-800 dark:bg-green-950">
          <Alert kind="success">Token “{state.tokenName}” created. Copy it now: it is shown only once.</Alert>
          <CredentialField id="new-token" label="Personal access token" value={state.token} initiallyShown />
        </div>
      ) : state.message ? (
        <Alert>{state.message}</Alert>
      ) : null}
      <form action={action} className="space-y-4" noValidate>
        <Field
          id="token-name"
          label="Token name"
          name="name"
          required
          maxLength={100}
          defaultValue={state.token ? "" : state.values?.name}
          errors={errors.name}
          hint="What it is for, e.g. “CI deploys”."
        />
        <SelectField
          id="token-company"
          name="companyId"
          label="Company"
          full
          defaultValue={state.values?.companyId}
          errors={errors.companyId}
        >
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="token-expiry"
          name="expiresInDays"
          label="Expires in"
          full
          defaultValue={state.values?.expiresInDays || "30"}
          errors={errors.expiresInDays}
        >
          {expiryChoices.map((d) => (
            <option key={d} value={d}>
              {d === 365 ? "1 year" : `${d} days`}
            </option>
          ))}
        </SelectField>
        <fieldset className="space-y-2" aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
          <legend className="text-sm font-medium">Scopes</legend>
          {scopes.map((s) => (
            <Checkbox
              key={s.scope}
              id={`scope-${s.scope}`}
              name="scopes"
              value={s.scope}
              label={s.scope}
              defaultChecked={!state.token && chosen.includes(s.scope)}
              hint={s.held ? s.description : `${s.description} (your roles do not allow it)`}
            />
          ))}
          <FieldErrors id="token-scopes-error" errors={errors.scopes} />
        </fieldset>
        {askPassword || state.needsPassword ? (
          <Field
            id="token-password"
            label="Current password"
            name="password"
            type="password"
            autoComplete="current-password"
            errors={errors.password}
            hint="Creating a token asks for your password again."
          />
        ) : null}
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  return <RevokeTokenButton action={revokeTokenAction} tokenId={tokenId} name={name} />;
}
