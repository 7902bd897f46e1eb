"use client";
// The forms of an app's page: edit (name, description, APIs), rotate the secret, deactivate or
// reactivate, delete; the client authentication (secret or private key JWT). Each calls a server action bound to the app; the server checks everything again.
import { useActionState, useEffect, useRef, useState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { Checkbox, ErrorSummary, Field, SelectField, TextareaField } from "@/components/ui/field";
import { DEFAULT_ROTATION_GRACE_HOURS, DESCRIPTION_MAX, NAME_MAX, ROTATION_GRACE_HOURS } from "@/lib/validation/app-limits";
import {
  CLIENT_AUTH_LABELS,
  CLIENT_AUTH_METHODS,
  type ClientAuthMethodSetting,
  JWKS_TEXT_MAX,
  JWKS_URL_MAX,
} from "@/lib/validation/client-authentication";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

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
        <FormMessage state={state} />
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

export function RotateSecretForm({ action: serverAction, resumeGrace = null }: { action: Action; resumeGrace?: string | null }) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  const [grace, setGrace] = useState(resumeGrace ?? String(DEFAULT_ROTATION_GRACE_HOURS));
  const form = useRef<HTMLFormElement>(null);
  const resumed = useRef(false);
  // Back from the re-check page that this rotation asked for: finish it once (the page offers resumeGrace
  // only with a fresh second factor), and drop the request from the address so a reload does not repeat it.
  // With no grace period the confirmation opens instead (its own question).
  useEffect(() => {
    if (!resumeGrace || resumed.current) return;
    resumed.current = true;
    window.history.replaceState(null, "", window.location.pathname);
    form.current?.requestSubmit();
  }, [resumeGrace]);
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <SelectField
        id="rotate-grace"
        name="graceHours"
        label="Previous secret keeps working for"
        value={grace}
        onChange={setGrace}
        hint="Time to deploy the new secret. At most two secrets work at once: rotating again ends a previous one still in its grace period."
        options={ROTATION_GRACE_HOURS.map((h) => [h, GRACE_LABELS[h]])}
      />
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
      <FormMessage state={state} />
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

/** The sign-in settings that stay editable after registration (audited); the rest is fixed. */
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
      <FormMessage state={state} />
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

/** "Client authentication": Client secret, or Private key JWT (RFC 7523) with a JWKS or a JWKS URL. */
export function ClientAuthenticationForm({
  action: serverAction,
  method,
  jwks,
  jwksUri,
}: {
  action: Action;
  method: ClientAuthMethodSetting;
  jwks: string | null;
  jwksUri: string | null;
}) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  const errors = state.fieldErrors ?? {};
  const [chosen, setChosen] = useState<string>(state.values?.method || method);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.ok ? <FormMessage state={state} /> : state.message ? <Alert kind="error">{state.message}</Alert> : null}
      <SelectField
        id="client-auth-method"
        name="method"
        label="Client authentication"
        value={chosen}
        onChange={setChosen}
        errors={errors.method}
        hint="How the app proves who it is at the token, PAR, revocation and introspection endpoints."
        options={CLIENT_AUTH_METHODS.map((m) => [m, CLIENT_AUTH_LABELS[m]])}
      />
      {chosen === "private_key_jwt" ? (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            The app signs a short-lived JWT (client_assertion, ES256, PS256, RS256 or EdDSA) with its private key; the console verifies it
            with the public keys below. Fill in one of the two. Saving revokes the app&apos;s Client Secret: it has none from then on.
          </p>
          <TextareaField
            id="client-auth-jwks"
            name="jwks"
            label="JWKS"
            rows={6}
            mono
            maxLength={JWKS_TEXT_MAX}
            defaultValue={state.values?.jwks ?? (jwks ? JSON.stringify(JSON.parse(jwks), null, 2) : "")}
            errors={errors.jwks}
            hint='The public keys as a JSON Web Key Set: {"keys":[{"kty":"EC","crv":"P-256","kid":"…","x":"…","y":"…"}]}.'
          />
          <Field
            id="client-auth-jwks-uri"
            name="jwksUri"
            label="JWKS URL"
            type="url"
            maxLength={JWKS_URL_MAX}
            defaultValue={state.values?.jwksUri ?? jwksUri ?? ""}
            errors={errors.jwksUri}
            hint="Or where the app publishes its keys (https). Fetched keys are kept for 10 minutes and fetched again for an unknown kid."
          />
        </>
      ) : method === "private_key_jwt" ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Saving issues a new Client Secret; show it on the Overview tab. Assertions stop working at once.
        </p>
      ) : null}
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save client authentication
      </SubmitButton>
    </form>
  );
}
