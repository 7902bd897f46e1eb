"use client";
// The platform administrator's forms: create a company, nominate Delegated Administrators, suspend
// or restore, set API access (withdrawing nominations: pending-invitations.tsx).
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { controlClass, Field, fromState } from "@/components/ui/field";
import { InlineSelectForm } from "@/components/ui/inline-select-form";
import { PanelForm } from "@/components/ui/panel-form";
import { TextLink } from "@/components/ui/text-link";
import { createCompanyAction, nominateAction, setApiAccessAction, setCompanyStatusAction } from "@/lib/actions/admin-companies";
import { EMPTY_FORM_STATE, type FormState } from "@/lib/validation/form-state";
import { FormMessage } from "./form-message";

const DA_HINT =
  "One or more addresses, separated by commas. Someone without an account yet is nominated when they sign up with that email.";

/** "Delegated Administrator email" (contract label) of Create company and Nominate: emptied after a success. */
function DaEmailsField({ id, state }: { id: string; state: FormState }) {
  return (
    <Field
      id={id}
      label="Delegated Administrator email"
      {...fromState(state, "daEmails")}
      inputMode="email"
      autoComplete="off"
      required
      hint={DA_HINT}
    />
  );
}

/** "Create company": a primary button opening the form in a dialog; the outcome shows on the page. */
export function CreateCompanyForm() {
  const [state, action] = useActionState(createCompanyAction, EMPTY_FORM_STATE);
  return (
    <PanelForm
      trigger="Create company"
      title="Create a company"
      description="Nominate its Delegated Administrator: they add the company's users and give them roles. They receive the Delegated Administrator and API Developer roles."
      state={state}
      action={action}
      fields={{ name: ["company-name", "Company name"], daEmails: ["company-da-emails", "Delegated Administrator email"] }}
      pendingLabel="Creating…"
      after={
        state.ok && state.values?.createdId ? (
          <p className="text-sm">
            <TextLink className="font-medium" href={`/admin/companies/${state.values.createdId}`}>
              Open the new company
            </TextLink>
          </p>
        ) : null
      }
    >
      <Field id="company-name" label="Company name" {...fromState(state, "name")} required maxLength={100} />
      <DaEmailsField id="company-da-emails" state={state} />
    </PanelForm>
  );
}

export function NominateForm({ companyId }: { companyId: string }) {
  const [state, action] = useActionState(nominateAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Nominate Delegated Administrators">
      <input type="hidden" name="companyId" value={companyId} />
      <FormMessage state={state} />
      <DaEmailsField id="nominate-da-emails" state={state} />
      <SubmitButton pendingLabel="Nominating…">Nominate</SubmitButton>
    </form>
  );
}

export function CompanyStatusForm({ companyId, status, name }: { companyId: string; status: string; name: string }) {
  const [state, action] = useActionState(setCompanyStatusAction, EMPTY_FORM_STATE);
  const suspend = status !== "SUSPENDED";
  return (
    <form action={action} className="space-y-3" aria-label="Company status">
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="status" value={suspend ? "SUSPENDED" : "ACTIVE"} />
      <FormMessage state={state} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {suspend
          ? `Suspending ${name} stops its apps from getting tokens. Its members keep their accounts.`
          : `Restoring ${name} lets its apps get tokens again.`}
      </p>
      {suspend ? (
        <ConfirmSubmit
          title={`Suspend ${name}?`}
          description={
            <p>
              Every app of {name} stops getting tokens now, and the tokens they hold stop working. Its members keep their accounts; you can
              restore it later.
            </p>
          }
          confirmLabel="Suspend company"
          pendingLabel="Suspending…"
        >
          Suspend company
        </ConfirmSubmit>
      ) : (
        <ConfirmSubmit
          title={`Restore ${name}?`}
          description={<p>The apps of {name} can get tokens again with their Client IDs and secrets.</p>}
          confirmLabel="Restore company"
          pendingLabel="Restoring…"
          variant="primary"
        >
          Restore company
        </ConfirmSubmit>
      )}
    </form>
  );
}

export function ApiAccessForm({
  companyId,
  api,
}: {
  companyId: string;
  api: { id: string; name: string; choice: string; openToAll: boolean };
}) {
  const id = `access-${api.id}`;
  return (
    <InlineSelectForm
      action={setApiAccessAction}
      label={`Access to ${api.name}`}
      hidden={{ companyId, apiId: api.id }}
      selectId={id}
      submit="Save"
      pendingLabel="Saving…"
    >
      <select id={id} name="access" defaultValue={api.choice} key={api.choice} className={`${controlClass} px-2 py-1`}>
        <option value="default">Catalog default ({api.openToAll ? "open to all" : "not open"})</option>
        <option value="allow">Allowed</option>
        <option value="deny">Not allowed</option>
      </select>
    </InlineSelectForm>
  );
}
