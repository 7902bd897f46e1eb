"use client";
// A Delegated Administrator's actions on one app of the company: reassign, restore, suspend; and on
// the company's stale apps at once ("Deactivate stale apps", behind a confirmation).
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { ConfirmSubmit } from "@/components/ui/confirm-dialog";
import { controlClass, Options } from "@/components/ui/field";
import { InlineSelectForm } from "@/components/ui/inline-select-form";
import { deactivateStaleAppsAction, reassignAppAction, setCompanyAppStatusAction } from "@/lib/actions/company";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";
import { FormMessage } from "./form-message";

const selectClass = `${controlClass} px-2 py-1`;

export function ReassignAppForm({
  appId,
  appName,
  developers,
}: {
  appId: string;
  appName: string;
  developers: { id: string; label: string }[];
}) {
  const id = `reassign-${appId}`;
  return (
    <InlineSelectForm
      action={reassignAppAction}
      label={`Reassign ${appName}`}
      hidden={{ appId }}
      selectId={id}
      selectLabel={<>New owner of {appName}</>}
      submit="Reassign"
      pendingLabel="Reassigning…"
    >
      <select id={id} name="toUserId" defaultValue="" className={`${selectClass} w-full max-w-60`}>
        <option value="" disabled>
          New owner: choose an API Developer
        </option>
        <Options options={developers.map((d) => [d.id, d.label])} />
      </select>
    </InlineSelectForm>
  );
}

/** Restore (when suspended) or suspend (otherwise): one form that stays on the page, so its message does too. */
export function AppStatusForm({
  appId,
  appName,
  status,
  leaver = false,
}: {
  appId: string;
  appName: string;
  status: string;
  leaver?: boolean;
}) {
  const [state, action] = useActionState(setCompanyAppStatusAction, EMPTY_FORM_STATE);
  const suspended = status === "SUSPENDED";
  // A leaver's app comes back only by reassigning it (a new Client Secret for the new owner).
  if (suspended && leaver) {
    return (
      <p className="text-xs text-slate-600 dark:text-slate-400" aria-label={`Status of ${appName}`}>
        Its owner left: reassign it to bring it back. The new owner gets a new Client Secret.
      </p>
    );
  }
  const id = `suspend-reason-${appId}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label={`Status of ${appName}`}>
      <input type="hidden" name="appId" value={appId} />
      <input type="hidden" name="to" value={suspended ? "ACTIVE" : "SUSPENDED"} />
      {suspended ? null : (
        <>
          <label htmlFor={id} className="sr-only">
            Reason for suspending {appName}
          </label>
          <input id={id} name="reason" maxLength={200} placeholder="Reason (optional)" className={`${selectClass} w-full max-w-44`} />
        </>
      )}
      {suspended ? (
        <SubmitButton variant="secondary" pendingLabel="Restoring…">
          Restore
        </SubmitButton>
      ) : (
        <ConfirmSubmit
          title={`Suspend ${appName}?`}
          description={
            <p>
              {appName} gets no tokens, and the tokens it holds stop working now. Its developer sees it as suspended until you restore it.
            </p>
          }
          confirmLabel="Suspend"
          pendingLabel="Suspending…"
          ariaLabel={`Suspend ${appName}`}
        >
          Suspend
        </ConfirmSubmit>
      )}
      <FormMessage state={state} />
    </form>
  );
}

/** "Deactivate stale apps": every app without a token for the stale period becomes inactive, after a confirmation. */
export function DeactivateStaleAppsForm({ count, days }: { count: number; days: number }) {
  const [state, action] = useActionState(deactivateStaleAppsAction, EMPTY_FORM_STATE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label="Stale apps">
      {/* Rendered with no stale app left too, so the result of the last deactivation stays in view. */}
      {count > 0 ? (
        <ConfirmSubmit
          title={`Deactivate ${count} stale app${count === 1 ? "" : "s"}?`}
          description={
            <p>
              Every active app of the company that got no token for {days} days becomes inactive: it gets no tokens, and the tokens it holds
              stop working. Its developer can reactivate it on the app&apos;s page.
            </p>
          }
          confirmLabel="Deactivate"
          pendingLabel="Deactivating…"
          triggerVariant="secondary"
        >
          Deactivate stale apps
        </ConfirmSubmit>
      ) : null}
      <FormMessage state={state} />
    </form>
  );
}
