"use client";
// "Register an Application": checks the rules of lib/validation/app-registration.ts in the browser for
// a quick answer (the server checks them again), and shows every message at the field that broke it.
// The check (zod and the schemas, lib/validation/registration-check.ts) loads after the page is
// interactive, not with it: a submit before it has arrived waits for it.
import { useActionState, useEffect, useRef, useState } from "react";
import { AdvisedChoices } from "@/components/ui/advised-choice";
import { SubmitButton } from "@/components/ui/button";
import { ErrorSummary, Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import { registerAppAction } from "@/lib/actions/register";
import {
  APP_KIND_ADVICE,
  APP_KIND_GRANTS,
  APP_KIND_LABELS,
  APP_KINDS,
  APP_RULE_TEXT,
  GRANT_TYPE_ADVICE,
  GRANT_TYPE_LABELS,
  GRANT_TYPES,
  isPublicKind,
  REDIRECT_GRANTS,
} from "@/lib/validation/app-choices";
import { DESCRIPTION_MAX, NAME_MAX } from "@/lib/validation/app-limits";
import type { RegistrationFormState } from "@/lib/validation/registration-form-state";

const EMPTY_REGISTRATION_STATE: RegistrationFormState = {};

export interface RegistrationApi {
  id: string;
  name: string;
  summary: string;
}

// Where to move focus when a field is refused, in the form's order.
const FOCUS_ORDER: [field: string, selector: string][] = [
  ["name", "#app-name"],
  ["description", "#app-description"],
  ["kind", 'input[name="kind"]'],
  ["grantTypes", 'input[name="grantTypes"]'],
  ["redirectUri", "#app-redirect-uri"],
  ["apiIds", 'input[name="apiIds"]'],
  ["acceptTerms", "#app-accept-terms"],
];

function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700 dark:text-red-400">
      {errors.join(" ")}
    </p>
  );
}

