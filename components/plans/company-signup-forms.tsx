"use client";
// The "Company sign-up" setting (/admin/settings) and the company request form (/companies/request).
import { useActionState } from "react";
import { AdvisedChoices } from "@/components/ui/advised-choice";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field, fromState, TextareaField } from "@/components/ui/field";
import { requestCompanyAction, saveCompanySignUpAction } from "@/lib/actions/company-signup";
import { COMPANY_SIGNUP_LABELS, COMPANY_SIGNUP_MODES, type CompanySignUpMode } from "@/lib/validation/company-signup";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

const ADVICE: Record<CompanySignUpMode, string> = {
  nomination: "Only the platform administrator creates companies and nominates their Delegated Administrators.",
  request:
    "A verified person without a company asks at /companies/request; approving the request creates the company with them as its Delegated Administrator.",
  open: "A verified person without a company creates one at /companies/request at once, as its Delegated Administrator.",
};

export function CompanySignUpForm({ mode }: { mode: CompanySignUpMode }) {
  const [state, action] = useActionState(saveCompanySignUpAction, EMPTY_FORM_STATE);
  return (
    <form action={action} aria-label="Platform settings" className="space-y-4">
      {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
      <fieldset className="space-y-2" role="radiogroup" aria-label="Company sign-up">
        <legend className="text-sm font-medium">Company sign-up</legend>
        <AdvisedChoices
          type="radio"
          name="companySignUp"
          idPrefix="signup"
          choices={COMPANY_SIGNUP_MODES.map((m) => ({ value: m, label: COMPANY_SIGNUP_LABELS[m], advice: ADVICE[m] }))}
          checked={(m) => mode === m}
          shrink={false}
        />
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}

export function CompanyRequestForm({ mode }: { mode: CompanySignUpMode }) {
  const [state, action] = useActionState(requestCompanyAction, EMPTY_FORM_STATE);
  if (state.ok) return <Alert kind="success">{state.message}</Alert>;
  return (
    <form action={action} aria-label="Company request" className="max-w-2xl space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Field id="company-name" label="Company name" required maxLength={80} {...fromState(state, "name")} />
      <Field
        id="company-website"
        label="Website"
        type="url"
        maxLength={200}
        {...fromState(state, "website")}
        placeholder="https://example.com"
      />
      <TextareaField
        id="company-why"
        label="Why"
        rows={3}
        maxLength={1000}
        {...fromState(state, "why")}
        hint="What your company will build with the platform's APIs."
      />
      <SubmitButton pendingLabel="Sending…">{mode === "open" ? "Create company" : "Request company"}</SubmitButton>
    </form>
  );
}
