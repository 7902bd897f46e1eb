"use client";
// /account/tokens: the "Create token" form (shows the new token once) and a Revoke button per token.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { PasswordField } from "@/components/ui/email-password-fields";
import { Checkbox, CheckboxGroup, keptFromState, SelectField } from "@/components/ui/field";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
import { createTokenAction, type CreateTokenState, revokeTokenAction } from "@/lib/actions/tokens";
import { RevokeTokenButton } from "./revoke-token-form";
import { TokenNameField } from "./token-name-field";

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
      <ShownOnceSecret
        value={state.token}
        message={state.message}
        successMessage={<>Token “{state.tokenName}” created. Copy it now: it is shown only once.</>}
        className="space-y-2 rounded-lg border border-green-300 bg-green-50 p-4 dark:border-green-800 dark:bg-green-950"
        id="new-token"
        label="Personal access token"
      />
      <form action={action} className="space-y-4" noValidate>
        <TokenNameField id="token-name" state={state} hint="What it is for, e.g. “CI deploys”." />
        <SelectField
          id="token-company"
          label="Company"
          full
          {...keptFromState(state, "companyId")}
          options={companies.map((c) => [c.id, c.name])}
        />
        <SelectField
          id="token-expiry"
          label="Expires in"
          full
          {...keptFromState(state, "expiresInDays", "30")}
          options={expiryChoices.map((d) => [d, d === 365 ? "1 year" : `${d} days`])}
        />
        <CheckboxGroup legend="Scopes" errorId="token-scopes-error" errors={errors.scopes} describeErrors>
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
        </CheckboxGroup>
        {askPassword || state.needsPassword ? (
          <PasswordField
            id="token-password"
            label="Current password"
            autoComplete="current-password"
            required={false}
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
