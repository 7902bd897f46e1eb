"use client";
// The platform administrator's OpenAPI editor on /admin/apis/<id>: upload a file or paste JSON/YAML;
// errors are listed with their JSON paths.
import { useActionState } from "react";
import { Labelled } from "@/components/apis/labelled";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

const textarea =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900 aria-[invalid=true]:border-red-600";

export function OpenApiForm({ action: serverAction, current, hasDocument }: { action: Action; current: string; hasDocument: boolean }) {
  const [state, action] = useActionState(serverAction, EMPTY_FORM_STATE);
  const errors = state.fieldErrors?.openapi ?? [];
  const value = state.values?.openapi ?? current;
  return (
    <form action={action} className="space-y-4" aria-label="OpenAPI document">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      {errors.length ? (
        <div
          id="openapi-errors"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-semibold">Problems, by JSON path:</p>
          <ul className="mt-1 list-disc pl-5 font-mono text-xs" data-testid="openapi-errors">
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Labelled id="openapi-file" label="OpenAPI file">
        <input
          id="openapi-file"
          name="file"
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          className="block text-sm"
          aria-describedby="openapi-file-hint"
        />
        <p id="openapi-file-hint" className="text-xs text-slate-600 dark:text-slate-400">
          An OpenAPI 3.0 or 3.1 document, JSON or YAML, up to 1 MiB. A chosen file replaces the text below.
        </p>
      </Labelled>
      <Labelled id="openapi-text" label="OpenAPI document">
        <textarea
          id="openapi-text"
          name="openapi"
          rows={16}
          defaultValue={value}
          key={value}
          spellCheck={false}
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? "openapi-errors" : undefined}
          className={textarea}
        />
      </Labelled>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pendingLabel="Validating…" name="intent" value="save">
          Save OpenAPI document
        </SubmitButton>
        {hasDocument ? (
          <SubmitButton pendingLabel="Removing…" name="intent" value="remove" variant="secondary">
            Remove OpenAPI document
          </SubmitButton>
        ) : null}
      </div>
    </form>
  );
}
