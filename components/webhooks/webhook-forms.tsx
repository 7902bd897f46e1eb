"use client";
// /company/webhooks: "Add endpoint" (the signing secret is shown once), the secret again after a fresh
// proof, and the small forms of each endpoint and delivery ("Send test event", "Resend", enable, remove).
import { useActionState } from "react";
import { RevealSecret } from "@/components/apps/reveal-secret";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, CheckboxGroup, Field, fromState } from "@/components/ui/field";
import { OneButtonForm } from "@/components/ui/one-button-form";
import { ShownOnceSecret } from "@/components/ui/shown-once-secret";
import {
  addWebhookEndpointAction,
  deleteWebhookEndpointAction,
  enableWebhookEndpointAction,
  resendDeliveryAction,
  revealWebhookSecretAction,
  sendTestEventAction,
  type WebhookSecretState,
} from "@/lib/actions/webhooks";

export function AddEndpointForm({ eventTypes }: { eventTypes: { type: string; label: string }[] }) {
  const [state, action] = useActionState<WebhookSecretState, FormData>(addWebhookEndpointAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      <ShownOnceSecret
        value={state.secret}
        message={state.message}
        id="new-signing-secret"
        label="Signing secret"
        secret
        hint="Your receiver verifies each delivery's webhook-signature with it (Standard Webhooks)."
      />
      <form action={action} className="space-y-4" noValidate>
        <Field
          id="webhook-url"
          label="Endpoint URL"
          {...fromState(state, "url", Boolean(state.secret))}
          type="url"
          required
          maxLength={2000}
          placeholder="https://example.com/webhooks"
          hint="https:// only. Private, loopback and link-local addresses are refused; redirects are not followed."
        />
        <CheckboxGroup legend="Events to send" errorId="webhook-events-error" errors={errors.eventTypes} describeErrors>
          {eventTypes.map((e) => (
            <Checkbox key={e.type} id={`webhook-event-${e.type}`} name="eventTypes" value={e.type} label={e.label} hint={e.type} />
          ))}
        </CheckboxGroup>
        <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
      </form>
    </div>
  );
}

export function SigningSecretPanel({ endpointId }: { endpointId: string }) {
  return (
    <RevealSecret
      reveal={revealWebhookSecretAction.bind(null, endpointId)}
      id={`signing-secret-${endpointId}`}
      passwordId={`reauth-password-${endpointId}`}
      label="Signing secret"
      what="the signing secret"
      buttonLabel="Show signing secret"
      hint="Showing it was recorded in the audit log."
    />
  );
}

// The buttons of an endpoint's row (its id goes in `endpointId`).
const ENDPOINT_BUTTONS = {
  test: { action: sendTestEventAction, label: "Send test event", pendingLabel: "Sending…" },
  enable: { action: enableWebhookEndpointAction, label: "Enable endpoint", pendingLabel: "Enabling…" },
  remove: { action: deleteWebhookEndpointAction, label: "Remove endpoint", pendingLabel: "Removing…" },
} as const;

export function SendTestEventForm({ endpointId }: { endpointId: string }) {
  return <OneButtonForm {...ENDPOINT_BUTTONS.test} name="endpointId" value={endpointId} />;
}

export function EnableEndpointForm({ endpointId }: { endpointId: string }) {
  return <OneButtonForm {...ENDPOINT_BUTTONS.enable} name="endpointId" value={endpointId} />;
}

export function ResendForm({ deliveryId }: { deliveryId: string }) {
  return <OneButtonForm action={resendDeliveryAction} name="deliveryId" value={deliveryId} label="Resend" pendingLabel="Sending…" />;
}

export function RemoveEndpointForm({ endpointId, url }: { endpointId: string; url: string }) {
  const confirm = { title: "Remove this endpoint?", description: `${url} gets no more events, and its delivery log is deleted.` };
  return <OneButtonForm {...ENDPOINT_BUTTONS.remove} name="endpointId" value={endpointId} confirm={confirm} />;
}
