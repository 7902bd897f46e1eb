"use client";
// Try it on an API reference: pick one of your apps and an operation (this console's paths only),
// fill its parameters, send. Shows the request (token shortened), the status, the headers and the body.
import { useActionState, useState } from "react";
import { Labelled } from "@/components/apis/labelled";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Options } from "@/components/ui/field";
import { headerLines, OutputBlock, requestText } from "@/components/ui/output-block";
import type { TryItState } from "@/lib/actions/try-it";

type Action = (prev: TryItState, form: FormData) => Promise<TryItState>;

export interface TryOperation {
  key: string;
  method: string;
  params: { name: string; in: string; required: boolean }[];
}

const input = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-950";

function Block(props: { title: string; testId: string; text: string }) {
  return <OutputBlock mono {...props} />;
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
        <Labelled id="try-app" label="App">
          <select id="try-app" name="appId" className={input} required>
            <Options options={apps.map((a) => [a.id, a.name] as const)} />
          </select>
        </Labelled>
        <Labelled id="try-operation" label="Operation">
          <select id="try-operation" name="operation" className={input} value={opKey} onChange={(e) => setOpKey(e.target.value)}>
            <Options options={operations.map((o) => [o.key, o.key] as const)} />
          </select>
        </Labelled>
        {op?.params
          .filter((p) => p.in === "path" || p.in === "query")
          .map((p) => (
            <Labelled
              key={`${op.key}:${p.in}:${p.name}`}
              id={`try-param-${p.name}`}
              label={
                <>
                  {p.name} ({p.in}
                  {p.required ? ", required" : ""})
                </>
              }
            >
              <input id={`try-param-${p.name}`} name={`param:${p.name}`} required={p.required} className={input} />
            </Labelled>
          ))}
        {op && !["GET", "HEAD", "DELETE", "OPTIONS"].includes(op.method) ? (
          <Labelled id="try-body" label="Request body (JSON)" className="sm:col-span-2">
            <textarea id="try-body" name="body" rows={6} className={`${input} font-mono`} />
          </Labelled>
        ) : null}
        <div className="sm:col-span-2">
          <SubmitButton pendingLabel="Sending…">Send request</SubmitButton>
        </div>
      </form>
      {state.message ? <Alert kind="error">{state.message}</Alert> : null}
      {r ? (
        <div className="space-y-4" aria-live="polite">
          <Block title="Request" testId="try-it-request" text={requestText(r.request)} />
          {r.response ? (
            <>
              <p className="text-sm font-semibold" data-testid="try-it-status">
                Status: {r.response.status}
              </p>
              <Block title="Response headers" testId="try-it-headers" text={headerLines(r.response.headers)} />
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
