"use client";
// The platform administrator's plans of one API (/admin/apis/<id>): one form per plan and one to add a
// plan. Blank limits are unlimited; one plan is the default for new subscriptions.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, Field } from "@/components/ui/field";
import { deletePlanAction, savePlanAction } from "@/lib/actions/admin-plans";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";

export interface PlanRow {
  id: string;
  name: string;
  ratePerMinute: number | null;
  callsPerDay: number | null;
  callsPerMonth: number | null;
  isDefault: boolean;
}

const LIMIT_FIELDS = [
  { id: "rate", name: "ratePerMinute", label: "Requests per minute", hint: "Blank: unlimited." },
  { id: "day", name: "callsPerDay", label: "Calls per day", hint: "UTC day. Blank: unlimited." },
  { id: "month", name: "callsPerMonth", label: "Calls per month", hint: "UTC month. Blank: unlimited." },
] as const; // read-only

const text = (n: number | null) => (n === null ? "" : String(n));

function PlanForm({ apiId, plan }: { apiId: string; plan: PlanRow | null }) {
  const [state, action] = useActionState(savePlanAction.bind(null, apiId, plan?.id ?? null), EMPTY_FORM_STATE);
  const [deleted, remove] = useActionState(deletePlanAction.bind(null, apiId, plan?.id ?? ""), EMPTY_FORM_STATE);
  const v = state.values ?? {
    name: plan?.name ?? "",
    ratePerMinute: text(plan?.ratePerMinute ?? null),
    callsPerDay: text(plan?.callsPerDay ?? null),
    callsPerMonth: text(plan?.callsPerMonth ?? null),
    isDefault: plan?.isDefault ? "on" : "",
  };
  const err = state.fieldErrors ?? {};
  const id = (k: string) => `plan-${plan?.id ?? "new"}-${k}`;
  const label = plan ? `Plan ${plan.name}` : "New plan";
  return (
    <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <form action={action} aria-label={label} className="space-y-3" noValidate>
        <h3 className="font-medium">
          {plan ? plan.name : "Add a plan"}
          {plan?.isDefault ? <span className="ml-2 text-sm font-normal text-slate-600 dark:text-slate-400">(default)</span> : null}
        </h3>
        {state.message ? <Alert kind={state.ok ? "success" : "error"}>{state.message}</Alert> : null}
        <Field id={id("name")} name="name" label="Plan name" required maxLength={60} defaultValue={v.name} errors={err.name} />
        <div className="grid gap-3 sm:grid-cols-3">
          {LIMIT_FIELDS.map((f) => (
            <Field key={f.name} id={id(f.id)} name={f.name} label={f.label} defaultValue={v[f.name]} errors={err[f.name]} hint={f.hint} />
          ))}
        </div>
        <Checkbox
          id={id("default")}
          name="isDefault"
          label="Default plan (new subscriptions get it)"
          defaultChecked={v.isDefault === "on"}
        />
        {err.isDefault ? <p className="text-sm text-red-700 dark:text-red-400">{err.isDefault.join(" ")}</p> : null}
        <SubmitButton pendingLabel="Saving…">{plan ? "Save plan" : "Add plan"}</SubmitButton>
      </form>
      {plan && !plan.isDefault ? (
        <form action={remove} aria-label={`Delete plan ${plan.name}`} className="mt-3">
          {deleted.message && !deleted.ok ? <Alert>{deleted.message}</Alert> : null}
          <SubmitButton variant="secondary" pendingLabel="Deleting…">
            Delete plan
          </SubmitButton>
        </form>
      ) : null}
    </div>
  );
}

export function PlansPanel({ apiId, plans }: { apiId: string; plans: PlanRow[] }) {
  return (
    <div className="space-y-4">
      {plans.map((plan) => (
        <PlanForm key={`${plan.id}:${plan.name}:${plan.isDefault}`} apiId={apiId} plan={plan} />
      ))}
      <PlanForm key={`new:${plans.length}`} apiId={apiId} plan={null} />
    </div>
  );
}
