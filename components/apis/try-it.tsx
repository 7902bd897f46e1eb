"use client";
// Try it on an API reference: pick one of your apps and an operation (this console's paths only),
// fill its parameters, send. Shows the request (token shortened), the status, the headers and the body.
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import type { TryItState } from "@/lib/actions/try-it";

type Action = (prev: TryItState, form: FormData) => Promise<TryItState>;

export interface TryOperation {
  key: string;
  method: string;
  params: { name: string; in: string; required: boolean }[];
}

const input = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-950";

function Block({ title, testId, text }: { title: string; testId: string; text: string }) {
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">{title}</h3>
      <pre
        data-testid={testId}
        tabIndex={0}
        className="max-h-72 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100"
      >
        {text}
      </pre>
    </div>
  );
}

export function TryItPanel({
  action: serverAction,
  apps,
  operations,
}: {
  action: Action;
  apps: { id: string; name: string }[];
  operations: TryOperation[];
}) {
  const [state, action] = useActionState(serverAction, {} as TryItState);
  const [opKey, setOpKey] = useState(operations[0]?.key ?? "");
  const op = operations.find((o) => o.key === opKey);
  const r = state.result;
  return (
    <div className="space-y-4">
      <form action={action} className="grid gap-4 sm:grid-cols-2" aria-label="Try it">
        <div className="space-y-1">
          <label htmlFor="try-app" className="block text-sm font-medium">
            App
          </label>
          <select id="try-app" name="appId" className={input} required>
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="try-operation" className="block text-sm font-medium">
            Operation
          </label>
          <select id="try-operation" name="operation" className={input} value={opKey} onChange={(e) => setOpKey(e.target.value)}>
            {operations.map((o) => (
              <option key={o.key} value={o.key}>
                {o.key}
              </option>
            ))}
          </select>
        </div>
        {op?.params
          .filter((p) => p.in === "path" || p.in === "query")
          .map((p) => (
            <div key={`${op.key}:${p.in}:${p.name}`} className="space-y-1">
              <label htmlFor={`try-param-${p.name}`} className="block text-sm font-medium">
                {p.name} ({p.in}
                {p.required ? ", required" : ""})
              </label>
              <input id={`try-param-${p.name}`} name={`param:${p.name}`} required={p.required} className={input} />
            </div>
          ))}
        {op && !["GET", "HEAD", "DELETE", "OPTIONS"].includes(op.method) ? (
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor="try-body" className="block text-sm font-medium">
              Request body (JSON)
            </label>
            <textarea id="try-body" name="body" rows={6} className={`${input} font-mono`} />
          </div>
        ) : null}
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Sending…">Send request</SubmitButton>
        </div>
      </form>
      {state.message ? <Alert kind="error">{state.message}</Alert> : null}
      {r ? (
        <div className="space-y-4" aria-live="polite">
          <Block
            title="Request"
            testId="try-it-request"
            text={`${r.request.method} ${r.request.url}\n${Object.entries(r.request.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join("\n")}${r.request.body ? `\n\n${r.request.body}` : ""}`}
          />
          {r.response ? (
            <>
              <p className="text-sm font-semibold" data-testid="try-it-status">
                Status: {r.response.status}
              </p>
              <Block
                title="Response headers"
                testId="try-it-headers"
                text={Object.entries(r.response.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join("\n")}
              />
              <Block title="Response body" testId="try-it-body" text={r.response.body} />
            </>
          ) : (
            <Alert kind="error">
              The token request failed (HTTP {r.tokenStatus}: {r.tokenError}).
            </Alert>
          )}
        </div>
      ) : null}
    </div>
  );
}
