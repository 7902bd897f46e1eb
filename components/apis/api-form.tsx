"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
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

const textarea =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900 aria-[invalid=true]:border-red-600";

export function ApiForm({ initial }: { initial: ApiFormValues }) {
  const [state, action] = useActionState(saveApiAction, EMPTY_FORM_STATE);
  const v = state.values ? { ...initial, ...state.values, openToAll: state.values.openToAll === "on" } : initial;
  const err = state.fieldErrors ?? {};
  return (
    <form action={action} className="max-w-2xl space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      {initial.id ? <input type="hidden" name="apiId" value={initial.id} /> : null}
      <Field id="api-name" name="name" label="Name" required maxLength={80} defaultValue={v.name} errors={err.name} />
      <Field id="api-slug" name="slug" label="Slug" required maxLength={40} defaultValue={v.slug} errors={err.slug} hint="Lower-case letters, digits and hyphens; the API's address in the catalog (/apis/<slug>)." />
      <Field id="api-version" name="version" label="Version" required maxLength={20} defaultValue={v.version} errors={err.version} />
      <Field id="api-endpoint" name="endpoint" label="Endpoint" required maxLength={500} defaultValue={v.endpoint} errors={err.endpoint} hint="A path on this console (e.g. /api/hello) or an https:// URL." />
      <div className="space-y-1">
        <label htmlFor="api-summary" className="block text-sm font-medium">Summary</label>
        <textarea id="api-summary" name="summary" rows={2} maxLength={280} defaultValue={v.summary} aria-invalid={err.summary ? true : undefined} aria-describedby={err.summary ? "api-summary-error" : undefined} className={textarea} />
        {err.summary ? <p id="api-summary-error" className="text-sm text-red-700 dark:text-red-400">{err.summary.join(" ")}</p> : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="api-docs" className="block text-sm font-medium">Documentation (Markdown)</label>
        <textarea id="api-docs" name="documentation" rows={12} defaultValue={v.documentation} aria-invalid={err.documentation ? true : undefined} aria-describedby={err.documentation ? "api-docs-error" : undefined} className={`${textarea} font-mono`} />
        {err.documentation ? <p id="api-docs-error" className="text-sm text-red-700 dark:text-red-400">{err.documentation.join(" ")}</p> : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="api-status" className="block text-sm font-medium">Status</label>
        <select id="api-status" name="status" defaultValue={v.status} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900">
          <option value="PUBLISHED">Published</option>
          <option value="DEPRECATED">Deprecated</option>
          <option value="RETIRED">Retired (hidden from companies)</option>
        </select>
        {err.status ? <p className="text-sm text-red-700 dark:text-red-400">{err.status.join(" ")}</p> : null}
      </div>
      <div className="flex items-center gap-2">
        <input id="api-open" name="openToAll" type="checkbox" defaultChecked={v.openToAll} className="h-4 w-4" />
        <label htmlFor="api-open" className="text-sm">Open to every company (unless a company is excluded on its page)</label>
      </div>
      <SubmitButton pendingLabel="Saving…">{initial.id ? "Save API" : "Create API"}</SubmitButton>
    </form>
  );
}