export function RegistrationForm({ apis, termsVersion }: { apis: RegistrationApi[]; termsVersion: string }) {
  const [state, action] = useActionState(registerAppAction, EMPTY_REGISTRATION_STATE);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]> | null>(null);
  const check = useRef<((form: FormData) => Record<string, string[]> | null) | null>(null);
  // The check arrives after the page is interactive; a failed load leaves the checking to the server.
  const loadCheck = () =>
    import("@/lib/validation/registration-check").then(
      (m) => (check.current = m.registrationProblems),
      () => (check.current = () => null),
    );
  useEffect(() => {
    void loadCheck();
  }, []);
  const [grants, setGrants] = useState<string[]>(state.selected?.grantTypes ?? []);
  const [kind, setKind] = useState<string>(state.selected?.kind ?? "");
  // After the server answers, the form is reset to the kept values: follow them (while rendering).
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setGrants(state.selected?.grantTypes ?? []);
    setKind(state.selected?.kind ?? "");
  }
  const errors = clientErrors ?? state.fieldErrors ?? {};
  /** A field's name, the value sent last and its errors (the browser's check, else the server's). */
  const field = (name: string) => ({ name, defaultValue: state.values?.[name], errors: errors[name] });
  const selected = state.selected;
  const redirectNeeded = REDIRECT_GRANTS.some((g) => grants.includes(g));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    if (!check.current) {
      // Submitted before the check arrived: wait for it, then submit again (checked this time).
      event.preventDefault();
      void loadCheck().then(() => form.requestSubmit());
      return;
    }
    const found = check.current(new FormData(form));
    if (!found) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(found);
    const first = FOCUS_ORDER.find(([field]) => found[field]);
    if (first) form.querySelector<HTMLElement>(first[1])?.focus();
  }

  const message = clientErrors ? "Some fields need attention." : state.message;
  return (
    <form
      action={action}
      onSubmit={onSubmit}
      onChange={(e) => {
        const form = e.currentTarget;
        const target = e.target as unknown as HTMLInputElement;
        // Choosing a kind of app pre-sets the grant checkboxes (the person may still change them).
        if (target.name === "kind" && (APP_KINDS as readonly string[]).includes(target.value)) {
          const preset = APP_KIND_GRANTS[target.value as keyof typeof APP_KIND_GRANTS] as readonly string[];
          form.querySelectorAll<HTMLInputElement>('input[name="grantTypes"]').forEach((box) => {
            box.checked = preset.includes(box.value);
          });
          setKind(target.value);
        }
        setGrants(new FormData(form).getAll("grantTypes").map(String));
      }}
      noValidate
      className="space-y-8"
    >
      {message ? (
        <ErrorSummary
          message={message}
          fieldErrors={errors}
          fields={{
            name: ["app-name", "Name of your application"],
            description: ["app-description", "Application Description"],
            kind: ["kind-web", "Kind of app"],
            grantTypes: ["app-grant-types", "Grant types"],
            redirectUri: ["app-redirect-uri", "Redirect URL"],
            allowedOrigins: ["app-allowed-origins", "Allowed web origins"],
            postLogoutRedirectUri: ["app-post-logout-redirect-uri", "Post-logout redirect URL"],
            apiIds: ["app-apis", "APIs"],
            acceptTerms: ["app-accept-terms", "I agree to the Terms of Service"],
          }}
        />
      ) : null}
      <input type="hidden" name="termsVersion" value={termsVersion} />

      <div className="space-y-4">
        <Field
          id="app-name"
          label="Name of your application"
          required
          maxLength={NAME_MAX}
          {...field("name")}
          hint="Unique in your company. People see it when your app asks for their consent."
        />
        <TextareaField
          id="app-description"
          label="Application Description"
          maxLength={DESCRIPTION_MAX}
          {...field("description")}
          hint="Optional: what the app does and who runs it."
        />
      </div>

      <fieldset className="space-y-3" role="radiogroup" aria-label="Kind of app" aria-describedby={errors.kind ? "kind-error" : undefined}>
        <legend className="text-sm font-medium">
          Kind of app <span className="font-normal text-slate-600 dark:text-slate-400">(optional: pre-sets the grant types)</span>
        </legend>
        <AdvisedChoices
          type="radio"
          name="kind"
          choices={APP_KINDS.map((k) => ({ value: k, label: APP_KIND_LABELS[k], advice: APP_KIND_ADVICE[k] }))}
          checked={(k) => selected?.kind === k}
          listClassName="grid gap-3 sm:grid-cols-2"
        />
        {isPublicKind(kind) ? (
          <p className="text-xs font-medium text-slate-700 dark:text-slate-300" data-testid="public-kind-note">
            A public app: it gets no Client Secret, authenticates with its Client ID only and must use PKCE (S256).
          </p>
        ) : null}
        <ErrorText id="kind-error" errors={errors.kind} />
      </fieldset>

      <fieldset
        id="app-grant-types"
        tabIndex={-1}
        className="space-y-3"
        aria-describedby={errors.grantTypes ? "grantTypes-error" : undefined}
      >
        <legend className="text-sm font-medium">
          Grant types <span className="font-normal text-slate-600 dark:text-slate-400">(choose at least one)</span>
        </legend>
        <AdvisedChoices
          type="checkbox"
          name="grantTypes"
          idPrefix="grant"
          choices={GRANT_TYPES.map((g) => ({ value: g, label: GRANT_TYPE_LABELS[g], advice: GRANT_TYPE_ADVICE[g] }))}
          checked={(g) => selected?.grantTypes.includes(g)}
          listClassName="space-y-3"
        />
        <ErrorText id="grantTypes-error" errors={errors.grantTypes} />
      </fieldset>

      <div className="space-y-1">
        <Field
          id="app-redirect-uri"
          label="Redirect URL"
          type="url"
          inputMode="url"
          autoComplete="off"
          required={redirectNeeded}
          {...field("redirectUri")}
          hint={APP_RULE_TEXT.redirectHint}
        />
        <p className="text-xs font-medium text-amber-800 dark:text-amber-300">
          The Redirect URL, the grant types and the kind of app cannot be changed after registration.
        </p>
      </div>

      {kind === "spa" ? (
        <TextareaField
          id="app-allowed-origins"
          label="Allowed web origins"
          {...field("allowedOrigins")}
          hint="The origins your single-page app runs at (e.g. https://app.example.com), one per line: the token, userinfo and JWKS endpoints answer CORS for these only."
        />
      ) : null}

      <Field
        id="app-post-logout-redirect-uri"
        label="Post-logout redirect URL"
        type="url"
        inputMode="url"
        autoComplete="off"
        {...field("postLogoutRedirectUri")}
        hint="Optional (OpenID Connect): where people are sent after signing out through the console's end-session endpoint."
      />

      <fieldset id="app-apis" tabIndex={-1} className="space-y-3" aria-describedby={errors.apiIds ? "apiIds-error" : undefined}>
        <legend className="text-sm font-medium">
          APIs <span className="font-normal text-slate-600 dark:text-slate-400">(the APIs your app will call; at least one)</span>
        </legend>
        {apis.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Your company may not use any API yet. Ask your Delegated Administrator.
          </p>
        ) : (
          <AdvisedChoices
            type="checkbox"
            name="apiIds"
            idPrefix="api"
            choices={apis.map((api) => ({ value: api.id, label: api.name, advice: api.summary, adviceId: `api-${api.id}-summary` }))}
            checked={(id) => selected?.apiIds.includes(id)}
            listClassName="space-y-2"
          />
        )}
        <ErrorText id="apiIds-error" errors={errors.apiIds} />
      </fieldset>

      <div className="space-y-2">
        <p className="text-sm">
          <TextLink href="/terms" target="_blank" rel="noopener" className="font-medium">
            Read the Terms of Service
          </TextLink>{" "}
          <span className="text-slate-600 dark:text-slate-400">(version {termsVersion}, opens in a new tab)</span>
        </p>
        <div className="flex items-start gap-3">
          <input
            type="checkbox"
            id="app-accept-terms"
            name="acceptTerms"
            value="yes"
            defaultChecked={selected?.acceptTerms}
            aria-invalid={errors.acceptTerms ? true : undefined}
            aria-describedby={errors.acceptTerms ? "acceptTerms-error" : undefined}
            className="mt-1 h-4 w-4 shrink-0 accent-brand-600"
          />
          <label htmlFor="app-accept-terms" className="text-sm font-medium">
            I agree to the Terms of Service
          </label>
        </div>
        <ErrorText id="acceptTerms-error" errors={errors.acceptTerms} />
      </div>

      <SubmitButton pendingLabel="Registering…">Register Application</SubmitButton>
    </form>
  );
}
