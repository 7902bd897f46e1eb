"use client";
// The Delegated Administrator's forms: add a user, change roles (with a confirm step when apps would
// be suspended), remove a member (confirm step listing the apps).
import { useActionState } from "react";
import { addMemberAction, removeMemberAction, setMemberRolesAction } from "@/app/(console)/company/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Checkbox, FieldErrors } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { ROLE_LABELS, type Role } from "@/lib/permissions";
import type { ConfirmFormState } from "@/lib/validation/companies";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";
import { FormMessage, ROLE_ORDER } from "./form-message";

function grantHint(grantable: readonly Role[]): string {
  return grantable.length
    ? `You can grant ${grantable.map((r) => ROLE_LABELS[r]).join(" and ")}: only roles you hold yourself.`
    : "You hold no role you could grant.";
}

function RoleCheckboxes({ prefix, checked, grantable, errors }: { prefix: string; checked: readonly string[]; grantable: readonly Role[]; errors?: string[] }) {
  const errorId = errors?.length ? `${prefix}-roles-error` : undefined;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Roles</legend>
      <p className="text-xs text-slate-600 dark:text-slate-400">{grantHint(grantable)}</p>
      {ROLE_ORDER.map((role) => (
        <Checkbox
          key={role}
          id={`${prefix}-role-${role}`}
          name="roles"
          value={role}
          label={ROLE_LABELS[role]}
          defaultChecked={checked.includes(role)}
          describedBy={errorId}
        />
      ))}
      <FieldErrors id={`${prefix}-roles-error`} errors={errors} />
    </fieldset>
  );
}

export function AddMemberForm({ grantable }: { grantable: Role[] }) {
  const [state, action] = useActionState(addMemberAction, EMPTY_FORM_STATE);
  const checked = state.ok ? ["API_DEVELOPER"] : (state.values?.roles?.split(",") ?? ["API_DEVELOPER"]);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Add a user">
      <FormMessage state={state} />
      <Field
        id="member-email"
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        required
        maxLength={254}
        hint="Someone without a verified account gets an invitation by email that takes effect when they sign up with this email and verify it."
        defaultValue={state.ok ? "" : state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <RoleCheckboxes key={state.ok ? "reset" : (state.values?.roles ?? "")} prefix="add" checked={checked} grantable={grantable} errors={state.fieldErrors?.roles} />
      <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
    </form>
  );
}

/**
 * What the confirm step says before a leaver loses access (issue 12): the secrets and tokens that stop
 * working, and how the apps come back. Shared by both confirm steps.
 */
function LeaverConsequences({ who }: { who: string }) {
  return (
    <div className="mt-2 space-y-1" data-testid="leaver-consequences">
      <p>
        At once, every Client Secret of these apps is revoked, including any copy {who} kept, and every access token and refresh token they were
        issued stops working.
      </p>
      <p>
        The apps come back only when you reassign them to another API Developer, who gets a new Client Secret to reveal. Restore is only for apps
        you suspended yourself.
      </p>
    </div>
  );
}

function AppList({ apps }: { apps: { id: string; name: string; status: string }[] }) {
  return (
    <ul className="mt-2 list-disc pl-5" aria-label="Apps that would be suspended">
      {apps.map((a) => (
        <li key={a.id}>
          {a.name} <span className="text-xs">({a.status.toLowerCase()})</span>
        </li>
      ))}
    </ul>
  );
}

export function MemberRolesForm({ membershipId, current, grantable }: { membershipId: string; current: Role[]; grantable: Role[] }) {
  const [state, action] = useActionState(setMemberRolesAction, EMPTY_FORM_STATE as ConfirmFormState);
  const checked = state.values?.roles !== undefined ? state.values.roles.split(",") : current;
  const confirming = Boolean(state.confirm);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Roles">
      <input type="hidden" name="membershipId" value={membershipId} />
      {confirming ? <input type="hidden" name="confirm" value="1" /> : null}
      {confirming ? (
        <Alert kind="error">
          <p>{state.message}</p>
          <AppList apps={state.confirm!.apps} />
          <LeaverConsequences who="this member" />
        </Alert>
      ) : (
        <FormMessage state={state} />
      )}
      <RoleCheckboxes key={`${current.join(",")}|${state.values?.roles ?? ""}`} prefix="member" checked={checked} grantable={grantable} errors={state.fieldErrors?.roles} />
      <SubmitButton variant={confirming ? "danger" : "primary"} pendingLabel="Saving…">
        {confirming ? "Confirm and suspend these apps" : "Save roles"}
      </SubmitButton>
    </form>
  );
}

export function RemoveMemberForm({ membershipId, email }: { membershipId: string; email: string }) {
  const [state, action] = useActionState(removeMemberAction, EMPTY_FORM_STATE as ConfirmFormState);
  const confirming = Boolean(state.confirm);
  return (
    <form action={action} className="space-y-3" aria-label="Remove from company">
      <input type="hidden" name="membershipId" value={membershipId} />
      {confirming ? <input type="hidden" name="confirm" value="1" /> : null}
      <FormMessage state={state} />
      {confirming ? (
        <Alert kind="error">
          {state.confirm!.apps.length ? (
            <>
              <p>
                Removing {email} suspends {state.confirm!.apps.length === 1 ? "this app" : `these ${state.confirm!.apps.length} apps`} of the company:
              </p>
              <AppList apps={state.confirm!.apps} />
              <LeaverConsequences who={email} />
            </>
          ) : (
            <p>Remove {email} from the company? They own no active app here.</p>
          )}
        </Alert>
      ) : null}
      <SubmitButton variant="danger" pendingLabel="Removing…">
        {confirming ? "Confirm removal" : "Remove from company"}
      </SubmitButton>
    </form>
  );
}
