"use client";
// "Try it": one button that makes the server get a token with the app's Client Credentials and call
// the Hello API; shows each request and answer (secret masked, access token abbreviated) and the
// token's decoded claims.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { OutputBlock, requestText } from "@/components/ui/output-block";
import type { HelloTrialState } from "@/lib/validation/app-form-states";

type Action = (prev: HelloTrialState, form: FormData) => Promise<HelloTrialState>;

function Block({ value, ...props }: { title: string; testId: string; value: unknown }) {
  return <OutputBlock {...props} text={typeof value === "string" ? value : JSON.stringify(value, null, 2)} />;
}

export function TryHelloPanel({ action: serverAction }: { action: Action }) {
  const [state, action] = useActionState(serverAction, {} as HelloTrialState);
  const t = state.trial;
  return (
    <div className="space-y-4">
      <form action={action} aria-label="Try Hello API">
        <SubmitButton pendingLabel="Calling…">Get a token and call Hello API</SubmitButton>
      </form>
      {state.message ? <Alert kind="error">{state.message}</Alert> : null}
      {t ? (
        <div className="space-y-4" aria-live="polite">
          <Block title="Token request" testId="try-token-request" value={requestText(t.tokenRequest)} />
          <Block title={`Token response (HTTP ${t.tokenResponse.status})`} testId="try-token-response" value={t.tokenResponse.body} />
          {t.helloRequest && t.helloResponse ? (
            <>
              <Block title="Hello API request" testId="try-hello-request" value={requestText(t.helloRequest)} />
              <Block
                title={`Hello API response (HTTP ${t.helloResponse.status})`}
                testId="try-hello-response"
                value={t.helloResponse.body}
              />
            </>
          ) : null}
          {t.claims ? <Block title="Access token claims (decoded)" testId="try-claims" value={t.claims} /> : null}
        </div>
      ) : null}
    </div>
  );
}
