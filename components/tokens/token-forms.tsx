"use client";
// /account/tokens: the "Create token" form (shows the new token once) and a Revoke button per token.
import { useActionState } from "react";
import { CredentialField } from "@/components/apps/credential-field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, FieldErrors } from "@/components/ui/field";
import { Field } from "@/components/ui/field";
import { createTokenAction, type CreateTokenState, revokeTokenAction } from "@/lib/actions/tokens";
import type { FormState } from "@/lib/validation/form-state";

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
        <Field id="token-name" label="Token name" name="name" required maxLength={100} defaultValue={state.token ? "" : state.values?.name} errors={errors.name} hint="What it is for, e.g. “CI deploys”." />
        <div className="space-y-1">
          <label htmlFor="token-company" className="block text-sm font-medium">
            Company
          </label>
          <select id="token-company" name="companyId" defaultValue={state.values?.companyId} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900">
            {companies.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldErrors id="token-company-error" errors={errors.companyId} />
        </div>
        <div className="space-y-1">
          <label htmlFor="token-expiry" className="block text-sm font-medium">
            Expires in
          </label>
          <select id="token-expiry" name="expiresInDays" defaultValue={state.values?.expiresInDays || "30"} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900">
            {expiryChoices.map((d) => (
              <option key={d} value={d}>
                {d === 365 ? "1 year" : `${d} days`}
              </option>
            ))}
          </select>
          <FieldErrors id="token-expiry-error" errors={errors.expiresInDays} />
        </div>
        <fieldset className="space-y-2" aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
          <legend className="text-sm font-medium">Scopes</legend>
          {scopes.map((s) => (
            <Checkbox key={s.scope} id={`scope-${s.scope}`} name="scopes" value={s.scope} label={s.scope} defaultChecked={!state.token && chosen.includes(s.scope)} hint={s.held ? s.description : `${s.description} (your roles do not allow it)`} />
          ))}
          <FieldErrors id="token-scopes-error" errors={errors.scopes} />
        </fieldset>
        {askPassword || state.needsPassword ? (
          <Field id="token-password" label="Current password" name="password" type="password" autoComplete="current-password" errors={errors.password} hint="Creating a token asks for your password again." />
        ) : null}
        <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
      </form>
    </div>
  );
}

export function RevokeTokenForm({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action] = useActionState<FormState, FormData>(revokeTokenAction, {});
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" aria-label={`Revoke ${name}`} pendingLabel="Revoking…">
        Revoke
      </SubmitButton>
      {state.message ? <p role="status" className="mt-1 text-sm">{state.message}</p> : null}
    </form>
  );
}
