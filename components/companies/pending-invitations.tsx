"use client";
// Pending invitations with a Withdraw button each. The list holds the form state, so the outcome stays
// on the page when the withdrawn row goes away.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { resendInvitationAction } from "@/lib/actions/accounts";
import { withdrawNominationAction } from "@/lib/actions/admin-companies";
import { withdrawInvitationAction } from "@/lib/actions/company";
import type { FormState } from "@/lib/validation/form-state";
import { EMPTY_FORM_STATE } from "@/lib/validation/form-state";
import { FormMessage } from "./form-message";

export interface PendingRow {
  id: string;
  email: string;
  detail: string;
}

/** "Resend" or "Withdraw" of one invitation (named "<verb> the invitation for <email>"). */
function InvitationButton({
  action,
  verb,
  pendingLabel,
  invitation,
  companyId,
}: {
  action: (form: FormData) => void;
  verb: string;
  pendingLabel: string;
  invitation: PendingRow;
  companyId?: string;
}) {
  return (
    <form action={action} aria-label={`${verb} the invitation for ${invitation.email}`}>
      {companyId ? <input type="hidden" name="companyId" value={companyId} /> : null}
      <input type="hidden" name="invitationId" value={invitation.id} />
      <SubmitButton variant="secondary" pendingLabel={pendingLabel}>
        {verb}
      </SubmitButton>
    </form>
  );
}

function List({
  rows,
  action,
  state,
  companyId,
  empty,
}: {
  rows: PendingRow[];
  action: ((form: FormData) => void) | null;
  state: FormState;
  companyId?: string;
  empty: string;
}) {
  const [resendState, resend] = useActionState(resendInvitationAction, EMPTY_FORM_STATE);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <FormMessage state={resendState} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
          aria-label="Pending invitations"
        >
          {rows.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-invitation={inv.email}>
              <div>
                <span className="font-medium">{inv.email}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{inv.detail}</span>
              </div>
              {action ? (
                <div className="flex gap-2">
                  <InvitationButton action={resend} verb="Resend" pendingLabel="Sending…" invitation={inv} companyId={companyId} />
                  <InvitationButton action={action} verb="Withdraw" pendingLabel="Withdrawing…" invitation={inv} companyId={companyId} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The Delegated Administrator's list (withdraw only when the DA may manage members). */
export function CompanyPendingInvitations({ rows, mayWithdraw }: { rows: PendingRow[]; mayWithdraw: boolean }) {
  const [state, action] = useActionState(withdrawInvitationAction, EMPTY_FORM_STATE);
  return <List rows={rows} action={mayWithdraw ? action : null} state={state} empty="No pending invitations." />;
}

/** The platform administrator's list on a company's page. */
export function AdminPendingInvitations({ rows, companyId }: { rows: PendingRow[]; companyId: string }) {
  const [state, action] = useActionState(withdrawNominationAction, EMPTY_FORM_STATE);
  return <List rows={rows} action={action} state={state} companyId={companyId} empty="None." />;
}
