"use client";
// The Delegated Administrator's forms: add a user, change roles (with a confirm step when apps would
// be suspended), remove a member (confirm step listing the apps).
import { useActionState, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit, ServerConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmailField } from "@/components/ui/email-password-fields";
import { Checkbox, CheckboxGroup } from "@/components/ui/field";
import { PanelForm } from "@/components/ui/panel-form";
import { addMemberAction, removeMemberAction, setMemberRolesAction } from "@/lib/actions/company";
import { type Role, ROLE_LABELS } from "@/lib/permissions";
import type { ConfirmFormState } from "@/lib/validation/companies";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";
import { FormMessage, ROLE_ORDER } from "./form-message";

function grantHint(grantable: readonly Role[]): string {
  return grantable.length
    ? `You can grant ${grantable.map((r) => ROLE_LABELS[r]).join(" and ")}: only roles you hold yourself.`
    : "You hold no role you could grant.";
}

function RoleCheckboxes({
  prefix,
  checked,
  grantable,
  errors,
}: {
  prefix: string;
  checked: readonly string[];
  grantable: readonly Role[];
  errors?: string[];
}) {
  const errorId = errors?.length ? `${prefix}-roles-error` : undefined;
  return (
    <CheckboxGroup legend="Roles" hint={grantHint(grantable)} errorId={`${prefix}-roles-error`} errors={errors}>
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
    </CheckboxGroup>
  );
}

/** "Add user": a primary button opening the form in a dialog; the outcome shows on the page. */
export function AddMemberForm({ grantable, companyName }: { grantable: Role[]; companyName: string }) {
  const [state, action] = useActionState(addMemberAction, EMPTY_FORM_STATE);
  const checked = state.ok ? ["API_DEVELOPER"] : (state.values?.roles?.split(",") ?? ["API_DEVELOPER"]);
  return (
    <PanelForm
      trigger="Add user"
      title="Add a user"
      description={`API Developers may register apps for ${companyName}; Delegated Administrators manage its users.`}
      state={state}
      action={action}
      fields={{ email: ["member-email", "Email"], roles: ["add-role-API_DEVELOPER", "Roles"] }}
      pendingLabel="Adding…"
    >
      <EmailField
        id="member-email"
        autoComplete="off"
        maxLength={254}
        hint="Someone without a verified account gets an invitation by email that takes effect when they sign up with this email and verify it."
        defaultValue={state.ok ? "" : state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <RoleCheckboxes
        key={state.ok ? "reset" : (state.values?.roles ?? "")}
        prefix="add"
        checked={checked}
        grantable={grantable}
        errors={state.fieldErrors?.roles}
      />
    </PanelForm>
  );
}

/**
 * What the confirm step says before a leaver loses access, so the DA knows what stops: the secrets and tokens that stop
 * working, and how the apps come back. Shared by both confirm steps.
 */
function LeaverConsequences({ who }: { who: string }) {
  return (
    <div className="mt-2 space-y-1" data-testid="leaver-consequences">
      <p>
        At once, every Client Secret of these apps is revoked, including any copy {who} kept, and every access token and refresh token they
        were issued stops working.
      </p>
      <p>
        The apps come back only when you reassign them to another API Developer, who gets a new Client Secret to reveal. Restore is only for
        apps you suspended yourself.
      </p>
    </div>
  );
}

function AppList({ apps }: { apps: { id: string; name: string; status: string }[] }) {
  return (
    <ul className="list-disc pl-5" aria-label="Apps that would be suspended">
      {apps.map((a) => (
        <li key={a.id}>
          {a.name} <span className="text-xs">({a.status.toLowerCase()})</span>
        </li>
      ))}
    </ul>
  );
}

/** Opens the server's confirmation dialog each time a new answer asks for one. */
function useServerConfirm(state: ConfirmFormState): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(Boolean(state.confirm));
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    setOpen(Boolean(state.confirm));
  }
  return [open, setOpen];
}

