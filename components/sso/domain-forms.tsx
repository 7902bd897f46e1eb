"use client";
// /company/sso: add a domain, verify it against DNS, remove it. Outcomes show beside each form.
import { ActionForm } from "@/components/ui/action-form";
import { Checkbox, Field, fromState } from "@/components/ui/field";
import { OneButtonForm } from "@/components/ui/one-button-form";
import { addDomainAction, removeDomainAction, setRequireSsoAction, verifyDomainAction } from "@/lib/actions/sso";

export function AddDomainForm() {
  return (
    <ActionForm action={addDomainAction} className="max-w-xl space-y-3" noValidate submit="Add domain" pendingLabel="Adding…">
      {(state) => (
        <Field
          id="sso-domain"
          label="Domain"
          required
          maxLength={253}
          placeholder="example.com"
          hint="The part after @ in your people's email addresses."
          {...fromState(state, "domain")}
        />
      )}
    </ActionForm>
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
