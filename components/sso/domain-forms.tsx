"use client";
// /company/sso: add a domain, verify it against DNS, remove it. Outcomes show beside each form.
import { useActionState } from "react";
import { FormMessage } from "@/components/companies/form-message";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, Field, fromState } from "@/components/ui/field";
import { OneButtonForm } from "@/components/ui/one-button-form";
import { addDomainAction, removeDomainAction, setRequireSsoAction, verifyDomainAction } from "@/lib/actions/sso";
import type { FormState } from "@/lib/validation/form-state";

export function AddDomainForm() {
  const [state, action] = useActionState<FormState, FormData>(addDomainAction, {});
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      <FormMessage state={state} />
      <Field
        id="sso-domain"
        label="Domain"
        {...fromState(state, "domain")}
        required
        maxLength={253}
        placeholder="example.com"
        hint="The part after @ in your people's email addresses."
      />
      <SubmitButton pendingLabel="Adding…">Add domain</SubmitButton>
    </form>
  );
}

type DomainProps = { domainId: string; domain: string };

// The buttons of a domain's row (its id goes in `domainId`, its name in the button's accessible name).
const DOMAIN_BUTTONS = {
  verify: { action: verifyDomainAction, variant: "primary", label: "Verify", pendingLabel: "Checking DNS…" },
  remove: { action: removeDomainAction, label: "Remove", pendingLabel: "Removing…", failureOnly: true },
} as const;

export function VerifyDomainForm({ domainId, domain }: DomainProps) {
  return <OneButtonForm {...DOMAIN_BUTTONS.verify} name="domainId" value={domainId} ariaLabel={`Verify ${domain}`} />;
}

export function RemoveDomainForm({ domainId, domain }: DomainProps) {
  return <OneButtonForm {...DOMAIN_BUTTONS.remove} name="domainId" value={domainId} ariaLabel={`Remove ${domain}`} />;
}

export function RequireSsoForm({ domainId, domain, required }: DomainProps & { required: boolean }) {
  return (
    <OneButtonForm
      action={setRequireSsoAction}
      name="domainId"
      value={domainId}
      label="Save"
      ariaLabel={`Save the SSO requirement of ${domain}`}
      pendingLabel="Saving…"
    >
      <Checkbox
        id={`require-sso-${domainId}`}
        name="requireSso"
        value="yes"
        label="Require SSO for this domain"
        defaultChecked={required}
        hint="Password sign-in, password reset and sign-up are refused for its addresses. Delegated Administrators keep a password sign-in with a second factor."
      />
    </OneButtonForm>
  );
}