export function MemberRolesForm({
  membershipId,
  current,
  grantable,
  lastButOneAdmin = false,
  email = "this member",
}: {
  membershipId: string;
  current: Role[];
  grantable: Role[];
  /** The member is one of exactly two Delegated Administrators: demoting them leaves one. */
  lastButOneAdmin?: boolean;
  email?: string;
}) {
  const [state, action] = useActionState(setMemberRolesAction, EMPTY_FORM_STATE as ConfirmFormState);
  const checked = state.values?.roles !== undefined ? state.values.roles.split(",") : current;
  const [open, setOpen] = useServerConfirm(state);
  const form = useRef<HTMLFormElement>(null);
  const save = useRef<HTMLButtonElement>(null);
  const [demoting, setDemoting] = useState(false);
  const watchDemotion = () => {
    if (!form.current) return;
    const roles = new FormData(form.current).getAll("roles");
    setDemoting(lastButOneAdmin && current.includes("DELEGATED_ADMIN") && !roles.includes("DELEGATED_ADMIN"));
  };
  return (
    <form ref={form} action={action} onChange={watchDemotion} className="space-y-4" noValidate aria-label="Roles">
      <input type="hidden" name="membershipId" value={membershipId} />
      {open ? <input type="hidden" name="confirm" value="1" /> : null}
      <FormMessage state={state.confirm ? {} : state} />
      <RoleCheckboxes
        key={`${current.join(",")}|${state.values?.roles ?? ""}`}
        prefix="member"
        checked={checked}
        grantable={grantable}
        errors={state.fieldErrors?.roles}
      />
      {demoting ? (
        <ConfirmSubmit
          title={`Take Delegated Administrator away from ${email}?`}
          description={
            <p>
              The company is then left with one Delegated Administrator. If that person leaves or loses access, nobody in the company can
              manage its members and apps until the platform administrator nominates someone.
            </p>
          }
          confirmLabel="Save roles"
          pendingLabel="Saving…"
          triggerVariant="primary"
        >
          Save roles
        </ConfirmSubmit>
      ) : (
        <SaveButton buttonRef={save} />
      )}
      <ServerConfirmDialog
        open={open}
        onOpenChange={setOpen}
        formRef={form}
        returnTo={save}
        title="Suspend these apps?"
        confirmLabel="Confirm and suspend these apps"
      >
        <p>{state.message}</p>
        {state.confirm ? <AppList apps={state.confirm.apps} /> : null}
        <LeaverConsequences who="this member" />
      </ServerConfirmDialog>
    </form>
  );
}

function SaveButton({ buttonRef }: { buttonRef: React.RefObject<HTMLButtonElement | null> }) {
  return (
    <SubmitButton pendingLabel="Saving…" buttonRef={buttonRef}>
      Save roles
    </SubmitButton>
  );
}

export function RemoveMemberForm({ membershipId, email }: { membershipId: string; email: string }) {
  const [state, action] = useActionState(removeMemberAction, EMPTY_FORM_STATE as ConfirmFormState);
  const [open, setOpen] = useServerConfirm(state);
  const form = useRef<HTMLFormElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const apps = state.confirm?.apps ?? [];
  return (
    <form ref={form} action={action} className="space-y-3" aria-label="Remove from company">
      <input type="hidden" name="membershipId" value={membershipId} />
      {open ? <input type="hidden" name="confirm" value="1" /> : null}
      <FormMessage state={state.confirm ? {} : state} />
      <SubmitButton variant="danger" pendingLabel="Checking…" buttonRef={trigger}>
        Remove from company
      </SubmitButton>
      <ServerConfirmDialog
        open={open}
        onOpenChange={setOpen}
        formRef={form}
        returnTo={trigger}
        title={`Remove ${email}?`}
        confirmLabel="Confirm removal"
      >
        {apps.length ? (
          <>
            <p>
              Removing {email} suspends {apps.length === 1 ? "this app" : `these ${apps.length} apps`} of the company:
            </p>
            <AppList apps={apps} />
            <LeaverConsequences who={email} />
          </>
        ) : (
          <>
            <p>Remove {email} from the company? They own no active app here.</p>
            <p>They lose access to the company&apos;s pages now.</p>
          </>
        )}
      </ServerConfirmDialog>
    </form>
  );
}
