"use client";
// The forms of an app's page: edit (name, description, APIs), rotate the secret, deactivate or
// reactivate, delete. Each calls a server action bound to the app; the server checks everything again.
import { useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { Checkbox, ErrorSummary, Field, SelectField, TextareaField } from "@/components/ui/field";
import { toast } from "@/components/ui/toaster";
import { DEFAULT_ROTATION_GRACE_HOURS, DESCRIPTION_MAX, NAME_MAX, ROTATION_GRACE_HOURS } from "@/lib/validation/app-limits";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

/** The outcome where the change shows, plus a toast for a success. */
function Result({ state }: { state: FormState }) {
  useEffect(() => {
    if (state.ok && state.message) toast.success(state.message);
  }, [state]);
  if (!state.message) return null;
  return <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert>;
}

export function EditAppForm({
  action: serverAction,
  name,
  description,
  apis,
}: {
  action: Action;
  name: string;
  description: string;
  apis: { id: string; name: string; checked: boolean; available: boolean }[];
}) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.ok ? (
        <Result state={state} />
      ) : (
        <ErrorSummary
          message={state.message}
          fieldErrors={state.fieldErrors}
          fields={{
            name: ["edit-name", "Name of your application"],
            description: ["edit-description", "Application Description"],
            apiIds: ["edit-apis", "APIs"],
          }}
        />
      )}
      <Field
        id="edit-name"
        name="name"
        label="Name of your application"
        required
        maxLength={NAME_MAX}
        defaultValue={state.values?.name ?? name}
        errors={errors.name}
      />
      <TextareaField
        id="edit-description"
        name="description"
        label="Application Description"
        maxLength={DESCRIPTION_MAX}
        defaultValue={state.values?.description ?? description}
        errors={errors.description}
      />
      <fieldset id="edit-apis" className="space-y-2" aria-describedby={errors.apiIds ? "edit-apiIds-error" : undefined}>
        <legend className="text-sm font-medium">APIs</legend>
        <ul className="space-y-2">
          {apis.map((api) => (
            <li key={api.id} className="flex items-center gap-3">
              <input
                type="checkbox"
                id={`edit-api-${api.id}`}
                name="apiIds"
                value={api.id}
                defaultChecked={api.checked}
                className="h-4 w-4 accent-brand-600"
              />
              <label htmlFor={`edit-api-${api.id}`} className="text-sm">
                {api.name}
                {api.available ? null : (
                  <span className="text-slate-600 dark:text-slate-400"> (no longer available to your company: unticking it is final)</span>
                )}
              </label>
            </li>
          ))}
        </ul>
        {errors.apiIds ? (
          <p id="edit-apiIds-error" className="text-sm text-red-700 dark:text-red-400">
            {errors.apiIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
    </form>
  );
}

const GRACE_LABELS: Record<number, string> = {
  0: "No grace: stop it now",
  1: "1 hour",
  24: "24 hours",
  72: "3 days",
  168: "7 days",
};

export function RotateSecretForm({ action: serverAction }: { action: Action }) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  const [grace, setGrace] = useState(String(DEFAULT_ROTATION_GRACE_HOURS));
  return (
    <form action={action} className="space-y-3" noValidate>
      <Result state={state} />
      <SelectField
        id="rotate-grace"
        name="graceHours"
        label="Previous secret keeps working for"
        value={grace}
        onChange={setGrace}
        hint="Time to deploy the new secret. At most two secrets work at once: rotating again ends a previous one still in its grace period."
      >
        {ROTATION_GRACE_HOURS.map((h) => (
          <option key={h} value={h}>
            {GRACE_LABELS[h]}
          </option>
        ))}
      </SelectField>
      {grace === "0" ? (
        <ConfirmSubmit
          title="Stop the current secret now?"
          description={
            <p>
              The new Client Secret replaces the current one at once: every call with the current secret fails from now on, until your app
              uses the new one.
            </p>
          }
          confirmLabel="Rotate Client Secret"
          triggerVariant="secondary"
          pendingLabel="Rotating…"
        >
          Rotate Client Secret
        </ConfirmSubmit>
      ) : (
        <SubmitButton variant="secondary" pendingLabel="Rotating…">
          Rotate Client Secret
        </SubmitButton>
      )}
    </form>
  );
}

