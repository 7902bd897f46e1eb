"use client";
// The platform administrator's gateway settings of an API on /admin/apis/<id>: "Upstream URL",
// timeout, body limit, headers added upstream (stored encrypted; only their names are shown back),
// and "Test connection" (status and latency).
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, Field, TextareaField } from "@/components/ui/field";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/validation/form-state";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export interface UpstreamFormValues {
  upstreamUrl: string;
  timeoutMs: number;
  bodyLimitBytes: number;
  headerNames: string[];
}

/** The gateway's two limits for this API, in the form's order. */
const NUMBER_FIELDS = [
  {
    id: "upstream-timeout",
    name: "timeoutMs",
    label: "Timeout (ms)",
    hint: "How long the gateway waits for the upstream's answer (then 504).",
  },
  {
    id: "upstream-body-limit",
    name: "bodyLimitBytes",
    label: "Body limit (bytes)",
    hint: "Larger request bodies are refused with 413. Default 10 MiB (10485760).",
  },
] as const;

export function UpstreamForm({
  save,
  test,
  initial,
  gatewayUrl,
}: {
  save: Action;
  test: Action;
  initial: UpstreamFormValues;
  gatewayUrl: string;
}) {
  const [state, action] = useActionState(save, EMPTY_FORM_STATE);
  const [tested, testAction] = useActionState(test, EMPTY_FORM_STATE);
  const v = state.values ?? {};
  const err = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      <form action={action} className="max-w-2xl space-y-4" aria-label="Gateway upstream" noValidate>
        {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
        <Field
          id="upstream-url"
          name="upstreamUrl"
          label="Upstream URL"
          maxLength={500}
          inputMode="url"
          defaultValue={v.upstreamUrl ?? initial.upstreamUrl}
          errors={err.upstreamUrl}
          hint={`http:// or https:// with an optional base path. Calls to ${gatewayUrl}/<path> go to <Upstream URL>/<path>. Empty: documentation only.`}
        />
        {NUMBER_FIELDS.map((f) => (
          <Field key={f.id} {...f} inputMode="text" defaultValue={v[f.name] ?? String(initial[f.name])} errors={err[f.name]} />
        ))}
        <TextareaField
          id="upstream-headers"
          name="headers"
          label="Upstream headers"
          rows={3}
          mono
          defaultValue=""
          errors={err.headers}
          hint={
            initial.headerNames.length
              ? `Set now: ${initial.headerNames.join(", ")} (values stored encrypted, not shown). Write "Name: value" lines to replace them; leave empty to keep them.`
              : 'Added to every forwarded call, one "Name: value" per line (e.g. a static API key). Stored encrypted.'
          }
        />
        {initial.headerNames.length ? <Checkbox id="upstream-clear" name="clearHeaders" label="Remove the upstream headers" /> : null}
        <SubmitButton pendingLabel="Saving…">Save upstream</SubmitButton>
      </form>
      <form action={testAction} aria-label="Test the upstream connection" className="space-y-2">
        <SubmitButton pendingLabel="Testing…" variant="secondary">
          Test connection
        </SubmitButton>
        {tested.message ? (
          <p
            role="status"
            data-testid="upstream-test-result"
            className={tested.ok ? "text-sm text-green-800 dark:text-green-300" : "text-sm text-red-800 dark:text-red-300"}
          >
            {tested.message}
          </p>
        ) : null}
      </form>
    </div>
  );
}
