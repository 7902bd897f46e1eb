"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, Field, SelectField, TextareaField } from "@/components/ui/field";
import { saveApiAction } from "@/lib/actions/admin-apis";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export interface ApiFormValues {
  id?: string;
  name: string;
  slug: string;
  version: string;
  summary: string;
  documentation: string;
  endpoint: string;
  status: string;
  openToAll: boolean;
}

/** The API's one-line fields, all required, in the form's order. */
const TEXT_FIELDS = [
  { id: "api-name", name: "name", label: "Name", maxLength: 80 },
  {
    id: "api-slug",
    name: "slug",
    label: "Slug",
    maxLength: 40,
    hint: "Lower-case letters, digits and hyphens; the API's address in the catalog (/apis/<slug>).",
  },
  { id: "api-version", name: "version", label: "Version", maxLength: 20 },
  {
    id: "api-endpoint",
    name: "endpoint",
    label: "Endpoint",
    maxLength: 500,
    hint: "A path on this console (e.g. /api/hello) or an https:// URL.",
  },
] as const;

export function ApiForm({ initial }: { initial: ApiFormValues }) {
  const [state, action] = useActionState(saveApiAction, EMPTY_FORM_STATE);
  const v = state.values ? { ...initial, ...state.values, openToAll: state.values.openToAll === "on" } : initial;
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      {initial.id ? <input type="hidden" name="apiId" value={initial.id} /> : null}
      {TEXT_FIELDS.map((f) => (
        <Field key={f.id} {...f} required defaultValue={v[f.name]} errors={err[f.name]} />
      ))}
      <TextareaField
        id="api-summary"
        name="summary"
        label="Summary"
        rows={2}
        maxLength={280}
        defaultValue={v.summary}
        errors={err.summary}
      />
      <TextareaField
        id="api-docs"
        name="documentation"
        label="Documentation (Markdown)"
        rows={12}
        mono
        defaultValue={v.documentation}
        errors={err.documentation}
      />
      <SelectField id="api-status" name="status" label="Status" defaultValue={v.status} errors={err.status}>
        <option value="PUBLISHED">Published</option>
        <option value="DEPRECATED">Deprecated</option>
        <option value="RETIRED">Retired (hidden from companies)</option>
      </SelectField>
      <Checkbox
        id="api-open"
        name="openToAll"
        label="Open to every company (unless a company is excluded on its page)"
        defaultChecked={v.openToAll}
      />
      <SubmitButton pendingLabel="Saving…">{initial.id ? "Save API" : "Create API"}</SubmitButton>
    </form>
  );
}