/** Deactivate (confirmed first: it revokes the app's tokens) or reactivate. */
export function StatusForm({
  action: serverAction,
  label,
  danger,
  appName,
}: {
  action: Action;
  label: string;
  danger?: boolean;
  appName?: string;
}) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" aria-label={label}>
      <Result state={state} />
      {danger ? (
        <ConfirmSubmit
          title={`Deactivate ${appName ?? "this application"}?`}
          description={
            <p>
              It gets no tokens, and every access and refresh token it holds is revoked now. You can reactivate it later; its users will
              have to sign in again.
            </p>
          }
          confirmLabel={label}
          pendingLabel="Saving…"
        >
          {label}
        </ConfirmSubmit>
      ) : (
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          {label}
        </SubmitButton>
      )}
    </form>
  );
}

export function DeleteAppForm({ action: serverAction, name }: { action: Action; name: string }) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" noValidate>
      {state.message && !state.fieldErrors?.confirmName ? <Alert>{state.message}</Alert> : null}
      <Field
        id="delete-confirm"
        name="confirmName"
        label={`Type the application's name (${name}) to confirm`}
        autoComplete="off"
        required
        errors={state.fieldErrors?.confirmName}
        hint="Deleting revokes every token the app was issued and cannot be undone."
      />
      <ConfirmSubmit
        title={`Delete ${name}?`}
        description={<p>Every token the app was issued is revoked and its Client ID stops working. This cannot be undone.</p>}
        confirmLabel="Delete application"
        pendingLabel="Deleting…"
      >
        Delete application
      </ConfirmSubmit>
    </form>
  );
}

/** Issue 13: the sign-in settings that stay editable (audited). */
export function AppSettingsForm({
  action: serverAction,
  kind,
  publicClient,
  postLogoutRedirectUri,
  allowedOrigins,
  requirePkce,
  requireDpop,
  requirePar,
}: {
  action: Action;
  kind: string | null;
  publicClient: boolean;
  postLogoutRedirectUri: string | null;
  allowedOrigins: string[];
  requirePkce: boolean;
  requireDpop: boolean;
  requirePar: boolean;
}) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  const errors = state.fieldErrors ?? {};
  const box = (id: string, name: string, label: string, checked: boolean, hint: string, disabled = false) => (
    <Checkbox id={id} name={name} label={label} defaultChecked={checked} hint={hint} disabled={disabled} />
  );
  return (
    <form action={action} className="space-y-4" noValidate>
      <Result state={state} />
      <Field
        id="settings-post-logout"
        name="postLogoutRedirectUri"
        label="Post-logout redirect URL"
        type="url"
        defaultValue={state.values?.postLogoutRedirectUri ?? postLogoutRedirectUri ?? ""}
        errors={errors.postLogoutRedirectUri}
        hint="Where the console's end-session endpoint sends people after they sign out (OpenID Connect RP-initiated logout)."
      />
      {kind === "spa" ? (
        <TextareaField
          id="settings-allowed-origins"
          name="allowedOrigins"
          label="Allowed web origins"
          defaultValue={state.values?.allowedOrigins ?? allowedOrigins.join("\n")}
          errors={errors.allowedOrigins}
          hint="One origin per line (https://app.example.com). The token, userinfo and JWKS endpoints answer CORS for these only."
        />
      ) : null}
      {publicClient ? <input type="hidden" name="requirePkce" value="on" /> : null}
      {box(
        "settings-require-pkce",
        "requirePkce",
        "Require PKCE",
        requirePkce,
        publicClient ? "Always on for public apps." : "Turn off only for legacy clients that cannot send a code_challenge.",
        publicClient,
      )}
      {box(
        "settings-require-dpop",
        "requireDpop",
        "Require DPoP",
        requireDpop,
        "Tokens only with a DPoP proof (RFC 9449): bound to the app's key.",
      )}
      {box(
        "settings-require-par",
        "requirePar",
        "Require pushed authorization requests",
        requirePar,
        "Authorization requests only through /oauth2/par (RFC 9126).",
      )}
      <SubmitButton variant="secondary">Save settings</SubmitButton>
    </form>
  );
}
